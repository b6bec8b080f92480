// A small in-process layer in front of Redis: the bot may spend at most three Redis round trips on an
// update and the session already takes two, so hot catalog reads must usually cost none.

interface Entry {
  value: unknown;
  expiresAt: number;
  /** the invalidation group the entry belongs to, if any */
  group: string | undefined;
}

export interface MemoryCache {
  get(key: string): { value: unknown } | undefined;
  set(key: string, value: unknown, ttlMs: number, group?: string): void;
  dropGroup(group: string): void;
  size(): number;
}

export function createMemoryCache(opts: { maxEntries: number; now?: () => number }): MemoryCache {
  const now = opts.now ?? Date.now;
  const entries = new Map<string, Entry>();
  return {
    get(key) {
      const e = entries.get(key);
      if (!e) return undefined;
      if (e.expiresAt <= now()) {
        entries.delete(key);
        return undefined;
      }
      return { value: e.value };
    },
    set(key, value, ttlMs, group) {
      if (ttlMs <= 0) return;
      entries.delete(key);
      entries.set(key, { value, expiresAt: now() + ttlMs, group });
      // Maps iterate in insertion order, so the first keys are the oldest writes.
      while (entries.size > opts.maxEntries) {
        const oldest = entries.keys().next();
        if (oldest.done) break;
        entries.delete(oldest.value);
      }
    },
    dropGroup(group) {
      for (const [k, e] of entries) if (e.group === group) entries.delete(k);
    },
    size: () => entries.size,
  };
}

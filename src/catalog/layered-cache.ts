// Memory, then Redis, then the hospital, with one fetch per key however many callers ask at once: inside
// a process they share the promise; across processes a short Redis fill lock (SET NX PX) lets one fetch
// while the others wait briefly for its value, and fetch themselves if it does not come.
// Redis failing degrades to fetching directly: browsing must not depend on the cache being up.
import { randomBytes } from "node:crypto";
import type { Redis } from "ioredis";
import type { Logger } from "../observability/logger.js";
import { sleep } from "../time/wait.js";
import { createMemoryCache } from "./memory-cache.js";

export interface CacheEntrySpec {
  key: string;
  ttlMs: number;
  /** in-process lifetime; capped at ttlMs */
  memoryTtlMs: number;
  /** an invalidation group: every key written under it can be dropped at once */
  group?: string;
}

export interface LayeredCache {
  get<T>(spec: CacheEntrySpec, fetch: () => Promise<T>): Promise<T>;
  /** drops every entry of the group, here and in Redis */
  invalidate(group: string): Promise<void>;
}

export interface LayeredCacheOptions {
  redis: Redis;
  logger: Logger;
  memoryMaxEntries?: number;
  /** how long a fill lock lives if its holder dies mid-fetch */
  lockMs?: number;
  /** how long a caller waits for another process's fill before fetching itself */
  waitMs?: number;
  pollMs?: number;
  /** each wait for a fetch another caller started (here or in another process), in ms */
  onSharedWait?: (ms: number) => void;
}

// Value write, lock release and group registration in one round trip.
const STORE = `
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
if redis.call('GET', KEYS[2]) == ARGV[3] then redis.call('DEL', KEYS[2]) end
if KEYS[3] then
  redis.call('SADD', KEYS[3], KEYS[1])
  redis.call('PEXPIRE', KEYS[3], ARGV[2])
end
return 1`;

const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

const DROP_GROUP = `
local members = redis.call('SMEMBERS', KEYS[1])
for _, k in ipairs(members) do redis.call('DEL', k) end
redis.call('DEL', KEYS[1])
return #members`;

export function createLayeredCache(opts: LayeredCacheOptions): LayeredCache {
  const { redis, logger } = opts;
  const memory = createMemoryCache({ maxEntries: opts.memoryMaxEntries ?? 1000 });
  const lockMs = opts.lockMs ?? 10_000;
  const waitMs = opts.waitMs ?? 3_000;
  const pollMs = opts.pollMs ?? 50;
  const inFlight = new Map<string, { promise: Promise<unknown>; group: string | undefined }>();
  /** bumped by invalidate(), so a fetch that started before it does not write its stale answer back */
  const generations = new Map<string, number>();
  const generation = (group: string | undefined) => (group ? (generations.get(group) ?? 0) : 0);

  function redisFailed(op: string, e: unknown): void {
    logger.warn({ op, err: e instanceof Error ? e.message : String(e) }, "catalog cache: Redis unavailable");
  }

  function decode(raw: string | null): { value: unknown } | undefined {
    if (raw === null) return undefined;
    try {
      return { value: JSON.parse(raw) };
    } catch {
      return undefined;
    }
  }

  async function readRedis(key: string): Promise<{ value: unknown } | undefined> {
    try {
      return decode(await redis.get(key));
    } catch (e) {
      redisFailed("get", e);
      return undefined;
    }
  }

  /** true when we hold the lock or Redis cannot say (then we fetch anyway) */
  async function lock(lockKey: string, token: string): Promise<boolean> {
    try {
      return (await redis.set(lockKey, token, "PX", lockMs, "NX")) === "OK";
    } catch (e) {
      redisFailed("lock", e);
      return true;
    }
  }

  /** Polls for another process's value; gives up when its lock vanishes without one, or after waitMs. */
  async function waitForFill(key: string, lockKey: string): Promise<{ value: unknown } | undefined> {
    const deadline = Date.now() + waitMs;
    while (Date.now() < deadline) {
      await sleep(pollMs);
      let values: (string | null)[];
      try {
        values = await redis.mget(key, lockKey);
      } catch (e) {
        redisFailed("mget", e);
        return undefined;
      }
      const hit = decode(values[0] ?? null);
      if (hit) return hit;
      if (values[1] == null) return undefined;
    }
    return undefined;
  }

  async function store(spec: CacheEntrySpec, lockKey: string, token: string, value: unknown): Promise<void> {
    const keys = spec.group ? [spec.key, lockKey, spec.group] : [spec.key, lockKey];
    try {
      // PX takes whole milliseconds only.
      const px = Math.max(1, Math.round(spec.ttlMs));
      await redis.eval(STORE, keys.length, ...keys, JSON.stringify(value), px, token);
    } catch (e) {
      redisFailed("store", e);
    }
  }

  async function release(lockKey: string, token: string): Promise<void> {
    try {
      await redis.eval(RELEASE, 1, lockKey, token);
    } catch (e) {
      redisFailed("release", e);
    }
  }

  /** reports the wait; the callback runs in the waiting caller's async context */
  function timed<T>(wait: Promise<T>): Promise<T> {
    const report = opts.onSharedWait;
    if (!report) return wait;
    const started = performance.now();
    return wait.finally(() => report(performance.now() - started));
  }

  async function load<T>(spec: CacheEntrySpec, fetch: () => Promise<T>): Promise<T> {
    const memoryTtl = Math.min(spec.memoryTtlMs, spec.ttlMs);
    const startedGen = generation(spec.group);
    const cached = await readRedis(spec.key);
    if (cached) {
      memory.set(spec.key, cached.value, memoryTtl, spec.group);
      return cached.value as T;
    }
    const lockKey = `${spec.key}:lock`;
    const token = randomBytes(8).toString("hex");
    if (!(await lock(lockKey, token))) {
      const filled = await timed(waitForFill(spec.key, lockKey));
      if (filled) {
        memory.set(spec.key, filled.value, memoryTtl, spec.group);
        return filled.value as T;
      }
    }
    let value: T;
    try {
      value = await fetch();
    } catch (e) {
      await release(lockKey, token);
      throw e;
    }
    if (generation(spec.group) !== startedGen) {
      await release(lockKey, token);
      return value;
    }
    await store(spec, lockKey, token, value);
    memory.set(spec.key, value, memoryTtl, spec.group);
    return value;
  }

  return {
    get<T>(spec: CacheEntrySpec, fetch: () => Promise<T>): Promise<T> {
      const hit = memory.get(spec.key);
      if (hit) return Promise.resolve(hit.value as T);
      const pending = inFlight.get(spec.key);
      if (pending) return timed(pending.promise as Promise<T>);
      const promise = load(spec, fetch).finally(() => {
        if (inFlight.get(spec.key)?.promise === promise) inFlight.delete(spec.key);
      });
      inFlight.set(spec.key, { promise, group: spec.group });
      return promise;
    },

    async invalidate(group) {
      generations.set(group, generation(group) + 1);
      memory.dropGroup(group);
      for (const [k, f] of inFlight) if (f.group === group) inFlight.delete(k);
      try {
        await redis.eval(DROP_GROUP, 1, group);
      } catch (e) {
        redisFailed("invalidate", e);
      }
    },
  };
}

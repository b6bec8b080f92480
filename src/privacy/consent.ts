// The patient's consent to the privacy notice, as the PIPL asks for sensitive personal information:
// separate, informed, and provable. One record per Telegram user (`${prefix}consent:${userId}`) holds
// the notice version agreed to and when; a new version of the notice (PRIVACY_NOTICE_VERSION, changed
// with the notice's text in the locales) asks again. Kept until /deletedata: it is the proof.
import type { Redis } from "ioredis";
import { z } from "zod";

/** Change this whenever the notice's substance changes (zh/en `consent.notice`): everyone is asked again. */
export const PRIVACY_NOTICE_VERSION = "2026-12-01";

const recordSchema = z.object({ version: z.string(), at: z.string() });
export type ConsentRecord = { version: string; at: Date };

export interface ConsentStore {
  /** the notice version every patient must have agreed to */
  readonly version: string;
  get(userId: number): Promise<ConsentRecord | undefined>;
  /** true when the user agreed to the current version */
  hasAgreed(userId: number): Promise<boolean>;
  record(userId: number): Promise<ConsentRecord>;
  inventoryOf(userId: number): Promise<{ count: number; since?: Date }>;
  eraseUser(userId: number): Promise<void>;
}

export function createConsentStore(opts: {
  redis: Redis;
  prefix: string;
  now: () => Date;
  version?: string;
}): ConsentStore {
  const key = (userId: number) => `${opts.prefix}consent:${userId}`;
  const version = opts.version ?? PRIVACY_NOTICE_VERSION;
  const get = async (userId: number): Promise<ConsentRecord | undefined> => {
    const raw = await opts.redis.get(key(userId));
    if (raw === null) return undefined;
    try {
      const parsed = recordSchema.safeParse(JSON.parse(raw));
      return parsed.success ? { version: parsed.data.version, at: new Date(parsed.data.at) } : undefined;
    } catch {
      return undefined;
    }
  };
  return {
    version,
    get,
    async hasAgreed(userId) {
      return (await get(userId))?.version === version;
    },
    async record(userId) {
      const at = opts.now();
      await opts.redis.set(key(userId), JSON.stringify({ version, at: at.toISOString() }));
      return { version, at };
    },
    async inventoryOf(userId) {
      const r = await get(userId);
      return r ? { count: 1, since: r.at } : { count: 0 };
    },
    async eraseUser(userId) {
      await opts.redis.del(key(userId));
    },
  };
}

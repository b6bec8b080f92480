// Bookings per Telegram user in one Redis hash each, so every process sees the same record and the
// ownership check is a lookup in the asking user's own hash: another user's order id simply is not there.
import type { Redis } from "ioredis";
import { type BookingRecord, bookingRecordSchema } from "./record.js";

/** Records are kept a year after their last change. */
const RETENTION_SECONDS = 366 * 86_400;

export interface BookingRecords {
  add(userId: number, record: BookingRecord): Promise<void>;
  list(userId: number): Promise<BookingRecord[]>;
  get(userId: number, id: string): Promise<BookingRecord | undefined>;
  update(userId: number, id: string, patch: Partial<BookingRecord>): Promise<BookingRecord | undefined>;
  /** how many records, and since when the oldest was placed (for /privacy) */
  inventoryOf(userId: number): Promise<{ count: number; since?: Date }>;
  /** every record of the user, and the order claims that name them (for /deletedata) */
  eraseUser(userId: number): Promise<void>;
  /** removes, for every user, the records of visits before `day` (yyyy-MM-dd); returns how many */
  removeVisitsBefore(day: string): Promise<number>;
  /** puts `record` in place of the record `oldId` in one transaction (a placing record becoming booked) */
  replace(userId: number, oldId: string, record: BookingRecord): Promise<void>;
  remove(userId: number, id: string): Promise<void>;
}

export function createBookingRecords(opts: { redis: Redis; prefix: string }): BookingRecords {
  const key = (userId: number) => `${opts.prefix}bookings:${userId}`;
  const parse = (raw: string | null): BookingRecord | undefined => {
    if (raw === null) return undefined;
    try {
      const r = bookingRecordSchema.safeParse(JSON.parse(raw));
      return r.success ? r.data : undefined;
    } catch {
      return undefined;
    }
  };
  const put = async (userId: number, record: BookingRecord) => {
    await opts.redis
      .multi()
      .hset(key(userId), record.id, JSON.stringify(record))
      .expire(key(userId), RETENTION_SECONDS)
      .exec();
  };
  return {
    add: put,
    async replace(userId, oldId, record) {
      const tx = opts.redis.multi();
      if (oldId !== record.id) tx.hdel(key(userId), oldId);
      await tx
        .hset(key(userId), record.id, JSON.stringify(record))
        .expire(key(userId), RETENTION_SECONDS)
        .exec();
    },
    async remove(userId, id) {
      await opts.redis.hdel(key(userId), id);
    },
    async list(userId) {
      const all = await opts.redis.hvals(key(userId));
      return all.map(parse).filter((r): r is BookingRecord => r !== undefined);
    },
    async get(userId, id) {
      return parse(await opts.redis.hget(key(userId), id));
    },
    async inventoryOf(userId) {
      const all = (await opts.redis.hvals(key(userId))).map(parse).filter((r) => r !== undefined);
      const oldest = all.map((r) => r.placedAt).sort()[0];
      return { count: all.length, since: oldest ? new Date(oldest) : undefined };
    },
    async eraseUser(userId) {
      const raw = await opts.redis.hgetall(key(userId));
      // the claims that made or are cancelling these orders name them; they go with the records
      const claims = new Set<string>();
      for (const [id, value] of Object.entries(raw)) {
        claims.add(`${opts.prefix}cancel:${id}`);
        if (id.startsWith("u-")) claims.add(`${opts.prefix}attempt:${id.slice(2)}`);
        const attemptId = attemptIdOf(value);
        if (attemptId) claims.add(`${opts.prefix}attempt:${attemptId}`);
      }
      // a placed order's claim is keyed by its attempt, which older records do not name: found by value
      const ids = new Set(Object.keys(raw));
      let cursor = "0";
      do {
        const [next, keys] = await opts.redis.scan(cursor, "MATCH", `${opts.prefix}attempt:*`, "COUNT", 500);
        cursor = next;
        if (keys.length === 0) continue;
        const values = await opts.redis.mget(...keys);
        keys.forEach((k, i) => {
          const v = values[i];
          if (v && ids.has(v)) claims.add(k);
        });
      } while (cursor !== "0");
      await opts.redis.del(key(userId), ...claims);
    },
    async removeVisitsBefore(day) {
      let removed = 0;
      let cursor = "0";
      do {
        const [next, keys] = await opts.redis.scan(cursor, "MATCH", `${opts.prefix}bookings:*`, "COUNT", 200);
        cursor = next;
        for (const k of keys) {
          const old = Object.entries(await opts.redis.hgetall(k))
            .filter(([, raw]) => {
              const r = parse(raw);
              return r !== undefined && r.beginTime.slice(0, 10) < day;
            })
            .map(([field]) => field);
          if (old.length > 0) removed += await opts.redis.hdel(k, ...old);
        }
      } while (cursor !== "0");
      return removed;
    },
    async update(userId, id, patch) {
      const current = parse(await opts.redis.hget(key(userId), id));
      if (!current) return undefined;
      const next = { ...current, ...patch, id: current.id };
      await put(userId, next);
      return next;
    },
  };
}

/** The attempt a record was placed under, if the record names it (records written ahead do). */
function attemptIdOf(raw: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed === "object" && parsed !== null && "attemptId" in parsed) {
      const id = parsed.attemptId;
      return typeof id === "string" ? id : undefined;
    }
  } catch {
    // not JSON: nothing to follow
  }
  return undefined;
}

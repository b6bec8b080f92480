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
    async update(userId, id, patch) {
      const current = parse(await opts.redis.hget(key(userId), id));
      if (!current) return undefined;
      const next = { ...current, ...patch, id: current.id };
      await put(userId, next);
      return next;
    },
  };
}

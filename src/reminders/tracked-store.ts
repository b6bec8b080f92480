// What the bot keeps per user about the bookings it looks after, in keys that carry the user id in one
// place (`${prefix}aftercare:${userId}` and `…:jobs`), so /deletedata can find them all:
// - `b:<bookingId>`: which doctor's schedule to re-check, the patient's language;
// - `sent:<bookingId>:<offset>` and `stop:<bookingId>`: "already told" marks, set with HSETNX before a
//   message goes out, which is what makes each reminder and each stop-clinic alert go out once however
//   many processes run the job;
// - the jobs set: every background job id scheduled for the user, so cancelling a booking or erasing the
//   user removes exactly those jobs (waiting, delayed or finished-and-kept).
import type { ChainableCommander, Redis } from "ioredis";
import { z } from "zod";

export const trackedSchema = z.object({
  bookingId: z.string(),
  unitId: z.string(),
  /** unknown for bookings made before this feature: they get reminders but no stop-clinic checks */
  depId: z.string().optional(),
  doctorId: z.string().optional(),
  scheduleId: z.string().optional(),
  /** the patient's language when they booked; absent = both languages */
  lang: z.enum(["zh", "en"]).optional(),
  trackedAt: z.string(),
});
export type Tracked = z.infer<typeof trackedSchema>;

export interface JobRef {
  queue: string;
  id: string;
  bookingId: string;
}

export interface TrackedStore {
  get(userId: number, bookingId: string): Promise<Tracked | undefined>;
  list(userId: number): Promise<Tracked[]>;
  /** the patient's language for a booking's messages: a field of its own, so no read comes first */
  setLang(userId: number, bookingId: string, lang: "zh" | "en"): Promise<void>;
  /** the entry and the ids of jobs just scheduled for it, in one round trip */
  put(userId: number, entry: Tracked, keepUntil: Date, refs?: JobRef[]): Promise<void>;
  /** true for the first caller only */
  claimMark(userId: number, mark: string): Promise<boolean>;
  releaseMark(userId: number, mark: string): Promise<void>;
  hasMark(userId: number, mark: string): Promise<boolean>;
  addJob(userId: number, ref: JobRef): Promise<void>;
  jobs(userId: number, bookingId?: string): Promise<JobRef[]>;
  /** the booking's entry and marks, and the given job refs */
  forget(userId: number, bookingId: string, refs: JobRef[]): Promise<void>;
  eraseUser(userId: number): Promise<void>;
}

export function createTrackedStore(opts: { redis: Redis; prefix: string; now: () => Date }): TrackedStore {
  const { redis } = opts;
  const hash = (u: number) => `${opts.prefix}aftercare:${u}`;
  const jobsKey = (u: number) => `${opts.prefix}aftercare:${u}:jobs`;
  const encodeRef = (r: JobRef) => JSON.stringify([r.queue, r.id, r.bookingId]);
  const refSchema = z.tuple([z.string(), z.string(), z.string()]);
  const decodeRef = (raw: string): JobRef | undefined => {
    try {
      const p = refSchema.safeParse(JSON.parse(raw));
      return p.success ? { queue: p.data[0], id: p.data[1], bookingId: p.data[2] } : undefined;
    } catch {
      return undefined;
    }
  };
  const langSchema = trackedSchema.shape.lang.unwrap();
  const withLang = (entry: Tracked | undefined, raw: string | null | undefined): Tracked | undefined => {
    const lang = langSchema.safeParse(raw);
    return entry && lang.success ? { ...entry, lang: lang.data } : entry;
  };
  const parse = (raw: string | null | undefined): Tracked | undefined => {
    if (!raw) return undefined;
    try {
      const p = trackedSchema.safeParse(JSON.parse(raw));
      return p.success ? p.data : undefined;
    } catch {
      return undefined;
    }
  };

  /** Keys live until the last visit they serve is well past; a later visit only ever extends them. */
  function keepIn(m: ChainableCommander, u: number, until: Date): ChainableCommander {
    const seconds = Math.max(60, Math.ceil((until.getTime() - opts.now().getTime()) / 1000));
    return m
      .expire(hash(u), seconds, "NX")
      .expire(hash(u), seconds, "GT")
      .expire(jobsKey(u), seconds, "NX")
      .expire(jobsKey(u), seconds, "GT");
  }

  return {
    async get(u, bookingId) {
      const [entry, lang] = await redis.hmget(hash(u), `b:${bookingId}`, `lang:${bookingId}`);
      return withLang(parse(entry), lang);
    },
    async list(u) {
      const all = await redis.hgetall(hash(u));
      return Object.entries(all)
        .filter(([k]) => k.startsWith("b:"))
        .map(([k, v]) => withLang(parse(v), all[`lang:${k.slice(2)}`]))
        .filter((e): e is Tracked => e !== undefined);
    },
    async setLang(u, bookingId, lang) {
      await redis.hset(hash(u), `lang:${bookingId}`, lang);
    },
    async put(u, entry, keepUntil, refs = []) {
      const m = redis.multi().hset(hash(u), `b:${entry.bookingId}`, JSON.stringify(entry));
      if (refs.length > 0) m.sadd(jobsKey(u), ...refs.map(encodeRef));
      await keepIn(m, u, keepUntil).exec();
    },
    async claimMark(u, mark) {
      return (await redis.hsetnx(hash(u), mark, opts.now().toISOString())) === 1;
    },
    async releaseMark(u, mark) {
      await redis.hdel(hash(u), mark);
    },
    async hasMark(u, mark) {
      return (await redis.hexists(hash(u), mark)) === 1;
    },
    async addJob(u, ref) {
      await redis.sadd(jobsKey(u), encodeRef(ref));
    },
    async jobs(u, bookingId) {
      const refs = (await redis.smembers(jobsKey(u))).map(decodeRef).filter((r): r is JobRef => !!r);
      return bookingId === undefined ? refs : refs.filter((r) => r.bookingId === bookingId);
    },
    async forget(u, bookingId, refs) {
      const fields = Object.keys(await redis.hgetall(hash(u))).filter(
        (k) =>
          k === `b:${bookingId}` ||
          k === `lang:${bookingId}` ||
          k === `stop:${bookingId}` ||
          k.startsWith(`sent:${bookingId}:`),
      );
      const m = redis.multi();
      if (fields.length > 0) m.hdel(hash(u), ...fields);
      if (refs.length > 0) m.srem(jobsKey(u), ...refs.map(encodeRef));
      await m.exec();
    },
    async eraseUser(u) {
      await redis.del(hash(u), jobsKey(u));
    },
  };
}

// A doctor's schedule list as one shared, timestamped read (CONTRACTS.md §1): whoever needs to know
// whether a doctor's sessions are still there (a stop-clinic check, a watch's poll) asks here with how old
// an answer they accept, and every process reuses the last answer recorded in Redis instead of asking the
// hospital again. When no recent answer covers the range, one process fetches (a Redis claim makes it
// single-flight across replicas) and the others wait briefly for its record.
// This is the reminders branch's minimal version of the interface; the watch feature owns the full one.
import type { Redis } from "ioredis";
import { z } from "zod";
import type { DepId, DoctorId, HospitalApi, IsoDate, Schedule, UnitId } from "../hospital/types.js";
import type { Logger } from "../observability/logger.js";

export interface ScheduleSnapshot {
  /** ms, app clock */
  fetchedAt: number;
  schedules: Schedule[];
}

export interface ScheduleSnapshots {
  /** A doctor's schedule list over [from, to]. Reuses a snapshot any process recorded within maxAgeMs
   *  (the watch engine's polls record theirs) that covers the range; otherwise fetches once for all
   *  processes (single-flight across replicas) and records it. */
  get(
    unitId: UnitId,
    depId: DepId,
    doctorId: DoctorId,
    from: IsoDate,
    to: IsoDate,
    maxAgeMs: number,
  ): Promise<ScheduleSnapshot>;
}

const scheduleSchema = z.object({
  scheduleId: z.string(),
  unitId: z.string(),
  depId: z.string(),
  doctorId: z.string(),
  date: z.string(),
  period: z.enum(["am", "pm", "em"]),
  levelName: z.string(),
  fee: z.number(),
  capacity: z.number(),
  available: z.number(),
});
const storedSchema = z.object({
  fetchedAt: z.number(),
  from: z.string(),
  to: z.string(),
  schedules: z.array(scheduleSchema),
});
type Stored = z.infer<typeof storedSchema>;

/** A record outlives any sensible maxAge; it is only a cache. */
const KEEP_SECONDS = 86_400;
const CLAIM_MS = 15_000;
const WAIT_MS = 3_000;
const POLL_MS = 50;

export function createScheduleSnapshots(opts: {
  api: HospitalApi;
  redis: Redis;
  prefix: string;
  now: () => Date;
  logger: Logger;
}): ScheduleSnapshots {
  const enc = (s: string) => encodeURIComponent(s);
  const keyOf = (u: UnitId, d: DepId, doc: DoctorId) =>
    `${opts.prefix}snapshots:${enc(u)}:${enc(d)}:${enc(doc)}`;

  async function read(key: string): Promise<Stored | undefined> {
    const raw = await opts.redis.get(key);
    if (raw === null) return undefined;
    try {
      const parsed = storedSchema.safeParse(JSON.parse(raw));
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  }

  const usable = (s: Stored | undefined, from: IsoDate, to: IsoDate, maxAgeMs: number): s is Stored =>
    s !== undefined && opts.now().getTime() - s.fetchedAt <= maxAgeMs && s.from <= from && s.to >= to;

  const within = (s: Stored, from: IsoDate, to: IsoDate): ScheduleSnapshot => ({
    fetchedAt: s.fetchedAt,
    schedules: s.schedules.filter((x) => x.date >= from && x.date <= to),
  });

  async function fetchAndRecord(
    key: string,
    q: { unitId: UnitId; depId: DepId; doctorId: DoctorId; from: IsoDate; to: IsoDate },
  ): Promise<ScheduleSnapshot> {
    const schedules = await opts.api.listSchedules({
      unitId: q.unitId,
      depId: q.depId,
      doctorId: q.doctorId,
      beginDate: q.from,
      endDate: q.to,
    });
    const stored: Stored = { fetchedAt: opts.now().getTime(), from: q.from, to: q.to, schedules };
    await opts.redis.set(key, JSON.stringify(stored), "EX", KEEP_SECONDS);
    return { fetchedAt: stored.fetchedAt, schedules };
  }

  return {
    async get(unitId, depId, doctorId, from, to, maxAgeMs) {
      const key = keyOf(unitId, depId, doctorId);
      const first = await read(key);
      if (usable(first, from, to, maxAgeMs)) return within(first, from, to);
      const q = { unitId, depId, doctorId, from, to };
      const claimed = await opts.redis.set(`${key}:fill`, "1", "PX", CLAIM_MS, "NX");
      if (claimed === "OK") {
        try {
          return await fetchAndRecord(key, q);
        } finally {
          await opts.redis.del(`${key}:fill`);
        }
      }
      // another process is asking the hospital right now: its answer is as fresh as ours would be
      const deadline = Date.now() + WAIT_MS;
      while (Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, POLL_MS));
        const s = await read(key);
        if (usable(s, from, to, maxAgeMs)) return within(s, from, to);
      }
      opts.logger.debug({ unitId, doctorId }, "schedule snapshot: waited in vain, fetching ourselves");
      return fetchAndRecord(key, q);
    },
  };
}

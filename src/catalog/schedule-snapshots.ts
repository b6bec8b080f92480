// A doctor's schedule list as last read from the hospital, shared by every process through Redis, so
// that the watch engine's polls, stop-clinic checks and anything else that needs "the schedules as of a
// moment ago" cost the hospital one call between them. A reader says how old a reading it accepts;
// a fresher one is fetched once for all processes (an in-process promise plus a short Redis fill lock:
// the others wait briefly for its value and fetch themselves only if it does not come).
import { randomBytes } from "node:crypto";
import type { Redis } from "ioredis";
import { z } from "zod";
import type { DepId, DoctorId, HospitalApi, IsoDate, Schedule, UnitId } from "../hospital/types.js";
import type { Logger } from "../observability/logger.js";

export interface ScheduleSnapshot {
  /** ms, app clock: when the hospital answered */
  fetchedAt: number;
  schedules: Schedule[];
}

export interface ScheduleSnapshots {
  /**
   * A doctor's schedule list over [from, to]. Reuses a snapshot any process recorded within maxAgeMs
   * that covers the range; otherwise fetches once for all processes (single-flight across replicas)
   * and records it.
   */
  get(
    unitId: UnitId,
    depId: DepId,
    doctorId: DoctorId,
    from: IsoDate,
    to: IsoDate,
    maxAgeMs: number,
  ): Promise<ScheduleSnapshot>;
}

export interface ScheduleSnapshotsOptions {
  api: HospitalApi;
  redis: Redis;
  prefix: string;
  now: () => Date;
  logger: Logger;
  /** how long a reader waits for another process's fetch before fetching itself (real ms) */
  fillWaitMs?: number;
  /** how long a recorded snapshot is kept at all (readers still decide how old is too old) */
  keepMs?: number;
}

/** Stored compactly (a snapshot per watched doctor lives in Redis all the time): one row per session. */
const rowSchema = z.tuple([
  z.string(), // scheduleId
  z.string(), // date
  z.enum(["am", "pm", "em"]),
  z.string(), // levelName
  z.number(), // fee
  z.number(), // capacity
  z.number(), // available
]);

const storedSchema = z.object({
  fetchedAt: z.number(),
  from: z.string(),
  to: z.string(),
  rows: z.array(rowSchema),
});

interface Stored {
  fetchedAt: number;
  from: IsoDate;
  to: IsoDate;
  schedules: Schedule[];
}

const toRow = (s: Schedule): z.infer<typeof rowSchema> => [
  s.scheduleId,
  s.date,
  s.period,
  s.levelName,
  s.fee,
  s.capacity,
  s.available,
];

const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;
const LOCK_MS = 15_000;
const POLL_MS = 25;

export function createScheduleSnapshots(opts: ScheduleSnapshotsOptions): ScheduleSnapshots {
  const { redis, logger } = opts;
  const waitMs = opts.fillWaitMs ?? 3_000;
  const keepMs = opts.keepMs ?? 15 * 60_000;
  const id = (s: string) => encodeURIComponent(s);
  const keyOf = (u: UnitId, d: DepId, doc: DoctorId) =>
    `${opts.prefix}sched-snap:${id(u)}:${id(d)}:${id(doc)}`;
  const inFlight = new Map<string, Promise<ScheduleSnapshot>>();

  function decode(raw: string | null, u: UnitId, d: DepId, doc: DoctorId): Stored | undefined {
    if (raw === null) return undefined;
    try {
      const parsed = storedSchema.safeParse(JSON.parse(raw));
      if (!parsed.success) return undefined;
      const { fetchedAt, from, to, rows } = parsed.data;
      const schedules = rows.map(([scheduleId, date, period, levelName, fee, capacity, available]) => ({
        scheduleId,
        unitId: u,
        depId: d,
        doctorId: doc,
        date,
        period,
        levelName,
        fee,
        capacity,
        available,
      }));
      return { fetchedAt, from, to, schedules };
    } catch {
      logger.warn("schedule snapshot unreadable");
      return undefined;
    }
  }

  async function read(key: string, u: UnitId, d: DepId, doc: DoctorId): Promise<Stored | undefined> {
    try {
      return decode(await redis.get(key), u, d, doc);
    } catch (e) {
      logger.warn({ err: e instanceof Error ? e.message : String(e) }, "schedule snapshot unreadable");
      return undefined;
    }
  }

  const usable = (s: Stored | undefined, from: IsoDate, to: IsoDate, maxAgeMs: number) =>
    s !== undefined && s.from <= from && s.to >= to && opts.now().getTime() - s.fetchedAt <= maxAgeMs;

  const slice = (s: Stored, from: IsoDate, to: IsoDate): ScheduleSnapshot => ({
    fetchedAt: s.fetchedAt,
    schedules: s.schedules.filter((x) => x.date >= from && x.date <= to),
  });

  async function fetchAndRecord(key: string, u: UnitId, d: DepId, doc: DoctorId, from: IsoDate, to: IsoDate) {
    const schedules = await opts.api.listSchedules({
      unitId: u,
      depId: d,
      doctorId: doc,
      beginDate: from,
      endDate: to,
    });
    const stored: Stored = { fetchedAt: opts.now().getTime(), from, to, schedules };
    const record = { fetchedAt: stored.fetchedAt, from, to, rows: schedules.map(toRow) };
    await redis.set(key, JSON.stringify(record), "PX", keepMs).catch((e: unknown) => {
      logger.warn({ err: e instanceof Error ? e.message : String(e) }, "schedule snapshot not recorded");
    });
    return stored;
  }

  async function load(u: UnitId, d: DepId, doc: DoctorId, from: IsoDate, to: IsoDate, maxAgeMs: number) {
    const key = keyOf(u, d, doc);
    const known = await read(key, u, d, doc);
    if (known && usable(known, from, to, maxAgeMs)) return slice(known, from, to);
    const lockKey = `${key}:lock`;
    const token = randomBytes(8).toString("hex");
    const locked = await redis.set(lockKey, token, "PX", LOCK_MS, "NX").then(
      (r) => r === "OK",
      () => true,
    );
    if (!locked) {
      const deadline = Date.now() + waitMs;
      while (Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, POLL_MS));
        const [raw, holder] = await redis.mget(key, lockKey).catch(() => [null, null]);
        const other = decode(raw ?? null, u, d, doc);
        if (other && usable(other, from, to, maxAgeMs)) return slice(other, from, to);
        if (holder == null) break;
      }
    }
    try {
      return slice(await fetchAndRecord(key, u, d, doc, from, to), from, to);
    } finally {
      if (locked) await redis.eval(RELEASE, 1, lockKey, token).catch(() => {});
    }
  }

  return {
    get(unitId, depId, doctorId, from, to, maxAgeMs) {
      const flight = `${keyOf(unitId, depId, doctorId)}|${from}|${to}|${maxAgeMs}`;
      const pending = inFlight.get(flight);
      if (pending) return pending;
      const promise = load(unitId, depId, doctorId, from, to, maxAgeMs).finally(() =>
        inFlight.delete(flight),
      );
      inFlight.set(flight, promise);
      return promise;
    },
  };
}

// Looking after a booking until the visit: its reminders, the re-checks of its doctor's schedule for a
// cancelled clinic (停诊), its calendar file. This is the service the rest of the bot sees; the work runs
// as jobs (./jobs.ts) handled in ./reminder-job.ts and ./stop-clinic-job.ts, so three replicas
// scheduling the same booking make one job, a restart loses none, and cancelling or erasing removes
// exactly the ids recorded for the booking or the user. An hourly sweep gives bookings without jobs
// (made before this feature, or missed by a failed listener) theirs.
import type { Redis } from "ioredis";
import type { Telegram } from "telegraf";
import type { BookingRecord } from "../bookings/record.js";
import type { BookingRecords } from "../bookings/records-store.js";
import type { Catalog } from "../catalog/catalog.js";
import type { ScheduleSnapshots } from "../catalog/schedule-snapshots.js";
import type { AftercareSettings } from "../config.js";
import type { Lang, Locale } from "../i18n/index.js";
import type { Jobs } from "../jobs/jobs.js";
import type { Logger } from "../observability/logger.js";
import type { BlockedChats } from "../telegram/blocked-chats.js";
import { chinaWallClockToInstant } from "../time/china-time.js";
import { calendarFileName, visitCalendar } from "./calendar.js";
import {
  createAftercareJobs,
  type PlannedJob,
  reminderJob,
  SWEEP_EVERY_MS,
  stopCheckJob,
  sweepJob,
} from "./jobs.js";
import { createNotifier } from "./notify.js";
import { checksEndAt, nextGridCheck, planReminders, preVisitCheck } from "./plan.js";
import { reminderHandler } from "./reminder-job.js";
import { type AftercareEvent, type AftercareRuntime, hospitalLookup, isLive } from "./runtime.js";
import { stopCheckHandler } from "./stop-clinic-job.js";
import { createTrackedStore, type Tracked } from "./tracked-store.js";

export { reminderJob, stopCheckJob } from "./jobs.js";
export type { AftercareEvent } from "./runtime.js";

/** Entries and marks outlive the visit by this much, then expire with their keys. */
const KEEP_AFTER_VISIT_MS = 3 * 86_400_000;

export interface BookedOrder {
  unitId: string;
  depId?: string;
  doctorId?: string;
}

export interface CalendarFile {
  filename: string;
  content: string;
}

export interface BookingTarget {
  unitId: string;
  depId: string;
  doctorId: string;
  city: string | undefined;
}

export interface Aftercare {
  /** A booking was placed: its reminders and checks are scheduled. Idempotent. */
  onBooked(userId: number, record: BookingRecord, order: BookedOrder): Promise<void>;
  /** What only the conversation knows: the patient's language. */
  noteBooking(userId: number, bookingId: string, note: { lang: Lang }): Promise<void>;
  /** A booking was cancelled: its jobs and marks go. */
  onCancelled(userId: number, record: BookingRecord): Promise<void>;
  /** The .ics of one of the user's own booked visits; undefined for anything else. */
  calendarFile(userId: number, bookingId: string, t: Locale): Promise<CalendarFile | undefined>;
  /** Hospital, department and doctor of one of the user's bookings, for the stop-clinic buttons. */
  bookingTarget(userId: number, bookingId: string): Promise<BookingTarget | undefined>;
  /** Schedules the hourly sweep (once across processes); called at start-up. */
  scheduleSweep(): Promise<void>;
  /** Runs the sweep now; how many bookings it (re)scheduled. */
  sweep(): Promise<number>;
  /** For /privacy (CONTRACTS.md §2): the bookings looked after for this user. */
  inventoryOf(userId: number): Promise<{ count: number; since?: Date }>;
  /** For /deletedata: the user's entries, marks and every job scheduled for them. */
  eraseUser(userId: number): Promise<void>;
}

export interface AftercareDeps {
  jobs: Jobs;
  redis: Redis;
  prefix: string;
  records: BookingRecords;
  catalog: Catalog;
  snapshots: ScheduleSnapshots;
  settings: AftercareSettings;
  blockedChats: BlockedChats;
  logger: Logger;
  now: () => Date;
  /** the bot's client; a getter because the bot is built after its services */
  telegram: () => Telegram;
  onEvent?: (e: AftercareEvent) => void;
}

export function createAftercare(deps: AftercareDeps): Aftercare {
  const { settings, now, redis, prefix } = deps;
  const logger = deps.logger.child({ component: "aftercare" });
  const store = createTrackedStore({ redis, prefix, now });
  const jobs = createAftercareJobs(deps.jobs, store);
  const rt: AftercareRuntime = {
    records: deps.records,
    store,
    jobs,
    notifier: createNotifier({ telegram: deps.telegram, blocked: deps.blockedChats }),
    snapshots: deps.snapshots,
    settings,
    logger,
    now,
    onEvent: deps.onEvent ?? (() => {}),
    hospitalOf: hospitalLookup(deps.catalog, logger),
  };

  async function schedule(userId: number, record: BookingRecord, entry: Tracked): Promise<void> {
    const visit = chinaWallClockToInstant(record.beginTime);
    if (!Number.isFinite(visit.getTime())) return;
    const at = now();
    const planned: PlannedJob[] = planReminders(visit, at, settings).map((r) => ({
      type: "reminder",
      offsetMinutes: r.offsetMinutes,
      at: r.at,
    }));
    if (entry.depId && entry.doctorId) {
      const end = checksEndAt(record.beginTime);
      const tick = nextGridCheck(at, settings.stopClinicCheckSeconds);
      if (tick < end) planned.push({ type: "check", at: tick, confirm: false });
      const pre = preVisitCheck(record.beginTime);
      if (pre > at && pre < end) planned.push({ type: "check", at: pre, confirm: false });
    }
    await jobs.schedule(userId, entry, new Date(visit.getTime() + KEEP_AFTER_VISIT_MS), planned);
  }

  /** Users with booking records: the record store's keys are `${prefix}bookings:<userId>`. */
  async function userIds(): Promise<number[]> {
    const head = `${prefix}bookings:`;
    const out: number[] = [];
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${head}*`, "COUNT", 500);
      cursor = next;
      for (const k of keys) {
        const rest = k.slice(head.length);
        if (/^\d{1,15}$/.test(rest)) out.push(Number(rest));
      }
    } while (cursor !== "0");
    return out;
  }

  async function sweep(): Promise<number> {
    let scheduled = 0;
    const at = now();
    for (const userId of await userIds()) {
      try {
        for (const record of await deps.records.list(userId)) {
          if (!isLive(record) || chinaWallClockToInstant(record.beginTime) <= at) continue;
          // a booking from before this feature: reminders yes, checks no (its doctor was not recorded)
          const entry = (await store.get(userId, record.id)) ?? {
            bookingId: record.id,
            unitId: record.unitId,
            trackedAt: at.toISOString(),
          };
          await schedule(userId, record, entry);
          scheduled++;
        }
      } catch (err) {
        logger.warn({ err, user: userId }, "sweep: this user's bookings were skipped");
      }
    }
    return scheduled;
  }

  deps.jobs.handle(reminderJob, reminderHandler(rt));
  deps.jobs.handle(stopCheckJob, stopCheckHandler(rt));
  deps.jobs.handle(sweepJob, async () => {
    const n = await sweep();
    logger.debug({ bookings: n }, "aftercare sweep done");
    await jobs.addSweep(new Date((Math.floor(now().getTime() / SWEEP_EVERY_MS) + 1) * SWEEP_EVERY_MS));
  });

  return {
    async onBooked(userId, record, order) {
      if (!isLive(record)) return;
      // a booking just placed: nothing is tracked for it yet, so nothing is read first
      const entry: Tracked = {
        bookingId: record.id,
        unitId: order.unitId,
        ...(order.depId ? { depId: order.depId } : {}),
        ...(order.doctorId ? { doctorId: order.doctorId } : {}),
        ...(record.scheduleId ? { scheduleId: record.scheduleId } : {}),
        trackedAt: now().toISOString(),
      };
      await schedule(userId, record, entry);
    },
    async noteBooking(userId, bookingId, note) {
      // a nicety for later messages: a failure (Redis away) must not hold up the booked message
      try {
        await store.setLang(userId, bookingId, note.lang);
      } catch (err) {
        logger.warn({ err }, "the patient's language was not recorded for the reminders");
      }
    },
    async onCancelled(userId, record) {
      const refs = await store.jobs(userId, record.id);
      await jobs.remove(refs);
      await store.forget(userId, record.id, refs);
    },
    async calendarFile(userId, bookingId, t) {
      const record = await deps.records.get(userId, bookingId);
      if (!isLive(record)) return undefined;
      const hospital = await rt.hospitalOf(record.unitId);
      return {
        filename: calendarFileName(record.orderId),
        content: visitCalendar({ record, hospital, t, now: now() }),
      };
    },
    async bookingTarget(userId, bookingId) {
      const record = await deps.records.get(userId, bookingId);
      const entry = await store.get(userId, bookingId);
      if (!record || !entry?.depId || !entry.doctorId) return undefined;
      const hospital = await rt.hospitalOf(record.unitId);
      return {
        unitId: record.unitId,
        depId: entry.depId,
        doctorId: entry.doctorId,
        city: hospital?.cityName,
      };
    },
    scheduleSweep: () => jobs.addSweep(now()),
    sweep,
    async inventoryOf(userId) {
      const entries = await store.list(userId);
      const times = entries.map((e) => Date.parse(e.trackedAt)).filter(Number.isFinite);
      return times.length > 0
        ? { count: entries.length, since: new Date(Math.min(...times)) }
        : { count: entries.length };
    },
    async eraseUser(userId) {
      await jobs.remove(await store.jobs(userId));
      await store.eraseUser(userId);
    },
  };
}

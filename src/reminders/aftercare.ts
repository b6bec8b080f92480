// Looking after a booking until the visit: its reminders, the re-checks of its doctor's schedule for a
// cancelled clinic (停诊), its calendar file. Everything runs as BullMQ jobs with ids derived from the
// user, the booking and the instant (src/reminders/plan.ts), so three replicas scheduling the same
// booking make one job, a restart loses none, and cancelling or erasing removes exactly those ids. What
// must happen once (a reminder, an alert) is claimed with a mark before the message goes out.
import { createHash } from "node:crypto";
import type { Redis } from "ioredis";
import type { Telegram } from "telegraf";
import { z } from "zod";
import type { BookingRecord } from "../bookings/record.js";
import type { BookingRecords } from "../bookings/records-store.js";
import type { Catalog } from "../catalog/catalog.js";
import type { ScheduleSnapshots } from "../catalog/schedule-snapshots.js";
import type { AftercareSettings } from "../config.js";
import type { Hospital, Schedule } from "../hospital/types.js";
import type { Lang, Locale } from "../i18n/index.js";
import { defineJobKind, type JobKind, type Jobs } from "../jobs/jobs.js";
import type { Logger } from "../observability/logger.js";
import { addDaysIso, chinaToday, chinaWallClockToInstant } from "../time/china-time.js";
import { calendarFileName, visitCalendar } from "./calendar.js";
import { parseMapPoint } from "./map-point.js";
import { reminderMessage, stopAlertMessage } from "./messages.js";
import { createNotifier } from "./notify.js";
import {
  CANCEL_WARNING_MIN_LEAD_MS,
  checksEndAt,
  inQuietHours,
  nextGridCheck,
  periodOf,
  planReminders,
  preVisitCheck,
} from "./plan.js";
import { createTrackedStore, type JobRef, type Tracked } from "./tracked-store.js";

const userBooking = { userId: z.number().int(), bookingId: z.string().min(1) };
export const reminderJob = defineJobKind({
  queue: "aftercare-reminder",
  schema: z.object({ ...userBooking, offsetMinutes: z.number().int() }),
});
export const stopCheckJob = defineJobKind({
  queue: "aftercare-stopcheck",
  schema: z.object({ ...userBooking, confirm: z.boolean() }),
});
export const sweepJob = defineJobKind({ queue: "aftercare-sweep", schema: z.object({}), concurrency: 1 });
const KINDS = new Map<string, JobKind<unknown>>(
  [reminderJob, stopCheckJob, sweepJob].map((k) => [k.queue, k as JobKind<unknown>]),
);

/** How old a schedule list a regular check accepts (the watch engine's polls are usually fresher). */
const CHECK_MAX_AGE_MS = 10 * 60_000;
/** Bookings of one doctor within this many days ask for the same range, so one answer serves them all. */
const CHECK_RANGE_DAYS = 14;
const SWEEP_EVERY_MS = 3_600_000;
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
  /** What only the conversation knows: the patient's language and the exact schedule booked. */
  noteBooking(userId: number, bookingId: string, note: { lang: Lang; scheduleId?: string }): Promise<void>;
  /** A booking was cancelled: its jobs and marks go. */
  onCancelled(userId: number, record: BookingRecord): Promise<void>;
  /** The .ics of one of the user's own booked visits; undefined for anything else. */
  calendarFile(userId: number, bookingId: string, t: Locale): Promise<CalendarFile | undefined>;
  /** Hospital, department and doctor of one of the user's bookings, for the stop-clinic buttons. */
  bookingTarget(userId: number, bookingId: string): Promise<BookingTarget | undefined>;
  /** Schedules the hourly sweep that gives bookings without jobs (older ones, lost ones) theirs. */
  scheduleSweep(): Promise<void>;
  /** Runs the sweep now (tests, and the sweep job itself). */
  sweep(): Promise<number>;
  inventoryOf(userId: number): Promise<{ count: number; since?: Date }>;
  eraseUser(userId: number): Promise<void>;
}

/** What happened, for metrics: messages sent or skipped, and what each stop-clinic check found. */
export type AftercareEvent =
  | { kind: "reminder" | "stop_alert"; outcome: "sent" | "blocked" }
  | { kind: "check"; outcome: "listed" | "missing" | "confirmed" | "cleared" | "no_answer" };

export interface AftercareDeps {
  jobs: Jobs;
  redis: Redis;
  prefix: string;
  records: BookingRecords;
  catalog: Catalog;
  snapshots: ScheduleSnapshots;
  settings: AftercareSettings;
  logger: Logger;
  now: () => Date;
  /** the bot's client; a getter because the bot is built after its services */
  telegram: () => Telegram;
  onEvent?: (e: AftercareEvent) => void;
}

/**
 * A job id from what makes the job unique. Hashed so that the ids, which BullMQ also writes into key
 * names and its event stream, carry no user id or order number: erasing a user leaves nothing behind
 * that names them.
 */
function jobId(kind: string, ...parts: Array<string | number>): string {
  return `${kind}.${createHash("sha256").update(parts.join("|")).digest("base64url").slice(0, 24)}`;
}
const minuteOf = (d: Date) => Math.floor(d.getTime() / 60_000);

export function createAftercare(deps: AftercareDeps): Aftercare {
  const { jobs, settings, now } = deps;
  const logger = deps.logger.child({ component: "aftercare" });
  const store = createTrackedStore({ redis: deps.redis, prefix: deps.prefix, now });
  const notifier = createNotifier({ telegram: deps.telegram, blocked: store, logger });

  async function add<T>(kind: JobKind<T>, userId: number, bookingId: string, data: T, id: string, at: Date) {
    await store.addJob(userId, { queue: kind.queue, id, bookingId });
    await jobs.add(kind, data, { id, runAt: at });
  }

  function addCheck(userId: number, bookingId: string, at: Date, confirm: boolean) {
    const id = jobId(confirm ? "cfm" : "chk", userId, bookingId, minuteOf(at));
    return add(stopCheckJob, userId, bookingId, { userId, bookingId, confirm }, id, at);
  }

  async function hospitalOf(unitId: string): Promise<Hospital | undefined> {
    try {
      return await deps.catalog.hospital(unitId);
    } catch (err) {
      logger.warn({ err, unitId }, "hospital details unavailable; the message goes without them");
      return undefined;
    }
  }

  const isLive = (r: BookingRecord | undefined): r is BookingRecord & { orderId: string } =>
    r !== undefined && r.status === "booked" && r.orderId !== null;

  async function schedule(userId: number, record: BookingRecord, entry: Tracked): Promise<void> {
    const visit = chinaWallClockToInstant(record.beginTime);
    if (!Number.isFinite(visit.getTime())) return;
    const at = now();
    await store.put(userId, entry, new Date(visit.getTime() + KEEP_AFTER_VISIT_MS));
    for (const r of planReminders(visit, at, settings)) {
      const id = jobId("rem", userId, record.id, r.offsetMinutes);
      await add(
        reminderJob,
        userId,
        record.id,
        { userId, bookingId: record.id, offsetMinutes: r.offsetMinutes },
        id,
        r.at,
      );
    }
    if (!entry.depId || !entry.doctorId) return;
    const end = checksEndAt(record.beginTime);
    const tick = nextGridCheck(at, settings.stopClinicCheckSeconds);
    if (tick < end) await addCheck(userId, record.id, tick, false);
    const pre = preVisitCheck(record.beginTime);
    if (pre > at && pre < end) await addCheck(userId, record.id, pre, false);
  }

  async function sendReminder(d: z.infer<typeof reminderJob.schema>): Promise<void> {
    const record = await deps.records.get(d.userId, d.bookingId);
    if (!isLive(record)) return;
    const visit = chinaWallClockToInstant(record.beginTime);
    const at = now();
    if (visit <= at) return;
    const mark = `sent:${record.id}:${d.offsetMinutes}`;
    if (!(await store.claimMark(d.userId, mark))) return;
    const entry = await store.get(d.userId, record.id);
    const hospital = await hospitalOf(record.unitId);
    const warning = visit.getTime() - at.getTime() >= CANCEL_WARNING_MIN_LEAD_MS;
    const message = reminderMessage(record, hospital, entry?.lang, warning);
    const position = parseMapPoint(hospital?.mapPoint);
    try {
      const outcome = await notifier.send(d.userId, async (telegram) => {
        await telegram.sendMessage(d.userId, message.text, {
          reply_markup: { inline_keyboard: message.inline_keyboard },
        });
        if (!position) return;
        // the way there is a courtesy: the reminder itself has gone, so a failure here is not retried
        await telegram.sendLocation(d.userId, position.latitude, position.longitude).catch((err: unknown) => {
          logger.warn({ err, chat: d.userId }, "hospital location not sent");
        });
      });
      deps.onEvent?.({ kind: "reminder", outcome });
    } catch (e) {
      await store.releaseMark(d.userId, mark);
      throw e;
    }
  }

  function stillListed(schedules: Schedule[], record: BookingRecord, entry: Tracked): boolean {
    const date = record.beginTime.slice(0, 10);
    const period = periodOf(record.beginTime);
    return schedules.some(
      (s) =>
        (entry.scheduleId !== undefined && s.scheduleId === entry.scheduleId) ||
        (s.date === date && s.period === period),
    );
  }

  async function checkSchedule(d: z.infer<typeof stopCheckJob.schema>): Promise<void> {
    const record = await deps.records.get(d.userId, d.bookingId);
    if (!isLive(record)) return;
    const at = now();
    const end = checksEndAt(record.beginTime);
    if (at >= end) return;
    const entry = await store.get(d.userId, record.id);
    if (!entry?.depId || !entry.doctorId) return;
    const alertMark = `stop:${record.id}`;
    if (await store.hasMark(d.userId, alertMark)) return;
    if (!d.confirm) {
      const next = nextGridCheck(at, settings.stopClinicCheckSeconds);
      if (next < end) await addCheck(d.userId, record.id, next, false);
    }
    const today = chinaToday(at);
    const rangeEnd = addDaysIso(today, CHECK_RANGE_DAYS);
    const date = record.beginTime.slice(0, 10);
    const confirmMs = settings.stopClinicConfirmSeconds * 1000;
    // the confirming look must be an answer of its own, never the one that raised the doubt
    const maxAge = d.confirm ? Math.min(60_000, confirmMs / 2) : CHECK_MAX_AGE_MS;
    let schedules: Schedule[];
    try {
      const snap = await deps.snapshots.get(
        entry.unitId,
        entry.depId,
        entry.doctorId,
        today,
        date.localeCompare(rangeEnd) > 0 ? date : rangeEnd,
        maxAge,
      );
      schedules = snap.schedules;
    } catch (err) {
      // no answer is no news: the next check asks again
      logger.warn(
        { err, unitId: entry.unitId, doctorId: entry.doctorId },
        "stop-clinic check: no schedule list",
      );
      deps.onEvent?.({ kind: "check", outcome: "no_answer" });
      return;
    }
    const listed = stillListed(schedules, record, entry);
    deps.onEvent?.({
      kind: "check",
      outcome: listed ? (d.confirm ? "cleared" : "listed") : d.confirm ? "confirmed" : "missing",
    });
    if (listed) {
      if (d.confirm) logger.info({ order: record.orderId }, "stop-clinic doubt cleared by the second check");
      return;
    }
    if (!d.confirm) {
      const confirmAt = new Date(at.getTime() + confirmMs);
      if (confirmAt < end) await addCheck(d.userId, record.id, confirmAt, true);
      return;
    }
    if (!(await store.claimMark(d.userId, alertMark))) return;
    logger.info({ order: record.orderId }, "booked clinic missing twice: telling the patient");
    const hospital = await hospitalOf(record.unitId);
    const message = stopAlertMessage(record, hospital, entry.lang);
    // told at once, but without a sound in the quiet hours
    const silent = settings.quietHours !== null && inQuietHours(at, settings.quietHours);
    try {
      const outcome = await notifier.send(d.userId, (telegram) =>
        telegram.sendMessage(d.userId, message.text, {
          reply_markup: { inline_keyboard: message.inline_keyboard },
          disable_notification: silent,
        }),
      );
      deps.onEvent?.({ kind: "stop_alert", outcome });
    } catch (e) {
      await store.releaseMark(d.userId, alertMark);
      throw e;
    }
  }

  async function removeJobs(refs: JobRef[]): Promise<void> {
    for (const ref of refs) {
      const kind = KINDS.get(ref.queue);
      if (kind) await jobs.remove(kind, ref.id);
    }
  }

  async function userIds(): Promise<number[]> {
    const head = `${deps.prefix}bookings:`;
    const out: number[] = [];
    let cursor = "0";
    do {
      const [next, keys] = await deps.redis.scan(cursor, "MATCH", `${head}*`, "COUNT", 500);
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

  const scheduleSweepAt = (at: Date) =>
    jobs.add(sweepJob, {}, { id: `sweep.${Math.floor(at.getTime() / SWEEP_EVERY_MS)}`, runAt: at });

  jobs.handle(reminderJob, sendReminder);
  jobs.handle(stopCheckJob, checkSchedule);
  jobs.handle(sweepJob, async () => {
    const n = await sweep();
    logger.debug({ bookings: n }, "aftercare sweep done");
    const next = (Math.floor(now().getTime() / SWEEP_EVERY_MS) + 1) * SWEEP_EVERY_MS;
    await scheduleSweepAt(new Date(next));
  });

  return {
    async onBooked(userId, record, order) {
      if (!isLive(record)) return;
      const known = await store.get(userId, record.id);
      const entry: Tracked = {
        ...known,
        bookingId: record.id,
        unitId: order.unitId,
        ...(order.depId ? { depId: order.depId } : {}),
        ...(order.doctorId ? { doctorId: order.doctorId } : {}),
        trackedAt: known?.trackedAt ?? now().toISOString(),
      };
      // booking again is talking to the bot again: notifications resume
      await store.setBlocked(userId, false);
      await schedule(userId, record, entry);
    },
    async noteBooking(userId, bookingId, note) {
      const entry = await store.get(userId, bookingId);
      const record = await deps.records.get(userId, bookingId);
      if (!entry || !record) return;
      const visit = chinaWallClockToInstant(record.beginTime);
      await store.put(userId, { ...entry, ...note }, new Date(visit.getTime() + KEEP_AFTER_VISIT_MS));
    },
    async onCancelled(userId, record) {
      const refs = await store.jobs(userId, record.id);
      await removeJobs(refs);
      await store.forget(userId, record.id, refs);
    },
    async calendarFile(userId, bookingId, t) {
      const record = await deps.records.get(userId, bookingId);
      if (!isLive(record)) return undefined;
      const hospital = await hospitalOf(record.unitId);
      return {
        filename: calendarFileName(record.orderId),
        content: visitCalendar({ record, hospital, t, now: now() }),
      };
    },
    async bookingTarget(userId, bookingId) {
      const record = await deps.records.get(userId, bookingId);
      const entry = await store.get(userId, bookingId);
      if (!record || !entry?.depId || !entry.doctorId) return undefined;
      const hospital = await hospitalOf(record.unitId);
      return {
        unitId: record.unitId,
        depId: entry.depId,
        doctorId: entry.doctorId,
        city: hospital?.cityName,
      };
    },
    scheduleSweep: () => scheduleSweepAt(now()),
    sweep,
    async inventoryOf(userId) {
      const entries = await store.list(userId);
      const times = entries.map((e) => Date.parse(e.trackedAt)).filter(Number.isFinite);
      return times.length > 0
        ? { count: entries.length, since: new Date(Math.min(...times)) }
        : { count: entries.length };
    },
    async eraseUser(userId) {
      await removeJobs(await store.jobs(userId));
      await store.eraseUser(userId);
    },
  };
}

// One stop-clinic (停诊) check of a booking: is its session still in the doctor's schedule list? A
// regular check reads the shared snapshot (one hospital answer per doctor serves every booking on that
// doctor, and the watch engine's recent polls serve it too) and schedules the next one on the grid. A
// session missing once is only a doubt: a second look a little later, with an answer of its own, either
// clears it (a transient blank) or confirms it, and only then is the patient told, once. Nothing is
// cancelled. No answer at all is no news.
import type { BookingRecord } from "../bookings/record.js";
import type { Schedule } from "../hospital/types.js";
import { addDaysIso, chinaToday } from "../time/china-time.js";
import type { StopCheckJob } from "./jobs.js";
import { stopAlertMessage } from "./messages.js";
import { checksEndAt, inQuietHours, nextGridCheck, periodOf } from "./plan.js";
import { type AftercareRuntime, isLive } from "./runtime.js";
import type { Tracked } from "./tracked-store.js";

/** How old a schedule list a regular check accepts. */
const CHECK_MAX_AGE_MS = 10 * 60_000;
/** Bookings of one doctor within this many days ask for the same range, so one answer serves them all. */
const CHECK_RANGE_DAYS = 14;

/** The booked session is there: by its id, or as the doctor's session of that day and period. */
function stillListed(schedules: Schedule[], record: BookingRecord, entry: Tracked): boolean {
  const date = record.beginTime.slice(0, 10);
  const period = periodOf(record.beginTime);
  return schedules.some(
    (s) =>
      (entry.scheduleId !== undefined && s.scheduleId === entry.scheduleId) ||
      (s.date === date && s.period === period),
  );
}

export function stopCheckHandler(rt: AftercareRuntime) {
  const { settings } = rt;
  const confirmMs = settings.stopClinicConfirmSeconds * 1000;

  async function alert(userId: number, record: BookingRecord, entry: Tracked, mark: string, at: Date) {
    if (!(await rt.store.claimMark(userId, mark))) return;
    rt.logger.info({ order: record.orderId }, "booked clinic missing twice: telling the patient");
    const hospital = await rt.hospitalOf(record.unitId);
    const message = stopAlertMessage(record, hospital, entry.lang);
    // told at once, but without a sound in the quiet hours
    const silent = settings.quietHours !== null && inQuietHours(at, settings.quietHours);
    try {
      const outcome = await rt.notifier.send(userId, (telegram) =>
        telegram.sendMessage(userId, message.text, {
          reply_markup: { inline_keyboard: message.inline_keyboard },
          disable_notification: silent,
        }),
      );
      rt.onEvent({ kind: "stop_alert", outcome });
    } catch (e) {
      await rt.store.releaseMark(userId, mark);
      throw e;
    }
  }

  return async (d: StopCheckJob): Promise<void> => {
    const record = await rt.records.get(d.userId, d.bookingId);
    if (!isLive(record)) return;
    const at = rt.now();
    const end = checksEndAt(record.beginTime);
    if (at >= end) return;
    const entry = await rt.store.get(d.userId, record.id);
    if (!entry?.depId || !entry.doctorId) return;
    const mark = `stop:${record.id}`;
    if (await rt.store.hasMark(d.userId, mark)) return;
    if (!d.confirm) {
      const next = nextGridCheck(at, settings.stopClinicCheckSeconds);
      if (next < end) await rt.jobs.addCheck(d.userId, record.id, next, false);
    }
    const today = chinaToday(at);
    const rangeEnd = addDaysIso(today, CHECK_RANGE_DAYS);
    const date = record.beginTime.slice(0, 10);
    // the confirming look must be an answer of its own, never the one that raised the doubt
    const maxAge = d.confirm ? Math.min(60_000, confirmMs / 2) : CHECK_MAX_AGE_MS;
    let schedules: Schedule[];
    try {
      const to = date.localeCompare(rangeEnd) > 0 ? date : rangeEnd;
      schedules = (await rt.snapshots.get(entry.unitId, entry.depId, entry.doctorId, today, to, maxAge))
        .schedules;
    } catch (err) {
      rt.logger.warn({ err, unitId: entry.unitId, doctorId: entry.doctorId }, "stop-clinic check: no answer");
      rt.onEvent({ kind: "check", outcome: "no_answer" });
      return;
    }
    const listed = stillListed(schedules, record, entry);
    rt.onEvent({
      kind: "check",
      outcome: listed ? (d.confirm ? "cleared" : "listed") : d.confirm ? "confirmed" : "missing",
    });
    if (listed) {
      if (d.confirm)
        rt.logger.info({ order: record.orderId }, "stop-clinic doubt cleared by the second check");
      return;
    }
    if (!d.confirm) {
      const confirmAt = new Date(at.getTime() + confirmMs);
      if (confirmAt < end) await rt.jobs.addCheck(d.userId, record.id, confirmAt, true);
      return;
    }
    await alert(d.userId, record, entry, mark, at);
  };
}

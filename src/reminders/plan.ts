// When a booked visit's background work happens, as pure functions of the visit, the clock and the
// settings: the reminders (moved out of quiet hours, skipped once past) and the stop-clinic checks (on
// one grid shared by every booking and every process, plus one on the evening before the visit). The
// job ids derive from these instants, so whoever schedules them gets the same jobs.
import { TZDate } from "@date-fns/tz";
import type { AftercareSettings } from "../config.js";
import type { Period } from "../hospital/types.js";
import { addDaysIso, CHINA_TZ, chinaToday, chinaWallClockToInstant } from "../time/china-time.js";

export interface PlannedReminder {
  offsetMinutes: number;
  at: Date;
}

/** A reminder that would fall in the quiet hours goes this long before they begin. */
export const BEFORE_QUIET_MS = 30 * 60_000;
/** The last stop-clinic check, on the day before the visit, China time: the patient can still rebook. */
export const PRE_VISIT_CHECK_HOUR = 18;
/** Reminders sent at least this long before the visit carry the warning about late cancellations. */
export const CANCEL_WARNING_MIN_LEAD_MS = 12 * 3_600_000;

type QuietHours = NonNullable<AftercareSettings["quietHours"]>;

function chinaHour(at: Date): number {
  return new TZDate(at.getTime(), CHINA_TZ).getHours();
}

export function inQuietHours(at: Date, q: QuietHours): boolean {
  const h = chinaHour(at);
  return q.startHour < q.endHour ? h >= q.startHour && h < q.endHour : h >= q.startHour || h < q.endHour;
}

/** The latest instant at or before `at` when the quiet hours began. */
function quietStartBefore(at: Date, q: QuietHours): Date {
  const day = chinaToday(at);
  const hh = String(q.startHour).padStart(2, "0");
  const sameDay = chinaWallClockToInstant(`${day} ${hh}:00:00`);
  return sameDay.getTime() <= at.getTime()
    ? sameDay
    : chinaWallClockToInstant(`${addDaysIso(day, -1)} ${hh}:00:00`);
}

/**
 * The reminders of a visit starting at `visitStart`, soonest last: each offset before the visit, moved to
 * before the quiet hours when it falls in them, dropped when its time has passed; two landing on the
 * same instant are one (the earlier offset's, which says more).
 */
export function planReminders(
  visitStart: Date,
  now: Date,
  s: Pick<AftercareSettings, "reminderOffsetsMinutes" | "quietHours">,
): PlannedReminder[] {
  const out: PlannedReminder[] = [];
  for (const offsetMinutes of s.reminderOffsetsMinutes) {
    let at = new Date(visitStart.getTime() - offsetMinutes * 60_000);
    if (s.quietHours && inQuietHours(at, s.quietHours)) {
      at = new Date(quietStartBefore(at, s.quietHours).getTime() - BEFORE_QUIET_MS);
    }
    if (at.getTime() <= now.getTime()) continue;
    if (out.some((r) => r.at.getTime() === at.getTime())) continue;
    out.push({ offsetMinutes, at });
  }
  return out;
}

/** Stop-clinic checks end when the visit's day begins (China time): the hospital's lists of the day itself
 * drop sessions as they close, which would read as cancellations. */
export function checksEndAt(beginTime: string): Date {
  return chinaWallClockToInstant(`${beginTime.slice(0, 10)} 00:00:00`);
}

/** The next instant on the check grid after `now` (multiples of the period since the epoch). */
export function nextGridCheck(now: Date, periodSeconds: number): Date {
  const p = periodSeconds * 1000;
  return new Date((Math.floor(now.getTime() / p) + 1) * p);
}

/** The check on the evening before the visit. */
export function preVisitCheck(beginTime: string): Date {
  const dayBefore = addDaysIso(beginTime.slice(0, 10), -1);
  return chinaWallClockToInstant(`${dayBefore} ${String(PRE_VISIT_CHECK_HOUR).padStart(2, "0")}:00:00`);
}

/** The period a booked time falls in, for recognising its schedule in the doctor's list. */
export function periodOf(beginTime: string): Period {
  const hour = Number(beginTime.slice(11, 13));
  return hour < 12 ? "am" : hour < 18 ? "pm" : "em";
}

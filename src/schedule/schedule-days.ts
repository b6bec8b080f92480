// The date step's rules: which days of the booking window have sessions, how many places are left, and
// which sessions can be booked. Full sessions are shown but never offered.
import type { IsoDate, Period, Schedule } from "../hospital/types.js";
import { addDaysIso } from "../time/china-time.js";

export interface DaySummary {
  date: IsoDate;
  free: number;
  sessions: Schedule[];
}

const PERIOD_ORDER: Record<Period, number> = { am: 0, pm: 1, em: 2 };

/** Days in [from, to] that have at least one session, in date order, sessions by period. */
export function daysWithSessions(schedules: Schedule[], from: IsoDate, to: IsoDate): DaySummary[] {
  const byDay = new Map<IsoDate, Schedule[]>();
  for (const s of schedules) {
    if (s.date < from || s.date > to) continue;
    const list = byDay.get(s.date) ?? [];
    list.push(s);
    byDay.set(s.date, list);
  }
  return [...byDay.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([date, sessions]) => ({
      date,
      sessions: sessions.sort((a, b) => PERIOD_ORDER[a.period] - PERIOD_ORDER[b.period]),
      free: sessions.reduce((n, s) => n + s.available, 0),
    }));
}

export function isBookable(s: Schedule): boolean {
  return s.available > 0;
}

/** The last bookable day: appointmentCycleDays counts the days ahead of today that can be booked. */
export function windowEnd(today: IsoDate, windowDays: number): IsoDate {
  return addDaysIso(today, Math.max(0, windowDays));
}

export function formatFee(fee: number): string {
  return Number.isInteger(fee) ? String(fee) : fee.toFixed(2);
}

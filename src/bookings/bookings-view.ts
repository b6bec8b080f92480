// Which of a patient's bookings are still ahead and which are behind them, judged in China time: the
// same rule decides what /mybookings lists first and what /cancel may touch.
import { chinaWallClockToInstant } from "../time/china-time.js";
import type { BookingRecord } from "./record.js";

/** How far back /mybookings looks; older records stay stored but are not listed. */
export const PAST_DAYS_SHOWN = 30;

const DAY_MS = 86_400_000;

export interface BookingsView {
  /** soonest first */
  upcoming: BookingRecord[];
  /** most recent first, at most PAST_DAYS_SHOWN days back */
  past: BookingRecord[];
}

/** An appointment whose start has come is past, even while it is still going on. */
export function isUpcoming(record: BookingRecord, now: Date): boolean {
  return chinaWallClockToInstant(record.beginTime).getTime() > now.getTime();
}

export function isCancellable(record: BookingRecord, now: Date): boolean {
  return record.status === "booked" && isUpcoming(record, now);
}

export function splitBookings(records: readonly BookingRecord[], now: Date): BookingsView {
  const since = now.getTime() - PAST_DAYS_SHOWN * DAY_MS;
  const byBegin = [...records].sort(
    (a, b) => a.beginTime.localeCompare(b.beginTime) || a.placedAt.localeCompare(b.placedAt),
  );
  const upcoming = byBegin.filter((r) => isUpcoming(r, now));
  const past = byBegin
    .filter((r) => !isUpcoming(r, now) && chinaWallClockToInstant(r.beginTime).getTime() >= since)
    .reverse();
  return { upcoming, past };
}

/** What /cancel offers to choose from. */
export function cancellableBookings(records: readonly BookingRecord[], now: Date): BookingRecord[] {
  return splitBookings(records, now).upcoming.filter((r) => r.status === "booked");
}

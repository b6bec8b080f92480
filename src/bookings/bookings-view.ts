// Which of a patient's bookings are still ahead and which are behind them, judged in China time: the
// same rule decides what /mybookings lists first and what /cancel may touch. Bookings whose outcome is
// unknown (or left placing) and cancelled ones are kept apart, so neither passes for an appointment.
import { chinaWallClockToInstant } from "../time/china-time.js";
import type { BookingRecord } from "./record.js";

/** How far back /mybookings looks; older records stay stored but are not listed. */
export const PAST_DAYS_SHOWN = 30;

const DAY_MS = 86_400_000;

export interface BookingsView {
  /** booked and still ahead, soonest first */
  upcoming: BookingRecord[];
  /** unknown or placing, ahead or at most PAST_DAYS_SHOWN days back, soonest first */
  unresolved: BookingRecord[];
  /** booked and begun, most recent first, at most PAST_DAYS_SHOWN days back */
  past: BookingRecord[];
  /** cancelled, or found not booked, in the same window, soonest first */
  cancelled: BookingRecord[];
}

const UNRESOLVED: ReadonlySet<BookingRecord["status"]> = new Set(["unknown", "placing"]);
const CANCELLED: ReadonlySet<BookingRecord["status"]> = new Set(["cancelled", "not_booked"]);

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
  const recent = byBegin.filter((r) => chinaWallClockToInstant(r.beginTime).getTime() >= since);
  const booked = recent.filter((r) => r.status === "booked");
  return {
    upcoming: booked.filter((r) => isUpcoming(r, now)),
    unresolved: recent.filter((r) => UNRESOLVED.has(r.status)),
    past: booked.filter((r) => !isUpcoming(r, now)).reverse(),
    cancelled: recent.filter((r) => CANCELLED.has(r.status)),
  };
}

/** What /cancel offers to choose from. */
export function cancellableBookings(records: readonly BookingRecord[], now: Date): BookingRecord[] {
  return splitBookings(records, now).upcoming;
}

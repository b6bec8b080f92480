// One booking as the patient reads it, in /mybookings and wherever else a booking is shown again (the
// confirm step's "this booking's outcome is unknown"). Shared so that no step depends on a view.
import type { BookingRecord } from "../../src/bookings/record.js";
import type { BotContext } from "../../src/bot/context.js";
import { whenText } from "../../src/i18n/format.js";
import { formatFee } from "../../src/schedule/schedule-days.js";

function statusText(ctx: BotContext, r: BookingRecord, upcoming: boolean): string {
  const s = ctx.t.bookings.status;
  if (r.status === "booked" && !upcoming) return s.elapsed;
  return s[r.status];
}

export function bookingEntryText(ctx: BotContext, r: BookingRecord, n: number, upcoming: boolean): string {
  return ctx.t.bookings.entry({
    n,
    when: whenText(ctx.t, r.beginTime, r.endTime),
    hospital: r.hospital,
    department: r.department,
    doctor: r.doctor,
    patient: r.patientMasked,
    fee: formatFee(r.fee),
    status: statusText(ctx, r, upcoming),
    orderId: r.orderId ?? undefined,
    takeNo: r.takeNo ?? undefined,
  });
}

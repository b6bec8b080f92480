// The bot's own record of each order it placed: the API cannot list a patient's orders, so /mybookings
// and /cancel read this. It keeps only what /mybookings shows; the patient's name is stored masked and
// the certificate number only as a keyed hash (patientKey), enough to recognise the same patient again.
// A record is written before the order is sent ("placing"), so a process that dies mid-order leaves a
// record that is shown, never a booking nobody knows about.
import { z } from "zod";

export const bookingStatusSchema = z.enum([
  /** written before the order POST; left so only when the process died before the answer */
  "placing",
  "booked",
  "cancelled",
  /** the POST got no answer: it may or may not have booked */
  "unknown",
  /** was unknown; the patient checked with the hospital and told us it was not booked */
  "not_booked",
]);
export type BookingStatus = z.infer<typeof bookingStatusSchema>;

export const bookingRecordSchema = z.object({
  /** the orderId, or `u-<attempt>` while the order is placing or its outcome is unknown */
  id: z.string(),
  /** the order attempt (one Confirm screen) this record belongs to */
  attemptId: z.string().optional(),
  /** keyed hash of the patient's certificate (see patient-key.ts), never the number itself */
  patientKey: z.string().optional(),
  scheduleId: z.string().optional(),
  orderId: z.string().nullable(),
  takeNo: z.string().nullable(),
  unitId: z.string(),
  hospital: z.string(),
  department: z.string(),
  doctor: z.string(),
  /** `yyyy-MM-dd HH:mm:ss`, China time */
  beginTime: z.string(),
  endTime: z.string(),
  fee: z.number(),
  patientMasked: z.string(),
  status: bookingStatusSchema,
  placedAt: z.string(),
  cancelledAt: z.string().optional(),
});
export type BookingRecord = z.infer<typeof bookingRecordSchema>;

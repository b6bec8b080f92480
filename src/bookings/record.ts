// The bot's own record of each order it placed: the API cannot list a patient's orders, so /mybookings
// and /cancel read this. It keeps only what /mybookings shows; the patient's name is stored masked.
import { z } from "zod";

export const bookingStatusSchema = z.enum(["booked", "cancelled", "unknown"]);
export type BookingStatus = z.infer<typeof bookingStatusSchema>;

export const bookingRecordSchema = z.object({
  /** the orderId, or `u-<attempt>` for an order whose outcome is unknown */
  id: z.string(),
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

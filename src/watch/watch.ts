// What a watch is: who watches which doctor (or a whole department), over which days and sessions, since
// when and until when. Parsed with zod wherever it is read back from Redis or a job, so a record from
// another version or a hand-edited key is dropped, never trusted.
import { z } from "zod";
import type { IsoDate, Period, Schedule } from "../hospital/types.js";

export const PERIODS = ["am", "pm", "em"] as const satisfies readonly Period[];

export const watchTargetSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("doctor"), unitId: z.string(), depId: z.string(), doctorId: z.string() }),
  z.object({ kind: z.literal("department"), unitId: z.string(), depId: z.string() }),
]);
export type WatchTarget = z.infer<typeof watchTargetSchema>;

export const watchSchema = z.object({
  id: z.string().regex(/^[0-9a-z]{1,16}$/),
  userId: z.number().int(),
  chatId: z.number().int(),
  lang: z.enum(["zh", "en"]),
  target: watchTargetSchema,
  /** the days watched, China calendar days, inclusive */
  from: z.string(),
  to: z.string(),
  periods: z.array(z.enum(PERIODS)).min(1),
  /** ms, app clock: the place in every queue this watch joins */
  createdAt: z.number(),
  /** ms, app clock: when the watch ends by itself */
  expiresAt: z.number(),
  /**
   * Opted in at set-up: a freed place is booked at once for this saved patient (auto-book.ts). The masked
   * name is for /watches; `attemptId` is the one order attempt the watch made (its claim names it too).
   */
  autoBook: z
    .object({ patientId: z.string(), patientMasked: z.string(), attemptId: z.string().optional() })
    .optional(),
});
export type Watch = z.infer<typeof watchSchema>;

/** A watch lasts at most this long, whatever days it covers. */
export const WATCH_MAX_AGE_MS = 30 * 86_400_000;

/** The days a patient can choose when setting a watch: the next n days, or the hospital's whole window. */
export const DAY_CHOICES = ["3", "7", "14", "window"] as const;
export type DayChoice = (typeof DAY_CHOICES)[number];
export const SESSION_CHOICES = ["am", "pm", "em", "any"] as const;
export type SessionChoice = (typeof SESSION_CHOICES)[number];

export function periodsOf(choice: SessionChoice): Period[] {
  return choice === "any" ? [...PERIODS] : [choice];
}

/** Whether a session is one this watch wants: its days, its sessions, and (for a department) any doctor. */
export function wants(watch: Watch, s: Pick<Schedule, "date" | "period" | "doctorId" | "depId">): boolean {
  if (s.date < watch.from || s.date > watch.to) return false;
  if (!watch.periods.includes(s.period)) return false;
  return watch.target.kind === "department" || watch.target.doctorId === s.doctorId;
}

// Ids come from the API; a target id must be safe in a Redis key and a BullMQ job id (no ':').
const part = (s: string) => encodeURIComponent(s).replaceAll("-", "%2D").replaceAll(".", "%2E");

/** One id per thing polled: a doctor, or a department's doctors. */
export function targetIdOf(t: WatchTarget): string {
  return t.kind === "doctor"
    ? `doc-${part(t.unitId)}-${part(t.depId)}-${part(t.doctorId)}`
    : `dep-${part(t.unitId)}-${part(t.depId)}`;
}

/** The last day a watch covers, clipped to the days that exist. */
export function lastDay(
  days: DayChoice,
  today: IsoDate,
  windowEnd: IsoDate,
  addDays: (d: IsoDate, n: number) => IsoDate,
): IsoDate {
  if (days === "window") return windowEnd;
  const end = addDays(today, Number(days) - 1);
  return end < windowEnd ? end : windowEnd;
}

// Wire schemas for the 91160 open API. The document's types drift between endpoints and its examples are
// filled with random values, so every schema tolerates extra fields, accepts IDs as int or string, and
// falls back to a sane default where a field is unreadable rather than rejecting a whole list for it.
import { z } from "zod";
import type { DoctorGender, Hospital, Period } from "./types.js";

/** Any envelope: `code` is documented as a string but sent as a number on sibling pages. */
export const envelopeSchema = z.looseObject({
  code: z.union([z.string(), z.number()]),
  msg: z.union([z.string(), z.number()]).nullish(),
  data: z.unknown().optional(),
});
export type Envelope = z.infer<typeof envelopeSchema>;

/** An ID sent as int or string; always a non-empty string inside the bot. */
export const wireId = z
  .union([z.string(), z.number().int().nonnegative()])
  .transform((v) => String(v).trim())
  .pipe(z.string().min(1));

/** A free-text field that may be missing, null or numeric; always a string (possibly empty). */
const text = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((v) => (v == null ? "" : String(v).trim()));

/** An integer that may arrive as a numeric string; `fallback` when missing or unreadable. */
const lenientInt = (fallback: number) =>
  z
    .unknown()
    .optional()
    .transform((v) => {
      const n = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : Number.NaN;
      return Number.isFinite(n) ? Math.trunc(n) : fallback;
    });

/** A money amount in yuan; 0 when unreadable. */
const lenientAmount = z
  .unknown()
  .optional()
  .transform((v) => {
    const n = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : Number.NaN;
    return Number.isFinite(n) && n >= 0 ? n : 0;
  });

export const DEFAULT_OPEN_TIME = { hour: 8, minute: 0 } as const;
export const DEFAULT_CYCLE_DAYS = 7;

/** "HH:mm", "HH:mm:ss" or a full datetime whose time part is taken; 08:00 when unreadable. */
export function parseOpenTime(v: unknown): { hour: number; minute: number } {
  if (typeof v !== "string") return { ...DEFAULT_OPEN_TIME };
  const m = /(?:^|[\sT])(\d{1,2}):(\d{2})(?::\d{2})?\s*$/.exec(v.trim());
  if (!m) return { ...DEFAULT_OPEN_TIME };
  const hour = Number(m[1]);
  const minute = Number(m[2]);
  if (hour > 23 || minute > 59) return { ...DEFAULT_OPEN_TIME };
  return { hour, minute };
}

/** A whole number of days, 0..366; 7 when unreadable (the example sends "gyjq45"). */
export function parseCycleDays(v: unknown): number {
  const s = typeof v === "number" ? String(v) : typeof v === "string" ? v.trim() : "";
  if (!/^\d{1,3}$/.test(s)) return DEFAULT_CYCLE_DAYS;
  const n = Number(s);
  return n <= 366 ? n : DEFAULT_CYCLE_DAYS;
}

export function parsePayType(v: unknown): Hospital["payType"] {
  const s = v == null ? "" : String(v).trim();
  return s === "0" ? "onsite" : s === "1" ? "online" : "unknown";
}

/** Doctor list only: 1 = male, 0 = female (the order endpoint uses the opposite codes). */
export function parseDoctorGender(v: unknown): DoctorGender {
  const s = v == null ? "" : String(v).trim();
  return s === "1" ? "male" : s === "0" ? "female" : "unknown";
}

/** am / pm / em, or the Chinese description when the code is missing; null when neither is readable. */
export function parsePeriod(timeType: unknown, desc: unknown): Period | null {
  const t = typeof timeType === "string" ? timeType.trim().toLowerCase() : "";
  if (t === "am" || t === "pm" || t === "em") return t;
  const d = typeof desc === "string" ? desc : "";
  if (d.includes("上午")) return "am";
  if (d.includes("下午")) return "pm";
  if (d.includes("晚") || d.includes("夜")) return "em";
  return null;
}

export function availability(resourceMax: number, appointedNum: number): number {
  return Math.max(0, resourceMax - appointedNum);
}

export const unitWire = z.looseObject({
  unitId: wireId,
  unitName: text,
  unitLevel: text,
  unitType: text,
  payType: z.unknown().optional(),
  provinceName: text,
  cityName: text,
  cityCode: text,
  districtName: text,
  address: text,
  telephone: text,
  mapPoint: text,
  busRoute: text,
  appointmentOpenTime: z.unknown().optional(),
  appointmentCycleDays: z.unknown().optional(),
});

export const depWire = z.looseObject({
  depId: wireId,
  unitId: wireId.optional().catch(undefined),
  depName: text,
  depIntro: text,
  depClassName: text,
  depClassId: text,
});

export const doctorWire = z.looseObject({
  doctorId: wireId,
  unitId: wireId.optional().catch(undefined),
  depId: wireId.optional().catch(undefined),
  doctorName: text,
  doctorTitle: text,
  gender: z.unknown().optional(),
  expertise: text,
  detail: text,
});

export const scheduleWire = z.looseObject({
  scheduleId: wireId,
  unitId: wireId.optional().catch(undefined),
  depId: wireId.optional().catch(undefined),
  doctorId: wireId.optional().catch(undefined),
  scheduleDate: text,
  timeType: z.unknown().optional(),
  timeTypeDesc: z.unknown().optional(),
  levelName: text,
  resourceMax: lenientInt(0),
  appointedNum: lenientInt(0),
  resourceFee: lenientAmount,
});

export const slotWire = z.looseObject({
  resourceId: wireId,
  scheduleId: wireId.optional().catch(undefined),
  beginTime: text,
  endTime: text,
  resourceMax: lenientInt(0),
  appointedNum: lenientInt(0),
  resourceFee: lenientAmount,
});

/** `{ list, total }` of list endpoints; items are kept raw so one bad record cannot sink the page. */
export const pagedData = z.looseObject({
  list: z
    .array(z.unknown())
    .nullish()
    .transform((l) => l ?? []),
  total: z.unknown().optional(),
});

/** Schedule and slot lists are bare arrays; a missing `data` means none. */
export const arrayData = z
  .array(z.unknown())
  .nullish()
  .transform((l) => l ?? []);

export const orderData = z.looseObject({
  orderId: wireId,
  hisTakeNo: text,
});

export const tokenData = z.looseObject({
  appToken: z.string().min(1),
  expiresIn: z.unknown().optional(),
});

export type UnitWire = z.infer<typeof unitWire>;
export type DepWire = z.infer<typeof depWire>;
export type DoctorWire = z.infer<typeof doctorWire>;
export type ScheduleWire = z.infer<typeof scheduleWire>;
export type SlotWire = z.infer<typeof slotWire>;

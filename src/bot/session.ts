// The conversation's state as stored in Redis. It is parsed on load like any other external input: a
// session that no longer fits (an old deployment's shape, a hand-edited key) starts afresh instead of
// crashing a handler.
import { z } from "zod";
import { CERTIFICATE_KINDS } from "../hospital/types.js";

const sex = z.enum(["male", "female"]);

/** Answers given so far; every field optional until the patient step is complete. */
export const patientDraftSchema = z.object({
  name: z.string().optional(),
  certKind: z.enum(CERTIFICATE_KINDS).optional(),
  certNo: z.string().optional(),
  sex: sex.optional(),
  birthday: z.string().optional(),
  mobile: z.string().optional(),
  clinicNo: z.string().nullable().optional(),
  address: z.string().optional(),
  guardianName: z.string().optional(),
  guardianCertKind: z.enum(CERTIFICATE_KINDS).optional(),
  guardianCertNo: z.string().optional(),
  guardianSex: sex.optional(),
  guardianBirthday: z.string().optional(),
  guardianRelation: z.string().optional(),
  guardianMobile: z.string().optional(),
});
export type PatientDraft = z.infer<typeof patientDraftSchema>;

export const slotSnapshotSchema = z.object({
  resourceId: z.string(),
  scheduleId: z.string(),
  beginTime: z.string(),
  endTime: z.string(),
  fee: z.number(),
});
export type SlotSnapshot = z.infer<typeof slotSnapshotSchema>;

export const draftSchema = z.object({
  city: z.string().optional(),
  unitId: z.string().optional(),
  depId: z.string().optional(),
  doctorId: z.string().optional(),
  date: z.string().optional(),
  scheduleId: z.string().optional(),
  period: z.enum(["am", "pm", "em"]).optional(),
  slot: slotSnapshotSchema.optional(),
  patient: patientDraftSchema.default({}),
  /** the patient question being asked, or the one the patient is revising */
  question: z.string().optional(),
  /** true while the patient revises answers from the confirm step: each question offers "keep" */
  revising: z.boolean().optional(),
  /** set when the confirm summary is shown; one order at most per attempt */
  attemptId: z.string().optional(),
});
export type BookingDraft = z.infer<typeof draftSchema>;

export const sessionSchema = z.looseObject({
  lang: z.enum(["zh", "en"]).optional(),
  menu: z
    .object({
      nonce: z.string(),
      messageId: z.number().int(),
      /** the nonce this menu replaced on the same message, and when: a tap on it from before is a double tap */
      replaced: z.object({ nonce: z.string(), at: z.number() }).optional(),
    })
    .optional(),
  draft: draftSchema.optional(),
  /** a reply keyboard (the mobile question's) is on the patient's screen until we remove it */
  replyKeyboard: z.boolean().optional(),
  __scenes: z
    .looseObject({ current: z.string().optional(), state: z.record(z.string(), z.unknown()).optional() })
    .optional(),
});
export type BotSession = z.infer<typeof sessionSchema>;

export function parseSession(raw: unknown): BotSession | undefined {
  const parsed = sessionSchema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

// Button payloads are a codec, not string concatenation: `nonce|action|arg`, at most 64 bytes, parsed
// with zod. The nonce ties a button to the menu it was drawn on, so a tap on an old message is
// recognised as stale; nonce "0" marks buttons that work from any message (start, my bookings…).
import { z } from "zod";

export const ACTIONS = [
  "pick", // a list item: city, hospital, department, doctor, day, session, slot, certificate type…
  "page",
  "back",
  "quit",
  "clear", // clear the list filter
  "keep", // keep the answer given before
  "none", // "I have none" (outpatient card)
  "ok", // confirm
  "change",
  "retry",
  "full", // a full session: answered, never bookable
  "start",
  "mine", // my bookings
  "lang",
  "cancel", // cancel a booking
  "reason",
  "resume", // back to the booking step left for /mybookings or /cancel
  "agree", // the privacy notice
  "decline",
  "other", // someone else than the saved patients
  "save", // remember this patient
  "edit",
  "delete",
  "watch", // set a watch on the doctor (or department) shown
  "wbook", // a watch's offer: book now
  "wkeep", // a watch's offer: keep watching
  "wstop", // stop a watch
  "restart", // discard the booking in progress and do what was asked
  "unbooked", // the patient checked with the hospital: an unknown booking was not made
  "ics", // a booking's calendar file
  "rebook", // another time with a booking's doctor (a stop-clinic alert)
  "watchdoc", // watch a booking's doctor (a stop-clinic alert)
  "otherdoc", // the other doctors of a booking's department (a stop-clinic alert)
] as const;
export type Action = (typeof ACTIONS)[number];

export const GLOBAL_NONCE = "0";
/**
 * The only actions a button may carry with the global nonce. Any other action under nonce "0" is forged:
 * without this, writing "0" instead of the menu's nonce would walk past the stale-button check.
 */
export const GLOBAL_ACTIONS: ReadonlySet<Action> = new Set<Action>([
  "start",
  "mine",
  "lang",
  "cancel",
  "resume",
  "wbook",
  "wkeep",
  "wstop",
  "ics",
  "rebook",
  "watchdoc",
  "otherdoc",
]);
const MAX_BYTES = 64;

export interface CallbackData {
  nonce: string;
  action: Action;
  arg: string;
}

const schema = z
  .string()
  .max(MAX_BYTES)
  .regex(/^[0-9a-z]{1,8}\|[a-z]{1,8}\|[\w.:-]{0,48}$/)
  .transform((s) => {
    const [nonce = "", action = "", arg = ""] = s.split("|");
    return { nonce, action, arg };
  })
  .pipe(z.object({ nonce: z.string(), action: z.enum(ACTIONS), arg: z.string() }))
  .refine((d) => d.nonce !== GLOBAL_NONCE || GLOBAL_ACTIONS.has(d.action));

export function encodeCallback(data: CallbackData): string {
  const out = `${data.nonce}|${data.action}|${data.arg}`;
  if (Buffer.byteLength(out, "utf8") > MAX_BYTES || !schema.safeParse(out).success) {
    throw new Error(`callback data does not fit the codec: ${data.action}`);
  }
  return out;
}

/** undefined for anything we did not write: forged, truncated or from another bot version. */
export function decodeCallback(raw: unknown): CallbackData | undefined {
  const parsed = schema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

export function newNonce(): string {
  return Math.floor(Math.random() * 36 ** 4)
    .toString(36)
    .padStart(4, "1");
}

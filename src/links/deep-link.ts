// The booking's deep links: https://t.me/<bot>?start=<payload>, where the payload is `book`,
// `book-<unitId>`, `book-<unitId>-<depId>` or `book-<unitId>-<depId>-<doctorId>`, and (for a message's
// "Book now" button, since a session does not outlive its day) `…-<doctorId>-<scheduleId>`. One codec for
// the bot (which reads the payload of /start and of a global "start" button) and for `npm run link`
// (which prints and draws the link), so they cannot drift apart. Telegram allows 1–64 characters of A–Z, a–z, 0–9, _ and - in a start payload;
// ids are checked against the catalog by the flow, never trusted from here.
import { z } from "zod";

export interface LinkChoices {
  unitId?: string;
  depId?: string;
  doctorId?: string;
  scheduleId?: string;
}

const MAX_PAYLOAD = 64;
const id = z.string().regex(/^[A-Za-z0-9_]{1,20}$/);

const payloadSchema = z
  .string()
  .max(MAX_PAYLOAD)
  .regex(/^book(?:-[A-Za-z0-9_]{1,20}){0,4}$/)
  .transform((s) => s.split("-").slice(1));

/** The choices a /start payload carries, or undefined when it is not a booking link. */
export function parseBookingPayload(payload: string): LinkChoices | undefined {
  const parsed = payloadSchema.safeParse(payload.trim());
  if (!parsed.success) return undefined;
  const [unitId, depId, doctorId, scheduleId] = parsed.data;
  return {
    ...(unitId !== undefined && { unitId }),
    ...(depId !== undefined && { depId }),
    ...(doctorId !== undefined && { doctorId }),
    ...(scheduleId !== undefined && { scheduleId }),
  };
}

/** The payload for these choices; each id needs the one before it (a doctor their department…). */
export function bookingPayload(choices: LinkChoices): string {
  const ids = [choices.unitId, choices.depId, choices.doctorId, choices.scheduleId];
  const given = ids.filter((p): p is string => p !== undefined);
  if (ids.slice(0, given.length).some((p) => p === undefined)) {
    throw new Error("each id needs the one before it: a department its hospital, a doctor their department");
  }
  const parts = ["book", ...given];
  for (const p of parts.slice(1)) {
    if (!id.safeParse(p).success) throw new Error(`not an id a link can carry: ${JSON.stringify(p)}`);
  }
  const payload = parts.join("-");
  if (payload.length > MAX_PAYLOAD) throw new Error("the link's payload is longer than Telegram allows");
  return payload;
}

export function bookingLink(botUsername: string, choices: LinkChoices): string {
  return `https://t.me/${botUsername}?start=${bookingPayload(choices)}`;
}

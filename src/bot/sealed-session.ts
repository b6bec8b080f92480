// The session as Redis holds it: every personal answer (the questionnaire's draft, a booked patient
// waiting to be saved) lives in one `sealed` field, encrypted under PATIENT_DATA_KEY and bound to the
// chat, so a scan of Redis at any moment of a booking finds no name, document number or mobile. The
// rest (steps, menus, choices of hospital and time) stays readable JSON. It costs no Redis round trip:
// the seal is made and opened in memory around the session's own load and save. A sealed part that will
// not open (a wrong or lost key, an altered value) is treated as never given: the patient is asked again.
import { z } from "zod";
import type { OpenFailure, PatientCipher } from "../patients/cipher.js";
import {
  type BotSession,
  parseSession,
  patientDraftSchema,
  patientEditSchema,
  saveOfferSchema,
} from "./session.js";

const personalSchema = z.object({
  patient: patientDraftSchema.optional(),
  offer: saveOfferSchema.optional(),
  edit: patientEditSchema.optional(),
});
type Personal = z.infer<typeof personalSchema>;

export interface SessionCodec {
  parse(raw: unknown, chatKey: string): BotSession | undefined;
  serialize(session: BotSession, chatKey: string): unknown;
}

export function createSessionCodec(opts: {
  cipher: PatientCipher;
  now: () => Date;
  onUnreadable: (where: string, context: string, reason: OpenFailure) => void;
}): SessionCodec {
  const context = (chatKey: string) => `session:${chatKey}`;

  /** The personal part, or "lost" when there was one and it would not open. */
  function unseal(sealed: unknown, chatKey: string): Personal | "lost" {
    if (typeof sealed !== "string") return {};
    const opened = opts.cipher.open(sealed, context(chatKey));
    if (!opened.ok) {
      opts.onUnreadable("session", context(chatKey), opened.reason);
      return "lost";
    }
    try {
      const parsed = personalSchema.safeParse(JSON.parse(opened.plaintext));
      return parsed.success ? parsed.data : {};
    } catch {
      return {};
    }
  }

  return {
    parse(raw, chatKey) {
      if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return undefined;
      const { sealed, ...open } = raw as Record<string, unknown>;
      const unsealed = unseal(sealed, chatKey);
      const personal = unsealed === "lost" ? {} : unsealed;
      const draft = open.draft;
      if (unsealed === "lost" && typeof draft === "object" && draft !== null) {
        // the question being asked, a revision or a summary referred to answers that are gone
        const { question: _q, revising: _r, attemptId: _a, ...rest } = draft as Record<string, unknown>;
        open.draft = rest;
      }
      if (personal.patient && typeof open.draft === "object" && open.draft !== null) {
        open.draft = { ...open.draft, patient: personal.patient };
      }
      if (personal.offer) open.saveOffer = personal.offer;
      if (personal.edit) open.patientEdit = personal.edit;
      return parseSession(open);
    },
    serialize(session, chatKey) {
      const { saveOffer, patientEdit, ...stored } = session;
      const personal: Personal = {};
      // an offer nobody answered in time is dropped rather than kept for the session's whole life
      if (saveOffer && saveOffer.until > opts.now().getTime()) personal.offer = saveOffer;
      if (patientEdit) personal.edit = patientEdit;
      if (session.draft && Object.keys(session.draft.patient).length > 0) {
        const { patient, ...choices } = session.draft;
        personal.patient = patient;
        stored.draft = { ...choices, patient: {} };
      }
      if (!personal.patient && !personal.offer && !personal.edit) return stored;
      return { ...stored, sealed: opts.cipher.seal(JSON.stringify(personal), context(chatKey)) };
    },
  };
}

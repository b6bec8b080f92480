// The booking being put together, kept in the session: choices so far and the patient's answers. Going
// Back finds the earlier choice still there; the flow table drops what depended on a choice that changed.
import type { BotContext } from "../../src/bot/context.js";
import type { BookingDraft } from "../../src/bot/session.js";

export function draftOf(ctx: BotContext): BookingDraft {
  ctx.session.draft ??= { patient: {} };
  return ctx.session.draft;
}

/** Work the patient would lose by starting again: an answer typed, or a time chosen. */
export function hasWork(draft: BookingDraft | undefined): boolean {
  if (!draft) return false;
  return draft.slot !== undefined || Object.keys(draft.patient).length > 0;
}

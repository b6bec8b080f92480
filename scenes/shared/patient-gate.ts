// Helpers of the two rows the flow table puts before the first personal question: the privacy notice
// (scenes/consent.ts, once per notice version) and the saved patients (scenes/patient-pick.ts).
import type { BotContext } from "../../src/bot/context.js";
import type { SavedAnswers } from "../../src/patients/saved-patients.js";

/** True when this user agreed to the current notice; the answer is kept in the session for later steps. */
export async function hasConsent(ctx: BotContext): Promise<boolean> {
  const { consent } = ctx.deps;
  if (ctx.session.consent === consent.version) return true;
  const userId = ctx.from?.id;
  if (userId === undefined || !(await consent.hasAgreed(userId))) return false;
  ctx.session.consent = consent.version;
  return true;
}

/** `张三 · 身份证 ****002X`: enough to tell family members apart, not enough to reuse the number. */
export function savedPatientLabel(ctx: BotContext, answers: SavedAnswers): string {
  const t = ctx.t.savedPatients;
  const kind = answers.certKind ?? "other";
  const no = answers.certNo ?? "";
  return t.button(answers.name ?? "", t.certShort[kind] ?? kind, no.slice(-4));
}

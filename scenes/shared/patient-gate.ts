// What stands between a booking and its first personal question: the privacy notice (once per notice
// version, recorded by src/privacy/consent.ts) and, for a patient who saved some, the saved patients as
// one-tap buttons. The patient step calls this before asking anything; it says whether it took over.
import type { BotContext } from "../../src/bot/context.js";
import type { SavedAnswers } from "../../src/patients/saved-patients.js";
import { draftOf } from "./flow.js";

/** True when this user agreed to the current notice; the answer is kept in the session for later steps. */
export async function hasConsent(ctx: BotContext): Promise<boolean> {
  const { consent } = ctx.deps;
  if (ctx.session.consent === consent.version) return true;
  const userId = ctx.from?.id;
  if (userId === undefined || !(await consent.hasAgreed(userId))) return false;
  ctx.session.consent = consent.version;
  return true;
}

/** Sends the patient to the notice or the saved-patient list when either comes first; true if it did. */
export async function patientGate(ctx: BotContext): Promise<boolean> {
  if (!(await hasConsent(ctx))) {
    await ctx.scene.enter("consent");
    return true;
  }
  const draft = draftOf(ctx);
  const userId = ctx.from?.id;
  if (draft.savedPick !== undefined || userId === undefined) return false;
  if ((await ctx.deps.patients.inventoryOf(userId)).count === 0) {
    draft.savedPick = "new";
    return false;
  }
  await ctx.scene.enter("patient-pick");
  return true;
}

/** `张三 · 身份证 ****002X`: enough to tell family members apart, not enough to reuse the number. */
export function savedPatientLabel(ctx: BotContext, answers: SavedAnswers): string {
  const t = ctx.t.savedPatients;
  const kind = answers.certKind ?? "other";
  const no = answers.certNo ?? "";
  return t.button(answers.name ?? "", t.certShort[kind] ?? kind, no.slice(-4));
}

// The patient step's first screen for a patient who saved some: each saved patient as one tap
// (`张三 · 身份证 ****002X`), then Someone else. A saved patient fills the whole questionnaire at once, so
// the booking goes straight to the summary; only this hospital's outpatient card number is asked when
// none is saved for it, and a child who has turned 18 no longer brings a guardian (the questionnaire's
// own rules decide both).
import { answerButton } from "../src/bot/answer.js";
import type { BotContext } from "../src/bot/context.js";
import { draftFromSaved } from "../src/patients/saved-patients.js";
import { navRow } from "../src/telegram/keyboards.js";
import { type Button, showMenu } from "../src/telegram/menu.js";
import { nextPatientStep } from "./patient.js";
import { draftOf, goTo, quitFlow } from "./shared/flow.js";
import { savedPatientLabel } from "./shared/patient-gate.js";
import { defineStep } from "./shared/step.js";

async function render(ctx: BotContext): Promise<void> {
  const userId = ctx.from?.id;
  if (userId === undefined) return;
  const saved = await ctx.deps.patients.list(userId);
  if (saved.length === 0) return someoneElse(ctx);
  const rows: Button[][] = saved.map((p) => [
    { text: savedPatientLabel(ctx, p.answers), action: "pick", arg: p.id },
  ]);
  rows.push([{ text: ctx.t.savedPatients.someoneElse, action: "other" }]);
  rows.push(navRow(ctx.t));
  await showMenu(ctx, { text: ctx.t.savedPatients.pickPrompt, rows });
}

async function someoneElse(ctx: BotContext): Promise<void> {
  const draft = draftOf(ctx);
  draft.savedPick = "new";
  draft.patient = {};
  delete draft.question;
  await goTo(ctx, "patient");
}

export const patientPickStep = defineStep("patient-pick", {
  render,
  async onButton(ctx, button) {
    switch (button.action) {
      case "pick": {
        const userId = ctx.from?.id;
        const saved = userId === undefined ? undefined : await ctx.deps.patients.get(userId, button.arg);
        if (!saved) {
          await answerButton(ctx, ctx.t.savedPatients.gone);
          return render(ctx);
        }
        const draft = draftOf(ctx);
        draft.patient = draftFromSaved(saved.answers, draft.unitId);
        draft.savedPick = saved.id;
        return nextPatientStep(ctx);
      }
      case "other":
        return someoneElse(ctx);
      case "back":
        return goTo(ctx, "slot");
      case "quit":
        return quitFlow(ctx);
      default:
        await answerButton(ctx, ctx.t.flow.expired);
    }
  },
});

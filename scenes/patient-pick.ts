// The saved patients as one-tap buttons (`张三 · 身份证 ****002X`), then Someone else: a row of the flow
// table just before the questionnaire. A saved patient fills the whole questionnaire at once, so the
// questionnaire is passed over and the booking goes straight to the summary; only this hospital's
// outpatient card number is asked when none is saved for it, and a child who has turned 18 no longer
// brings a guardian (the questionnaire's own rules decide both). Without saved patients it passes on.
import { z } from "zod";
import { answerButton } from "../src/bot/answer.js";
import type { BotContext } from "../src/bot/context.js";
import { draftFromSaved } from "../src/patients/saved-patients.js";
import { navRow } from "../src/telegram/keyboards.js";
import { type Button, showMenu } from "../src/telegram/menu.js";
import { draftOf } from "./shared/draft.js";
import { savedPatientLabel } from "./shared/patient-gate.js";
import { defineStep, type StepScope } from "./shared/step.js";

const pickState = z.object({ back: z.boolean().optional() });

async function render(ctx: BotContext, step: StepScope<z.infer<typeof pickState>>): Promise<void> {
  const userId = ctx.from?.id;
  if (userId === undefined) return;
  const saved = await ctx.deps.patients.list(userId);
  if (saved.length === 0) return step.state.back ? step.back() : someoneElse(ctx, () => step.done());
  const rows: Button[][] = saved.map((p) => [
    { text: savedPatientLabel(ctx, p.answers), action: "pick", arg: p.id },
  ]);
  rows.push([{ text: ctx.t.savedPatients.someoneElse, action: "other" }]);
  rows.push(navRow(ctx.t, { back: step.hasBack }));
  await showMenu(ctx, { text: ctx.t.savedPatients.pickPrompt, rows });
}

export const patientPickStep = defineStep({
  state: pickState,
  arrive: (_ctx, how) => (how === "back" ? { back: true } : {}),
  render,
  async onButton(ctx, button, step) {
    switch (button.action) {
      case "pick": {
        const userId = ctx.from?.id;
        const saved = userId === undefined ? undefined : await ctx.deps.patients.get(userId, button.arg);
        if (!saved) {
          await answerButton(ctx, ctx.t.savedPatients.gone);
          return render(ctx, step);
        }
        const draft = draftOf(ctx);
        draft.patient = draftFromSaved(saved.answers, draft.unitId);
        draft.savedPick = saved.id;
        return step.done();
      }
      case "other":
        return someoneElse(ctx, () => step.done());
      case "back":
        return step.back();
      case "quit":
        return step.quit();
      default:
        await answerButton(ctx, ctx.t.flow.expired);
    }
  },
});

function someoneElse(ctx: BotContext, done: () => Promise<void>): Promise<void> {
  const draft = draftOf(ctx);
  // answers of a saved patient picked before are not this person's
  if (draft.savedPick !== undefined && draft.savedPick !== "new") draft.patient = {};
  draft.savedPick = "new";
  return done();
}

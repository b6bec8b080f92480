// Moving between steps and leaving the flow. Choices live in the session's draft, so going Back finds
// the earlier choice still there; changing a choice drops what depended on it.
import type { BotContext } from "../../src/bot/context.js";
import type { BookingDraft } from "../../src/bot/session.js";
import { showMenu } from "../../src/telegram/menu.js";
import type { StepId } from "./step.js";

export function draftOf(ctx: BotContext): BookingDraft {
  ctx.session.draft ??= { patient: {} };
  return ctx.session.draft;
}

export async function goTo(
  ctx: BotContext,
  step: StepId,
  state: Record<string, unknown> = {},
): Promise<void> {
  await ctx.scene.enter(step, state);
}

/** Fields that depend on each choice, dropped when that choice changes. */
const DOWNSTREAM: Record<"city" | "unitId" | "depId" | "doctorId" | "scheduleId", (keyof BookingDraft)[]> = {
  city: ["unitId", "depId", "doctorId", "date", "scheduleId", "slot", "attemptId"],
  unitId: ["depId", "doctorId", "date", "scheduleId", "slot", "attemptId"],
  depId: ["doctorId", "date", "scheduleId", "slot", "attemptId"],
  doctorId: ["date", "scheduleId", "slot", "attemptId"],
  scheduleId: ["slot", "attemptId"],
};

export function choose(ctx: BotContext, field: keyof typeof DOWNSTREAM, value: string): void {
  const draft = draftOf(ctx);
  if (draft[field] !== value) {
    for (const f of DOWNSTREAM[field]) delete draft[f];
  }
  draft[field] = value;
}

/** Leaves the flow: the draft goes, and with it any personal data entered. */
export async function quitFlow(ctx: BotContext): Promise<void> {
  delete ctx.session.draft;
  await ctx.scene.leave();
  await showMenu(ctx, {
    text: ctx.t.flow.cancelled,
    rows: [[{ text: ctx.t.start.bookButton, action: "start", global: true }]],
  });
}

// The privacy notice before the first personal question of a booking: what is collected, why, that it
// goes only to the hospital through 91160, and how long each thing is kept, with Agree / Decline. Agree is
// recorded with its time and the notice's version; Decline ends the booking politely, nothing collected.
import { answerButton } from "../src/bot/answer.js";
import type { BotContext } from "../src/bot/context.js";
import { showMenu } from "../src/telegram/menu.js";
import { defineStep } from "./shared/step.js";

export const consentStep = defineStep("consent", {
  async render(ctx) {
    const t = ctx.t.consent;
    await showMenu(ctx, {
      text: noticeText(ctx),
      rows: [[{ text: t.agreeButton, action: "agree" }], [{ text: t.declineButton, action: "decline" }]],
    });
  },
  async onButton(ctx, button) {
    switch (button.action) {
      case "agree":
        return agree(ctx);
      case "decline":
      case "quit":
        return decline(ctx);
      default:
        await answerButton(ctx, ctx.t.flow.expired);
    }
  },
});

/** The notice with the periods this deployment keeps things for. */
export function noticeText(ctx: BotContext): string {
  const r = ctx.deps.retention;
  return ctx.t.consent.notice({
    sessionHours: Math.round(r.sessionTtlSeconds / 3600),
    bookingDays: r.bookingDaysAfterVisit,
    idleDays: r.savedPatientIdleDays,
  });
}

async function agree(ctx: BotContext): Promise<void> {
  const userId = ctx.from?.id;
  if (userId === undefined) return;
  const record = await ctx.deps.consent.record(userId);
  ctx.session.consent = record.version;
  await ctx.scene.enter("patient");
}

async function decline(ctx: BotContext): Promise<void> {
  delete ctx.session.draft;
  await ctx.scene.leave();
  await showMenu(ctx, {
    text: ctx.t.consent.declined,
    rows: [[{ text: ctx.t.start.bookButton, action: "start", global: true }]],
  });
}

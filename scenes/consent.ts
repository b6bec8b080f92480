// The privacy notice before the first personal question of a booking: what is collected, why, that it
// goes only to the hospital through 91160, and how long each thing is kept, with Agree / Decline. A row of
// the flow table (scenes/flow.ts) just before the saved patients: passed over once the user agreed to this
// version of the notice. Agree is recorded with its time and the notice's version; Decline ends the
// booking politely, nothing collected.
import { z } from "zod";
import { answerButton } from "../src/bot/answer.js";
import type { BotContext } from "../src/bot/context.js";
import { showMenu } from "../src/telegram/menu.js";
import { hasConsent } from "./shared/patient-gate.js";
import { defineStep } from "./shared/step.js";

/** The notice with the periods this deployment keeps things for. */
export function noticeText(ctx: BotContext): string {
  const r = ctx.deps.retention;
  return ctx.t.consent.notice({
    sessionHours: Math.round(r.sessionTtlSeconds / 3600),
    bookingDays: r.bookingDaysAfterVisit,
    idleDays: r.savedPatientIdleDays,
  });
}

export const consentStep = defineStep({
  state: z.object({ back: z.boolean().optional() }),
  arrive: (_ctx, how) => (how === "back" ? { back: true } : {}),
  async render(ctx, step) {
    // agreed before (the session did not know yet): nothing to ask, in whichever direction
    if (await hasConsent(ctx)) return step.state.back ? step.back() : step.done();
    const t = ctx.t.consent;
    await showMenu(ctx, {
      text: noticeText(ctx),
      rows: [[{ text: t.agreeButton, action: "agree" }], [{ text: t.declineButton, action: "decline" }]],
    });
  },
  async onButton(ctx, button, step) {
    switch (button.action) {
      case "agree": {
        const userId = ctx.from?.id;
        if (userId === undefined) return;
        ctx.session.consent = (await ctx.deps.consent.record(userId)).version;
        return step.done();
      }
      case "decline":
      case "quit":
        return step.end({
          text: ctx.t.consent.declined,
          rows: [[{ text: ctx.t.start.bookButton, action: "start", global: true }]],
        });
      default:
        await answerButton(ctx, ctx.t.flow.expired);
    }
  },
});

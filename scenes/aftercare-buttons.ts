// The buttons of reminders, stop-clinic alerts, the booked message and /mybookings that act on one of
// the patient's bookings: its calendar file, another time with its doctor (the doctor's days), the other
// doctors of its department, watching its doctor (the watch set-up, entered from the doctor's days so
// that Back and done return there). They carry the global nonce (they outlive any menu)
// and the booking's id, which is looked up in the pressing user's own records only. The two that start a
// new booking go through the flow's own entry (scenes/route.ts), asking first when a booking in progress
// would be thrown away (scenes/start-over.ts).
import { answerButton } from "../src/bot/answer.js";
import type { BotContext } from "../src/bot/context.js";
import type { CallbackData } from "../src/telegram/callback-data.js";
import { enterFlowAt, router } from "./route.js";
import { startOrAsk, wouldDiscardWork } from "./start-over.js";

export const AFTERCARE_ACTIONS = ["ics", "rebook", "watchdoc", "otherdoc"] as const;

export function isAftercareAction(action: string): action is (typeof AFTERCARE_ACTIONS)[number] {
  return (AFTERCARE_ACTIONS as readonly string[]).includes(action);
}

export async function handleAftercareButton(ctx: BotContext, b: CallbackData): Promise<void> {
  const userId = ctx.from?.id;
  if (userId === undefined) return;
  const t = ctx.t;
  const { aftercare } = ctx.deps;
  switch (b.action) {
    case "ics": {
      const file = await aftercare.calendarFile(userId, b.arg, t);
      if (!file) return answerButton(ctx, t.aftercare.notFound, true);
      await answerButton(ctx);
      await ctx.replyWithDocument(
        { source: Buffer.from(file.content, "utf8"), filename: file.filename },
        { caption: t.aftercare.calendarCaption },
      );
      return;
    }
    case "rebook":
    case "otherdoc": {
      const target = await aftercare.bookingTarget(userId, b.arg);
      if (!target) return answerButton(ctx, t.aftercare.notFound, true);
      const { unitId, depId, doctorId } = target;
      return startOrAsk(
        ctx,
        b.action === "rebook"
          ? { kind: "enter", step: "date", choices: { unitId, depId, doctorId } }
          : { kind: "enter", step: "doctor", choices: { unitId, depId } },
      );
    }
    case "watchdoc": {
      const target = await aftercare.bookingTarget(userId, b.arg);
      if (!target) return answerButton(ctx, t.aftercare.notFound, true);
      const { unitId, depId, doctorId } = target;
      const choices = { unitId, depId, doctorId };
      // a booking in progress: ask first, and land on the doctor's days (their 🔔 Watch is one tap away)
      if (wouldDiscardWork(ctx)) return startOrAsk(ctx, { kind: "enter", step: "date", choices });
      const landed = await enterFlowAt(ctx, "date", choices);
      if (landed.step === "date") await router.revisit(ctx, "date", "watch");
      return;
    }
  }
}

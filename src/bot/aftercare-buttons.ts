// The buttons of reminders, stop-clinic alerts, the booked message and /mybookings that act on one of
// the patient's bookings: its calendar file, another time with its doctor, the other doctors of its
// department, watching its doctor. They carry the global nonce (they outlive any menu) and the booking's
// id, which is looked up in the pressing user's own records only.
import type { CallbackData } from "../telegram/callback-data.js";
import { answerButton } from "./answer.js";
import type { BotContext } from "./context.js";

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
      // a new booking with the earlier choices filled in, as the flow would have them
      ctx.session.draft = {
        patient: {},
        ...(target.city ? { city: target.city } : {}),
        unitId: target.unitId,
        depId: target.depId,
        ...(b.action === "rebook" ? { doctorId: target.doctorId } : {}),
      };
      await ctx.scene.enter(b.action === "rebook" ? "date" : "doctor");
      return;
    }
    case "watchdoc":
      await answerButton(ctx);
      await ctx.reply(t.aftercare.watchUnavailable);
      return;
  }
}

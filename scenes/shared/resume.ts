// /mybookings and /cancel leave the booking flow's step but keep its draft, so a patient who checks their
// bookings halfway through can carry on where they were. The step to return to travels in the scene
// state of these views (the `resume` field of their schemas) and comes back as a global "resume" button.
import { z } from "zod";
import type { BotContext } from "../../src/bot/context.js";
import type { Button } from "../../src/telegram/menu.js";
import { type BookingStep, isBookingStep } from "../flow.js";

/** The `resume` field of a view's state: a booking step, or nothing. */
export const resumeField = z.custom<BookingStep>(isBookingStep).optional();

const carried = z.object({ resume: resumeField });

/** The booking step the patient came from, while their draft is still there. */
export function resumableStep(ctx: BotContext): BookingStep | undefined {
  if (!ctx.session.draft) return undefined;
  const current = ctx.session.__scenes?.current;
  if (isBookingStep(current)) return current;
  if (current === undefined) return undefined;
  const parsed = carried.safeParse(ctx.session.__scenes?.state ?? {});
  return parsed.success ? parsed.data.resume : undefined;
}

export function resumeRow(ctx: BotContext, step: BookingStep | undefined): Button[] {
  return step ? [{ text: ctx.t.bookings.resumeButton, action: "resume", arg: step, global: true }] : [];
}

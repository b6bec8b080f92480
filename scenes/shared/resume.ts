// /mybookings and /cancel leave the booking flow's step but keep its draft, so a patient who checks their
// bookings halfway through can carry on where they were. The step to return to travels in the scene
// state of these views and comes back as a global "resume" button.
import type { BotContext } from "../../src/bot/context.js";
import type { Button } from "../../src/telegram/menu.js";
import { type StepId, stepState } from "./step.js";

const BOOKING_STEPS = [
  "city",
  "hospital",
  "department",
  "doctor",
  "date",
  "slot",
  "patient",
  "confirm",
] as const satisfies readonly StepId[];
export type BookingStep = (typeof BOOKING_STEPS)[number];

export function isBookingStep(x: unknown): x is BookingStep {
  return typeof x === "string" && (BOOKING_STEPS as readonly string[]).includes(x);
}

/** The booking step the patient came from, while their draft is still there. */
export function resumableStep(ctx: BotContext): BookingStep | undefined {
  if (!ctx.session.draft) return undefined;
  const current = ctx.session.__scenes?.current;
  if (isBookingStep(current)) return current;
  if (current === undefined) return undefined;
  const carried = stepState(ctx).resume;
  return isBookingStep(carried) ? carried : undefined;
}

export function resumeRow(ctx: BotContext, step: BookingStep | undefined): Button[] {
  return step ? [{ text: ctx.t.bookings.resumeButton, action: "resume", arg: step, global: true }] : [];
}

/** Back into the flow at that step; false when there is nothing to resume any more. */
export async function resumeBooking(ctx: BotContext, step: string): Promise<boolean> {
  if (!ctx.session.draft || !isBookingStep(step)) return false;
  await ctx.scene.enter(step);
  return true;
}

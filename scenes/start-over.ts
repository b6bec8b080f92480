// Starting something new (/book, /start, a deep link, "Start again") while a booking is half done would
// throw away what the patient entered. So the bot asks first: Keep going returns to the step they were
// at, Start over does what was asked. What was asked travels in this view's state as an intent, so any
// later way into the flow (a watch's "Book now", a rebook) can ask the same question.
import { z } from "zod";
import { answerButton } from "../src/bot/answer.js";
import type { BotContext } from "../src/bot/context.js";
import { showMenu } from "../src/telegram/menu.js";
import { type EnterableStep, isBookingStep, isEnterable } from "./flow.js";
import { endFlow, enterFlowAt, resumeBooking } from "./route.js";
import { hasWork } from "./shared/draft.js";
import { resumableStep, resumeField } from "./shared/resume.js";
import { defineView } from "./shared/step.js";

const enterableStep = z.custom<EnterableStep>((x) => isBookingStep(x) && isEnterable(x));
const choices = z.object({
  unitId: z.string().optional(),
  depId: z.string().optional(),
  doctorId: z.string().optional(),
  scheduleId: z.string().optional(),
});

export const intentSchema = z.discriminatedUnion("kind", [
  /** the greeting of /start */
  z.object({ kind: z.literal("greet") }),
  /** a new booking at `step` with these choices made (/book: the first step, none) */
  z.object({ kind: z.literal("enter"), step: enterableStep, choices }),
]);
export type Intent = z.infer<typeof intentSchema>;

const askState = z.object({ resume: resumeField, intent: intentSchema.optional() });

/** Does what was asked, replacing any booking in progress. */
async function perform(ctx: BotContext, intent: Intent): Promise<void> {
  if (intent.kind === "enter") {
    await enterFlowAt(ctx, intent.step, intent.choices);
    return;
  }
  await endFlow(ctx);
  await showMenu(ctx, {
    text: ctx.t.start.greeting(ctx.from?.first_name ?? ""),
    rows: [
      [{ text: ctx.t.start.bookButton, action: "start", global: true }],
      [{ text: ctx.t.start.myBookingsButton, action: "mine", global: true }],
    ],
  });
}

/** Starting something new now would throw away a booking in progress (so startOrAsk asks first). */
export function wouldDiscardWork(ctx: BotContext): boolean {
  return resumableStep(ctx) !== undefined && hasWork(ctx.session.draft);
}

/** Does what was asked, after asking when it would throw away a booking in progress. */
export async function startOrAsk(ctx: BotContext, intent: Intent): Promise<void> {
  const resume = resumableStep(ctx);
  if (resume === undefined || !wouldDiscardWork(ctx)) return perform(ctx, intent);
  await ctx.scene.enter("start-over", { resume, intent });
}

export const startOverView = defineView("start-over", {
  state: askState,
  async render(ctx) {
    const t = ctx.t;
    await showMenu(ctx, {
      text: t.restart.question,
      rows: [
        [{ text: t.restart.keepGoing, action: "resume" }],
        [{ text: t.restart.startOver, action: "restart" }],
      ],
    });
  },
  async onButton(ctx, button, state) {
    const intent = state.intent ?? { kind: "greet" };
    switch (button.action) {
      case "resume":
        if (state.resume && (await resumeBooking(ctx, state.resume))) return;
        return perform(ctx, intent);
      case "restart":
        return perform(ctx, intent);
      default:
        await answerButton(ctx, ctx.t.flow.expired);
    }
  },
});

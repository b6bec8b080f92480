// Setting a watch: which days (the next 3, 7 or 14, or the hospital's whole window), then which sessions
// (morning, afternoon, evening or any); then one line says what is watched, until when, and how to stop.
// Entered from a doctor's days (a doctor) or a department's doctor list (any doctor), it goes back there.
import { z } from "zod";
import { answerButton } from "../src/bot/answer.js";
import type { BotContext } from "../src/bot/context.js";
import { navRow } from "../src/telegram/keyboards.js";
import { showMenu } from "../src/telegram/menu.js";
import { dayText, targetText, watchSetText } from "../src/watch/messages.js";
import { DAY_CHOICES, SESSION_CHOICES, type WatchTarget, watchTargetSchema } from "../src/watch/watch.js";
import { quitFlow } from "./shared/flow.js";
import { isBookingStep } from "./shared/resume.js";
import { stepState } from "./shared/step.js";
import { defineWatchScene } from "./watch-scene.js";

const setupState = z.object({
  target: watchTargetSchema,
  days: z.enum(DAY_CHOICES).optional(),
  /** the booking step to go back to */
  back: z.string().optional(),
});

function stateOf(ctx: BotContext) {
  const parsed = setupState.safeParse(stepState(ctx));
  return parsed.success ? parsed.data : undefined;
}

async function render(ctx: BotContext): Promise<void> {
  const st = stateOf(ctx);
  const t = ctx.t;
  if (!st) return quitFlow(ctx);
  const what = await targetText(t, ctx.deps.catalog, st.target);
  if (!st.days) {
    const days = DAY_CHOICES.map((d) => ({ text: t.watch.days[d], action: "pick" as const, arg: d }));
    return showMenu(ctx, { text: t.watch.askDays(what), rows: [days.slice(0, 2), days.slice(2), navRow(t)] });
  }
  const until = dayText(t, await ctx.deps.watches.lastDayFor(st.target, st.days));
  const sessions = SESSION_CHOICES.map((s) => ({
    text: t.watch.sessions[s],
    action: "pick" as const,
    arg: s,
  }));
  await showMenu(ctx, {
    text: t.watch.askSessions(what, until),
    rows: [sessions.slice(0, 3), sessions.slice(3), navRow(t)],
  });
}

async function goBack(ctx: BotContext, back: string | undefined): Promise<void> {
  if (isBookingStep(back) && ctx.session.draft) {
    await ctx.scene.enter(back);
    return;
  }
  await quitFlow(ctx);
}

export const watchSetupScene = defineWatchScene("watch-setup", {
  render,
  async onButton(ctx, button) {
    const st = stateOf(ctx);
    if (!st) return quitFlow(ctx);
    switch (button.action) {
      case "quit":
        return quitFlow(ctx);
      case "back":
        if (st.days) {
          delete stepState(ctx).days;
          return render(ctx);
        }
        return goBack(ctx, st.back);
      case "pick": {
        if (!st.days) {
          const days = z.enum(DAY_CHOICES).safeParse(button.arg);
          if (!days.success) return answerButton(ctx, ctx.t.flow.expired);
          stepState(ctx).days = days.data;
          return render(ctx);
        }
        const sessions = z.enum(SESSION_CHOICES).safeParse(button.arg);
        if (!sessions.success || !ctx.from || !ctx.chat) return answerButton(ctx, ctx.t.flow.expired);
        const made = await ctx.deps.watches.create({
          userId: ctx.from.id,
          chatId: ctx.chat.id,
          lang: ctx.lang,
          target: st.target,
          days: st.days,
          sessions: sessions.data,
        });
        if (made.kind === "limit") {
          return showMenu(ctx, {
            text: ctx.t.watch.limit(made.max),
            rows: [
              [
                { text: ctx.t.nav.back, action: "back" },
                { text: ctx.t.nav.cancel, action: "quit" },
              ],
            ],
          });
        }
        await showMenu(ctx, {
          text: await watchSetText(ctx.t, ctx.deps.catalog, made.watch),
          rows: backRows(ctx, st.back),
        });
        // the set-up is done: out of the scene, the booking's draft kept for the resume button
        return ctx.scene.leave();
      }
      default:
        await answerButton(ctx, ctx.t.flow.expired);
    }
  },
});

function backRows(ctx: BotContext, back: string | undefined) {
  return isBookingStep(back) && ctx.session.draft
    ? [[{ text: ctx.t.bookings.resumeButton, action: "resume" as const, arg: back, global: true }]]
    : [[{ text: ctx.t.start.bookButton, action: "start" as const, global: true }]];
}

/** Opens the set-up for a doctor or a department; `back` is the booking step to return to. */
export async function openWatchSetup(ctx: BotContext, target: WatchTarget, back?: string): Promise<void> {
  await ctx.scene.enter("watch-setup", { target, back });
}

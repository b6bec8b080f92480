// /watches: the patient's active watches, what each watches, which sessions and until when, each with
// its Stop button.
import { answerButton } from "../src/bot/answer.js";
import type { BotContext } from "../src/bot/context.js";
import { type Button, showMenu } from "../src/telegram/menu.js";
import { dayText, sessionsText } from "../src/watch/messages.js";
import { resumableStep, resumeRow } from "./shared/resume.js";
import { stepState } from "./shared/step.js";
import { defineWatchScene } from "./watch-scene.js";

async function render(ctx: BotContext): Promise<void> {
  const userId = ctx.from?.id;
  if (userId === undefined) return;
  const t = ctx.t;
  const { watches } = ctx.deps;
  const st = stepState(ctx);
  const lines: string[] = [];
  if (typeof st.notice === "string") lines.push(st.notice, "");
  delete st.notice;
  const list = await watches.list(userId);
  const footer: Button[][] = [
    [{ text: t.start.bookButton, action: "start", global: true }],
    resumeRow(ctx, resumableStep(ctx)),
  ];
  if (list.length === 0) {
    lines.push(t.watch.list.empty);
    return showMenu(ctx, { text: lines.join("\n"), rows: footer });
  }
  lines.push(t.watch.list.title);
  const rows: Button[][] = [];
  for (const [i, w] of list.entries()) {
    lines.push(
      "",
      t.watch.list.entry(i + 1, await watches.describe(t, w), sessionsText(t, w.periods), dayText(t, w.to)),
    );
    rows.push([{ text: t.watch.list.stopButton(i + 1), action: "pick", arg: w.id }]);
  }
  await showMenu(ctx, { text: lines.join("\n"), rows: [...rows, ...footer] });
}

export const watchListScene = defineWatchScene("watches", {
  render,
  async onButton(ctx, button) {
    const userId = ctx.from?.id;
    if (button.action !== "pick" || userId === undefined) return answerButton(ctx, ctx.t.flow.expired);
    const stopped = await ctx.deps.watches.stop(userId, button.arg);
    stepState(ctx).notice = stopped
      ? ctx.t.watch.stopped(await ctx.deps.watches.describe(ctx.t, stopped))
      : ctx.t.watch.gone;
    return render(ctx);
  },
});

/** Opens /watches; a patient whose watches were paused (they had blocked the bot) has them running again. */
export async function openWatches(ctx: BotContext): Promise<void> {
  const userId = ctx.from?.id;
  const resumed = userId !== undefined && (await ctx.deps.watches.resume(userId));
  await ctx.scene.enter("watches", {
    resume: resumableStep(ctx),
    ...(resumed ? { notice: ctx.t.watch.list.paused } : {}),
  });
}

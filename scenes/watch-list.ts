// /watches: the patient's active watches, what each watches, which sessions and until when, each with
// its Stop button, and which of them book by themselves (for whom, the name masked).
import { z } from "zod";
import { answerButton } from "../src/bot/answer.js";
import type { BotContext } from "../src/bot/context.js";
import { type Button, showMenu } from "../src/telegram/menu.js";
import { dayText, sessionsText } from "../src/watch/messages.js";
import { resumableStep, resumeField, resumeRow } from "./shared/resume.js";
import { defineView } from "./shared/step.js";

const listState = z.object({ resume: resumeField, notice: z.string().optional() });
type ListState = z.infer<typeof listState>;

async function render(ctx: BotContext, state: ListState): Promise<void> {
  const userId = ctx.from?.id;
  if (userId === undefined) return;
  const t = ctx.t;
  const { watches } = ctx.deps;
  const lines: string[] = [];
  if (state.notice) lines.push(state.notice, "");
  delete state.notice;
  const list = await watches.list(userId);
  const footer: Button[][] = [
    [{ text: t.start.bookButton, action: "start", global: true }],
    resumeRow(ctx, state.resume),
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
    if (w.autoBook) lines.push(t.watch.auto.listLine(w.autoBook.patientMasked));
    rows.push([{ text: t.watch.list.stopButton(i + 1), action: "pick", arg: w.id }]);
  }
  await showMenu(ctx, { text: lines.join("\n"), rows: [...rows, ...footer] });
}

export const watchListView = defineView("watches", {
  state: listState,
  render,
  async onButton(ctx, button, state) {
    const userId = ctx.from?.id;
    if (button.action !== "pick" || userId === undefined) return answerButton(ctx, ctx.t.flow.expired);
    const stopped = await ctx.deps.watches.stop(userId, button.arg);
    state.notice = stopped
      ? ctx.t.watch.stopped(await ctx.deps.watches.describe(ctx.t, stopped))
      : ctx.t.watch.gone;
    return render(ctx, state);
  },
});

/** Opens /watches, remembering the booking step the patient was in. */
export async function openWatches(ctx: BotContext): Promise<void> {
  await ctx.scene.enter("watches", { resume: resumableStep(ctx) });
}

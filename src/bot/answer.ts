// Every button press gets exactly one answer so no button keeps spinning: handlers answer with a text
// when they have something to say, and the bot answers silently afterwards for all the others.
import type { BotContext } from "./context.js";

const ANSWERED = Symbol("answered");

type Answerable = BotContext & { state: { [ANSWERED]?: boolean } };

export async function answerButton(ctx: BotContext, text?: string, alert = false): Promise<void> {
  const c = ctx as Answerable;
  if (!ctx.callbackQuery || c.state[ANSWERED]) return;
  c.state[ANSWERED] = true;
  await ctx.answerCbQuery(text, { show_alert: alert });
}

export function wasAnswered(ctx: BotContext): boolean {
  return (ctx as Answerable).state[ANSWERED] === true;
}

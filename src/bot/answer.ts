// Every button press gets exactly one answer so no button keeps spinning: handlers answer with a text
// when they have something to say, and the bot answers silently afterwards for all the others.
import { TelegramError } from "telegraf";
import type { BotContext } from "./context.js";

const ANSWERED = Symbol("answered");

type Answerable = BotContext & { state: { [ANSWERED]?: boolean } };

export async function answerButton(ctx: BotContext, text?: string, alert = false): Promise<void> {
  const c = ctx as Answerable;
  if (!ctx.callbackQuery || c.state[ANSWERED]) return;
  c.state[ANSWERED] = true;
  try {
    await ctx.answerCbQuery(text, { show_alert: alert });
  } catch (e) {
    // Telegram forgets a press after about 15 s (a slow hospital, a Redis outage): the answer is a
    // courtesy that can no longer be given, and must not turn a handled update into an apology.
    if (
      !(
        e instanceof TelegramError &&
        e.code === 400 &&
        /query is too old|query id is invalid/i.test(e.description)
      )
    ) {
      throw e;
    }
  }
}

export function wasAnswered(ctx: BotContext): boolean {
  return (ctx as Answerable).state[ANSWERED] === true;
}

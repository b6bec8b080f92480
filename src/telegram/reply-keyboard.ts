// A reply keyboard (the only place a "share my number" button can live) stays under the patient's input
// field until the bot removes it, even after it folds away: a label tapped later arrives as an answer to
// whatever is asked then. So whoever shows one records it in the session, and whoever leaves the question
// that showed it removes it, here, in one place.
import type { KeyboardButton } from "telegraf/types";
import type { BotContext } from "../bot/context.js";

/** Sends `text` with a reply keyboard and remembers that one is on screen. */
export async function replyWithKeyboard(
  ctx: BotContext,
  text: string,
  rows: KeyboardButton[][],
): Promise<void> {
  // A reply keyboard is not an inline menu: the last menu's buttons no longer belong to the question asked
  ctx.session.menu = undefined;
  await ctx.reply(text, {
    reply_markup: { keyboard: rows, resize_keyboard: true, one_time_keyboard: true },
  });
  ctx.session.replyKeyboard = true;
}

/** Sends `text` and removes the reply keyboard with it (whether or not one is known to be shown). */
export async function replyClosingKeyboard(ctx: BotContext, text: string): Promise<void> {
  await ctx.reply(text, { reply_markup: { remove_keyboard: true } });
  delete ctx.session.replyKeyboard;
}

/** Removes the reply keyboard if one is on screen, with a short acknowledgement; otherwise does nothing. */
export async function closeReplyKeyboard(ctx: BotContext): Promise<void> {
  if (!ctx.session.replyKeyboard || !ctx.chat) return;
  await replyClosingKeyboard(ctx, ctx.t.flow.keyboardClosed);
}

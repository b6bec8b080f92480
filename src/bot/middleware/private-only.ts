// Booking happens in the private chat only. In a group, supergroup or channel any member could otherwise
// answer the questions, see the patient's name and tap Confirm or Cancel for someone else. So before any
// session is loaded or step runs, an update from such a chat is stopped here: the booking commands get one
// short reply with a button that opens the private chat (`?start=book` starts the booking there), a
// pressed button gets the same hint as its answer, and everything else is left alone.
import type { MiddlewareFn } from "telegraf";
import { langFromTelegram, localeFor } from "../../i18n/index.js";
import { bookingLink } from "../../links/deep-link.js";
import { answerButton } from "../answer.js";
import type { BotContext } from "../context.js";

const BOOKING_COMMANDS = new Set(["start", "book", "mybookings", "cancel"]);

/** `/book`, `/book@this_bot` and `/book something`: the command's name, when addressed to us. */
function commandOf(text: string, username: string | undefined): string | undefined {
  const m = /^\/([a-z_]+)(?:@(\w+))?(?:\s|$)/i.exec(text);
  if (!m?.[1]) return undefined;
  if (m[2] && username && m[2].toLowerCase() !== username.toLowerCase()) return undefined;
  return m[1].toLowerCase();
}

/** The booking link with nothing chosen yet (src/links/deep-link.ts), which starts the booking. */
export function privateChatLink(username: string): string {
  return bookingLink(username, {});
}

export const privateOnly: MiddlewareFn<BotContext> = async (ctx, next) => {
  const chat = ctx.chat ?? ctx.callbackQuery?.message?.chat;
  if (!chat || chat.type === "private") return next();
  const t = localeFor(langFromTelegram(ctx.from?.language_code));
  if (ctx.callbackQuery) {
    await answerButton(ctx, t.privateOnly.text, true);
    return;
  }
  const post = ctx.message ?? ctx.channelPost;
  const text = post && "text" in post ? post.text : "";
  const username = ctx.botInfo?.username;
  const command = commandOf(text, username);
  if (!command || !BOOKING_COMMANDS.has(command) || !username) return;
  await ctx.reply(t.privateOnly.text, {
    reply_markup: { inline_keyboard: [[{ text: t.privateOnly.button, url: privateChatLink(username) }]] },
  });
};

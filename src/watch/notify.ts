// The one way a watch speaks to a patient outside a conversation: through bot.telegram, which is paced
// like every reply (src/telegram/outgoing-calls.ts obeys 429s). A chat whose patient blocked the bot is
// not sent to (the shared blocked-chats mark, which any message from the patient clears); the 403 that
// tells us so marks it, so their watches pause instead of retrying.
import type { Telegram } from "telegraf";
import type { Logger } from "../observability/logger.js";
import { type BlockedChats, isBlockedError } from "../telegram/blocked-chats.js";
import { GLOBAL_NONCE } from "../telegram/callback-data.js";
import { type Button, toInlineKeyboard } from "../telegram/menu.js";

export type NotifyOutcome = "sent" | "blocked" | "failed";

export type Notify = (chatId: number, text: string, rows?: Button[][]) => Promise<NotifyOutcome>;

export function createNotify(opts: {
  telegram: () => Telegram;
  blockedChats: BlockedChats;
  logger: Logger;
}): Notify {
  return async (chatId, text, rows = []) => {
    if (await opts.blockedChats.isBlocked(chatId)) return "blocked";
    try {
      await opts.telegram().sendMessage(chatId, text, {
        reply_markup: rows.length > 0 ? { inline_keyboard: toInlineKeyboard(rows, GLOBAL_NONCE) } : undefined,
      });
      return "sent";
    } catch (e) {
      if (isBlockedError(e)) {
        await opts.blockedChats.markBlocked(chatId);
        return "blocked";
      }
      opts.logger.warn(
        { chat: chatId, err: e instanceof Error ? e.message : String(e) },
        "watch notice not sent",
      );
      return "failed";
    }
  };
}

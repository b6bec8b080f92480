// The one way a watch speaks to a patient outside a conversation: through bot.telegram, which is paced
// like every reply (src/telegram/outgoing-calls.ts obeys 429s). A chat that answers 403 has blocked the
// bot: that is recorded (the patient's watches pause until they talk to us again) instead of retried.
// When the shared blocked-chats service exists, this is the one place to switch to it.
import { type Telegram, TelegramError } from "telegraf";
import type { Logger } from "../observability/logger.js";
import { GLOBAL_NONCE } from "../telegram/callback-data.js";
import { type Button, toInlineKeyboard } from "../telegram/menu.js";

export type NotifyOutcome = "sent" | "blocked" | "failed";

export type Notify = (chatId: number, text: string, rows?: Button[][]) => Promise<NotifyOutcome>;

export function createNotify(opts: { telegram: () => Telegram; logger: Logger }): Notify {
  return async (chatId, text, rows = []) => {
    try {
      await opts.telegram().sendMessage(chatId, text, {
        reply_markup: rows.length > 0 ? { inline_keyboard: toInlineKeyboard(rows, GLOBAL_NONCE) } : undefined,
      });
      return "sent";
    } catch (e) {
      if (e instanceof TelegramError && e.code === 403) return "blocked";
      opts.logger.warn(
        { chat: chatId, err: e instanceof Error ? e.message : String(e) },
        "watch notice not sent",
      );
      return "failed";
    }
  };
}

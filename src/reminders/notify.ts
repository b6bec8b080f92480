// The one way a background message reaches a patient. A patient who blocked the bot answers 403: that
// is recorded (shared by all processes through Redis) and later notifications to them are skipped
// instead of failing and retrying. When the shared blocked-chats service (CONTRACTS.md §3) is merged,
// it replaces the two store calls here and nothing else changes.
import { type Telegram, TelegramError } from "telegraf";
import type { Logger } from "../observability/logger.js";

export type NotifyResult = "sent" | "blocked";

export interface Notifier {
  /** runs `deliver` unless the chat blocked the bot; other failures are thrown for the job to retry */
  send(chatId: number, deliver: (telegram: Telegram) => Promise<unknown>): Promise<NotifyResult>;
}

export interface BlockedChats {
  isBlocked(chatId: number): Promise<boolean>;
  setBlocked(chatId: number, blocked: boolean): Promise<void>;
}

export function createNotifier(opts: {
  /** the bot's client, paced and retried on 429 like every reply (src/telegram/outgoing-calls.ts) */
  telegram: () => Telegram;
  blocked: BlockedChats;
  logger: Logger;
}): Notifier {
  return {
    async send(chatId, deliver) {
      if (await opts.blocked.isBlocked(chatId)) return "blocked";
      try {
        await deliver(opts.telegram());
        return "sent";
      } catch (e) {
        if (e instanceof TelegramError && e.code === 403) {
          opts.logger.info({ chat: chatId }, "the patient has blocked the bot: notifications paused");
          await opts.blocked.setBlocked(chatId, true);
          return "blocked";
        }
        throw e;
      }
    },
  };
}

// The one way a background message reaches a patient. A patient who blocked the bot answers 403: the
// shared blocked-chats mark (src/telegram/blocked-chats.ts, seen by every replica and cleared by the
// patient's next update) is set, and notifications to them are skipped from then on instead of failing
// and retrying.
import type { Telegram } from "telegraf";
import { type BlockedChats, isBlockedError } from "../telegram/blocked-chats.js";

export type NotifyResult = "sent" | "blocked";

export interface Notifier {
  /** runs `deliver` unless the chat blocked the bot; other failures are thrown for the job to retry */
  send(chatId: number, deliver: (telegram: Telegram) => Promise<unknown>): Promise<NotifyResult>;
}

export function createNotifier(opts: {
  /** the bot's client, paced and retried on 429 like every reply (src/telegram/outgoing-calls.ts) */
  telegram: () => Telegram;
  blocked: BlockedChats;
}): Notifier {
  return {
    async send(chatId, deliver) {
      if (await opts.blocked.isBlocked(chatId)) return "blocked";
      try {
        await deliver(opts.telegram());
        return "sent";
      } catch (e) {
        if (!isBlockedError(e)) throw e;
        await opts.blocked.markBlocked(chatId);
        return "blocked";
      }
    },
  };
}

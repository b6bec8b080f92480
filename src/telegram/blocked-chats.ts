// Chats whose patient blocked the bot. Telegram answers every message to such a chat with 403 "bot was
// blocked by the user"; sending more only fills the log. The first 403 marks the chat in Redis (so every
// replica and every background sender knows), logged once at info; any update from the chat clears the
// mark, since a patient who writes has unblocked us (the session's save does it, in its own round trip:
// see src/session/scripts.ts). Background senders (watches, reminders) ask
// isBlocked before sending and call markBlocked when a send fails with isBlockedError.
import type { Redis } from "ioredis";
import { TelegramError } from "telegraf";
import type { Logger } from "../observability/logger.js";

/** A mark outlives any reminder or watch; a patient who never writes again is not sent to again. */
const MARK_SECONDS = 366 * 86_400;

export interface BlockedChats {
  isBlocked(chatId: number): Promise<boolean>;
  /** true when this call marked it (logged at info); false when it was marked already */
  markBlocked(chatId: number): Promise<boolean>;
  clear(chatId: number): Promise<void>;
}

/** Telegram's refusal because the patient blocked the bot (or, in a group, removed it). */
export function isBlockedError(e: unknown): boolean {
  return (
    e instanceof TelegramError &&
    e.code === 403 &&
    /bot was blocked by the user|user is deactivated|bot was kicked/i.test(e.description)
  );
}

/** The mark's key; the chat id is the user's id in a private chat, in one recognisable place. */
export function blockedChatKey(prefix: string, chatId: number | string): string {
  return `${prefix}blocked:${chatId}`;
}

export function createBlockedChats(opts: { redis: Redis; prefix: string; logger: Logger }): BlockedChats {
  const key = (chatId: number) => blockedChatKey(opts.prefix, chatId);
  return {
    async isBlocked(chatId) {
      return (await opts.redis.exists(key(chatId))) === 1;
    },
    async markBlocked(chatId) {
      const marked = (await opts.redis.set(key(chatId), "1", "EX", MARK_SECONDS, "NX")) === "OK";
      if (marked) opts.logger.info({ chat: chatId }, "the patient blocked the bot: not sending to this chat");
      return marked;
    },
    async clear(chatId) {
      await opts.redis.unlink(key(chatId));
    },
  };
}

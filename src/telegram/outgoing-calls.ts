// Every call the bot makes to Telegram passes here: messages are paced per chat and in all, as Telegram
// asks, and a 429 answer is sent again after the retry_after it names instead of failing the patient's
// step. Telegraf builds a new Telegram client for each update (from bot.telegram's options), so a wrapper
// on bot.telegram alone would miss ctx.reply and ctx.editMessageText: the bot wraps both (create-bot.ts).
import { type RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import type { Telegram } from "telegraf";
import { TelegramError } from "telegraf";
import { windowLimiter, windowQueue } from "../limits/rate-window.js";
import type { Logger } from "../observability/logger.js";
import { sleep } from "../time/wait.js";

export interface OutgoingLimits {
  /** 0 turns the global limit off */
  globalPerSecond: number;
  /** 0 turns the per-chat limit off */
  chatPerSecond: number;
  /** messages a quiet chat may get at once before the per-chat pace applies */
  chatBurst: number;
}

export interface TelegramCallEvent {
  method: string;
  /** "ok" or Telegram's error_code ("429", "400", …); "network" when no answer came */
  outcome: string;
  ms: number;
}

export interface OutgoingCalls {
  /** makes this client's calls go through the limits and the 429 retries */
  wrap(telegram: Telegram): void;
}

export interface OutgoingCallsOptions {
  limits: OutgoingLimits;
  logger: Logger;
  onCall?: (e: TelegramCallEvent) => void;
  /** 429 answers retried per call (default 3) */
  maxRetries?: number;
  /** a longer retry_after is not waited for: the step fails instead of holding the chat (default 30 s) */
  maxRetryAfterSeconds?: number;
}

/** Methods that put a message in a chat, which is what Telegram's per-chat limit counts. */
const PACED = /^(send|edit|copy|forward)/;
/** New messages, which is what Telegram's global limit counts; edits of a menu answer a tap in place. */
const GLOBALLY_PACED = /^(send|copy|forward)/;
const UNPACED = new Set(["sendChatAction"]);
/** the long poll has its own back-off (bot/polling.ts); a retry here would hold up every chat */
const NOT_RETRIED = new Set(["getUpdates"]);

async function take(limiter: RateLimiterMemory, key: string): Promise<void> {
  for (;;) {
    try {
      await limiter.consume(key);
      return;
    } catch (e) {
      if (!(e instanceof RateLimiterRes)) throw e;
      await sleep(Math.max(1, e.msBeforeNext));
    }
  }
}

function chatOf(payload: unknown): string | undefined {
  if (typeof payload !== "object" || payload === null || !("chat_id" in payload)) return undefined;
  const id = payload.chat_id;
  return typeof id === "number" || typeof id === "string" ? String(id) : undefined;
}

export function createOutgoingCalls(opts: OutgoingCallsOptions): OutgoingCalls {
  const { limits } = opts;
  const maxRetries = opts.maxRetries ?? 3;
  const maxRetryAfter = opts.maxRetryAfterSeconds ?? 30;
  const logger = opts.logger.child({ component: "telegram" });
  // all chats share one FIFO queue; a chat's own turns are taken in order by chaining them
  const global = limits.globalPerSecond > 0 ? windowQueue(limits.globalPerSecond) : undefined;
  const perChat =
    limits.chatPerSecond > 0 ? windowLimiter(limits.chatPerSecond, limits.chatBurst) : undefined;
  const chatTurns = new Map<string, Promise<void>>();

  function chatTurn(limiter: RateLimiterMemory, chat: string): Promise<void> {
    const turn = (chatTurns.get(chat) ?? Promise.resolve()).then(() => take(limiter, chat));
    const tail = turn.catch(() => {});
    chatTurns.set(chat, tail);
    // an idle chat leaves nothing behind
    void tail.then(() => {
      if (chatTurns.get(chat) === tail) chatTurns.delete(chat);
    });
    return turn;
  }

  async function paced<T>(method: string, payload: unknown, call: () => Promise<T>): Promise<T> {
    if (!PACED.test(method) || UNPACED.has(method)) return call();
    const chat = chatOf(payload);
    if (perChat && chat !== undefined) await chatTurn(perChat, chat);
    if (global && GLOBALLY_PACED.test(method)) await global.removeTokens(1);
    return call();
  }

  async function timed<T>(method: string, call: () => Promise<T>): Promise<T> {
    const started = performance.now();
    let outcome = "ok";
    try {
      return await call();
    } catch (e) {
      outcome = e instanceof TelegramError ? String(e.code) : "network";
      throw e;
    } finally {
      try {
        opts.onCall?.({ method, outcome, ms: performance.now() - started });
      } catch {
        // metrics must never break a reply
      }
    }
  }

  async function send<T>(method: string, payload: unknown, call: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await paced(method, payload, () => timed(method, call));
      } catch (e) {
        const retryAfter = e instanceof TelegramError ? e.parameters?.retry_after : undefined;
        const retry =
          e instanceof TelegramError &&
          e.code === 429 &&
          retryAfter !== undefined &&
          retryAfter <= maxRetryAfter &&
          attempt < maxRetries &&
          !NOT_RETRIED.has(method);
        if (!retry) throw e;
        logger.warn({ method, retryAfter, attempt: attempt + 1 }, "Telegram asked to slow down; retrying");
        await sleep(retryAfter * 1000);
      }
    }
  }

  return {
    wrap(telegram) {
      const original = telegram.callApi.bind(telegram);
      const wrapped: typeof telegram.callApi = (method, payload, options) =>
        send(method, payload, () => original(method, payload, options));
      telegram.callApi = wrapped;
    },
  };
}

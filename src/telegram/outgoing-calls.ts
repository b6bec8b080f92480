// Every call the bot makes to Telegram passes here: messages are paced per chat and in all, as Telegram
// asks, and a 429 answer is sent again after the retry_after it names instead of failing the patient's
// step. Telegraf builds a new Telegram client for each update (from bot.telegram's options), so a wrapper
// on bot.telegram alone would miss ctx.reply and ctx.editMessageText: the bot wraps both (create-bot.ts).
import Bottleneck from "bottleneck";
import type { Telegram } from "telegraf";
import { TelegramError } from "telegraf";
import type { Logger } from "../observability/logger.js";

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
  close(): Promise<void>;
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

/** Methods that put a message in a chat, which is what Telegram's limits count. */
const PACED = /^(send|edit|copy|forward)/;
const UNPACED = new Set(["sendChatAction"]);
/** the long poll has its own back-off (bot/polling.ts); a retry here would hold up every chat */
const NOT_RETRIED = new Set(["getUpdates"]);
// Bottleneck refills a reservoir on a timer per limiter; a tick faster than this would cost the chats'
// limiters more than the pacing is worth, so fast rates refill several calls a tick instead.
const TICK_MS = 250;

/** A token bucket: `burst` calls at once, then `perSecond`, refilled in whole calls every TICK_MS or more. */
function bucket(perSecond: number, burst: number): Bottleneck.ConstructorOptions {
  const perTick = (perSecond * TICK_MS) / 1000;
  const amount = perTick <= 1 ? 1 : Math.ceil(perTick);
  const maximum = Math.max(burst, amount);
  const interval = Math.round((1000 * amount) / perSecond);
  return {
    reservoir: maximum,
    reservoirIncreaseAmount: amount,
    reservoirIncreaseInterval: interval,
    reservoirIncreaseMaximum: maximum,
    // the refill is checked on this timer: any other period would round the refills down
    heartbeatInterval: interval,
  };
}

function chatOf(payload: unknown): string | undefined {
  if (typeof payload !== "object" || payload === null || !("chat_id" in payload)) return undefined;
  const id = payload.chat_id;
  return typeof id === "number" || typeof id === "string" ? String(id) : undefined;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createOutgoingCalls(opts: OutgoingCallsOptions): OutgoingCalls {
  const { limits } = opts;
  const maxRetries = opts.maxRetries ?? 3;
  const maxRetryAfter = opts.maxRetryAfterSeconds ?? 30;
  const logger = opts.logger.child({ component: "telegram" });
  const global =
    limits.globalPerSecond > 0
      ? new Bottleneck(bucket(limits.globalPerSecond, limits.globalPerSecond))
      : undefined;
  // an idle chat's limiter is dropped after a minute, so only chats in conversation keep a timer
  const perChat =
    limits.chatPerSecond > 0
      ? new Bottleneck.Group({ ...bucket(limits.chatPerSecond, limits.chatBurst), timeout: 60_000 })
      : undefined;

  function paced<T>(method: string, payload: unknown, call: () => Promise<T>): Promise<T> {
    if (!PACED.test(method) || UNPACED.has(method)) return call();
    const chat = chatOf(payload);
    const inGlobal = global ? () => global.schedule(call) : call;
    return perChat && chat !== undefined ? perChat.key(chat).schedule(inGlobal) : inGlobal();
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
    async close() {
      await Promise.all([
        global?.disconnect(),
        ...(perChat?.limiters().map(({ limiter }) => limiter.disconnect()) ?? []),
      ]);
    },
  };
}

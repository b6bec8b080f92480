// Builds the Telegraf bot from its dependencies: the middlewares in the order every update meets them.
import type { Redis } from "ioredis";
import { type MiddlewareFn, Telegraf, type Telegram } from "telegraf";
import { createFloodGate } from "../flood/flood-gate.js";
import { langFromTelegram, localeFor } from "../i18n/index.js";
import type { RoundTrip } from "../session/chat-lock.js";
import { createSessionMiddleware } from "../session/middleware.js";
import type { BotApiTransport } from "../telegram/bot-api-transport.js";
import type { OutgoingCalls } from "../telegram/outgoing-calls.js";
import { answerButton } from "./answer.js";
import { registerFallbacks } from "./commands.js";
import type { BotContext } from "./context.js";
import type { BotDeps } from "./deps.js";
import { buttonGate } from "./middleware/buttons.js";
import { hospitalErrors } from "./middleware/hospital-errors.js";
import { localeMiddleware } from "./middleware/locale.js";
import { privateOnly } from "./middleware/private-only.js";
import { type UpdateObserver, updateLog } from "./middleware/update-log.js";
import { parseSession } from "./session.js";

export interface BotOptions {
  token: string;
  telegramApiRoot: string;
  deps: BotDeps;
  /** the conversation (the scenes' stage), handed over by the composition root */
  conversation: MiddlewareFn<BotContext>;
  redis: Redis;
  prefix: string;
  sessionTtlSeconds: number;
  flood?: { points: number; durationSeconds: number };
  lockTtlMs?: number;
  lockWaitMs?: number;
  onUpdate?: UpdateObserver;
  onRoundTrip?: (op: RoundTrip | "flood") => void;
  /** the HTTP client for the Bot API */
  transport: BotApiTransport;
  /** pacing and 429 retries of the calls to Telegram */
  outgoing: OutgoingCalls;
}

export function createBot(opts: BotOptions): Telegraf<BotContext> {
  // webhookReply off: telegraf would otherwise put the first eligible call in the webhook's response,
  // unchecked and before the handler is done, and Telegram would count the update as handled early
  const bot = new Telegraf<BotContext>(opts.token, {
    telegram: { apiRoot: opts.telegramApiRoot, webhookReply: false },
  });
  const { deps, outgoing, transport } = opts;
  // the transport first: pacing and retries wrap whichever client makes the call
  const prepare = (telegram: Telegram) => {
    transport.install(telegram);
    outgoing.wrap(telegram);
  };
  prepare(bot.telegram);
  // telegraf builds a new client per update: prepare it before anything can reply
  bot.use((ctx, next) => {
    prepare(ctx.telegram);
    return next();
  });
  bot.use((ctx, next) => {
    ctx.deps = deps;
    ctx.receivedAt = deps.now().getTime();
    return next();
  });
  bot.use(updateLog(opts.onUpdate));
  // before the flood gate and the session: a group's updates load and store nothing
  bot.use(privateOnly);
  const flood = opts.flood ?? { points: 30, durationSeconds: 10 };
  // counted inside the session's lock-and-load, so flood control costs no Redis round trip of its own
  const floodGate = createFloodGate({
    prefix: opts.prefix,
    points: flood.points,
    durationSeconds: flood.durationSeconds,
    logger: deps.logger,
    onLimited: async (ctx, notice) => {
      if (!notice.firstNotice || !ctx.chat) return;
      await ctx.reply(localeFor(langFromTelegram(ctx.from?.language_code)).errors.flood);
    },
  });
  bot.use(floodGate.middleware);
  bot.use(
    createSessionMiddleware({
      redis: opts.redis,
      prefix: opts.prefix,
      ttlSeconds: opts.sessionTtlSeconds,
      lockTtlMs: opts.lockTtlMs,
      lockWaitMs: opts.lockWaitMs,
      logger: deps.logger,
      parse: parseSession,
      onRoundTrip: opts.onRoundTrip,
      countUpdate: floodGate.countOf,
    }),
  );
  useConversation(bot, opts.conversation);
  bot.catch((err, ctx) => {
    // reached only if the update log itself failed; keep polling whatever happens
    deps.logger.error({ err, chat: ctx.chat?.id }, "unhandled error");
  });
  return bot;
}

/**
 * The conversation itself, once ctx.session exists: locale, every press answered, hospital failures
 * translated, buttons checked, the stage and the fallbacks. The benchmark's bare bot uses it as is.
 */
export function useConversation(bot: Telegraf<BotContext>, conversation: MiddlewareFn<BotContext>): void {
  bot.use(localeMiddleware);
  bot.use(async (ctx, next) => {
    await next();
    // every press is answered, silently when no handler had anything to say
    await answerButton(ctx);
  });
  bot.use(hospitalErrors);
  bot.use(buttonGate);
  bot.use(conversation);
  registerFallbacks(bot);
}

// The yardstick: the same conversation (the same stage, scenes, menus, catalog and order service) on a
// bare Telegraf bot with telegraf's own in-memory session() instead of our Redis session with its per-chat
// lock, and without flood control. What the two runs differ by is the price of those safeties: sessions
// that survive a restart and are shared between processes, one update per chat at a time, and a flood
// limit. Logging stays in both, so it does not count as safety.
import { session, Telegraf, type Telegram } from "telegraf";
import { buildStage } from "../scenes/index.js";
import type { BotContext } from "../src/bot/context.js";
import { useConversation } from "../src/bot/create-bot.js";
import type { BotDeps } from "../src/bot/deps.js";
import { type UpdateObserver, updateLog } from "../src/bot/middleware/update-log.js";
import type { BotSession } from "../src/bot/session.js";
import type { BotApiTransport } from "../src/telegram/bot-api-transport.js";

export function createBareBot(opts: {
  token: string;
  telegramApiRoot: string;
  deps: BotDeps;
  onUpdate: UpdateObserver;
  /** the same HTTP client as ours, so the comparison is of the safeties and not of HTTP clients */
  transport: BotApiTransport;
  onTelegramCall: (e: { ms: number }) => void;
}): Telegraf<BotContext> {
  const bot = new Telegraf<BotContext>(opts.token, { telegram: { apiRoot: opts.telegramApiRoot } });
  const prepare = (telegram: Telegram) => {
    opts.transport.install(telegram);
    const call = telegram.callApi.bind(telegram);
    telegram.callApi = (async (method, payload, options) => {
      const started = performance.now();
      try {
        return await call(method, payload, options);
      } finally {
        opts.onTelegramCall({ ms: performance.now() - started });
      }
    }) as Telegram["callApi"];
  };
  prepare(bot.telegram);
  bot.use((ctx, next) => {
    prepare(ctx.telegram);
    ctx.deps = opts.deps;
    return next();
  });
  bot.use(updateLog(opts.onUpdate));
  bot.use(session<BotSession, BotContext>({ defaultSession: () => ({}) }));
  useConversation(bot, buildStage().middleware());
  return bot;
}

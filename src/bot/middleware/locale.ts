// The patient's language: their /language choice, else their Telegram client's.
import type { MiddlewareFn } from "telegraf";
import { langFromTelegram, localeFor } from "../../i18n/index.js";
import type { BotContext } from "../context.js";

export const localeMiddleware: MiddlewareFn<BotContext> = (ctx, next) => {
  ctx.lang = ctx.session?.lang ?? langFromTelegram(ctx.from?.language_code);
  ctx.t = localeFor(ctx.lang);
  return next();
};

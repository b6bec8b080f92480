// The outermost layer: one log line per update (chat, kind, step, duration), and the last-resort catch
// so that one failing handler never stops the bot and the patient gets a short apology, never a trace.
import type { MiddlewareFn } from "telegraf";
import { langFromTelegram, localeFor } from "../../i18n/index.js";
import { ChatBusyError, SessionUnavailableError } from "../../session/errors.js";
import { isBlockedError } from "../../telegram/blocked-chats.js";
import { answerButton } from "../answer.js";
import type { BotContext } from "../context.js";

export type UpdateObserver = (e: {
  chat: number | undefined;
  kind: string;
  ms: number;
  step: string | undefined;
  outcome: "ok" | "error";
}) => void;

export function updateKind(ctx: BotContext): string {
  if (ctx.callbackQuery) return "callback_query";
  const m = ctx.message;
  if (m) {
    if ("text" in m) return m.text.startsWith("/") ? "command" : "text";
    if ("contact" in m) return "contact";
    return "other_message";
  }
  return ctx.updateType;
}

export function updateLog(observe?: UpdateObserver): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    const started = performance.now();
    const kind = updateKind(ctx);
    let outcome: "ok" | "error" = "ok";
    try {
      await next();
    } catch (err) {
      outcome = "error";
      await apologise(ctx, err);
    } finally {
      const ms = performance.now() - started;
      const step = ctx.session?.__scenes?.current;
      observe?.({ chat: ctx.chat?.id, kind, ms, step, outcome });
      ctx.deps.logger.info(
        { chat: ctx.chat?.id, kind, step, ms: Math.round(ms * 10) / 10, outcome },
        "update",
      );
    }
  };
}

async function apologise(ctx: BotContext, err: unknown): Promise<void> {
  if (isBlockedError(err) && ctx.chat) {
    // nobody to apologise to: marked (logged once, at info) so nothing more is sent to this chat
    await ctx.deps.blockedChats
      .markBlocked(ctx.chat.id)
      .catch((e: unknown) => ctx.deps.logger.warn({ err: e }, "could not mark a blocked chat"));
    return;
  }
  const t = ctx.t ?? localeFor(langFromTelegram(ctx.from?.language_code));
  const text =
    err instanceof SessionUnavailableError
      ? // what this update changed is lost when the save failed, and all of it when Redis keeps nothing
        err.operation === "lock-and-load" && ctx.deps.sessionsSurviveRestart
        ? t.errors.sessionUnavailable
        : t.errors.sessionUnavailableNoPromise
      : err instanceof ChatBusyError
        ? t.errors.busy
        : t.errors.generic;
  if (err instanceof SessionUnavailableError || err instanceof ChatBusyError) {
    ctx.deps.logger.warn({ err, chat: ctx.chat?.id }, "update not handled");
  } else {
    ctx.deps.logger.error({ err, chat: ctx.chat?.id }, "handler failed");
  }
  try {
    await answerButton(ctx);
    if (ctx.chat) await ctx.reply(text);
  } catch (e) {
    ctx.deps.logger.warn({ err: e }, "could not tell the patient about a failure");
  }
}

import { Writable } from "node:stream";
import type { Redis } from "ioredis";
import { type Context, Telegraf } from "telegraf";
import type { Update } from "telegraf/types";
import { createLogger, type Logger, silentLogger } from "../../src/observability/logger.js";
import { createSessionMiddleware, type SessionMiddlewareOptions } from "../../src/session/middleware.js";
import { testRedis } from "../support/redis.js";

export function offlineBot<C extends Context>(): Telegraf<C> {
  const bot = new Telegraf<C>("123456:TEST", { telegram: { apiRoot: "http://127.0.0.1:1" } });
  bot.botInfo = {
    id: 123456,
    is_bot: true,
    first_name: "Test",
    username: "test_bot",
    can_join_groups: true,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
  };
  // Telegraf's default handler sets process.exitCode; tests want the error itself.
  bot.catch((err) => {
    throw err;
  });
  return bot;
}

let updateId = 1;

export function textUpdate(chatId: number, text: string, fromId: number = chatId): Update {
  return {
    update_id: updateId++,
    message: {
      message_id: updateId,
      date: Math.floor(Date.now() / 1000),
      chat: { id: chatId, type: "private", first_name: "Patient" },
      from: { id: fromId, is_bot: false, first_name: "Patient" },
      text,
      ...(text.startsWith("/")
        ? { entities: [{ type: "bot_command" as const, offset: 0, length: text.split(" ")[0]?.length ?? 0 }] }
        : {}),
    },
  };
}

export function callbackUpdate(chatId: number, data: string, fromId: number = chatId): Update {
  return {
    update_id: updateId++,
    callback_query: {
      id: String(updateId),
      chat_instance: "1",
      from: { id: fromId, is_bot: false, first_name: "Patient" },
      message: {
        message_id: 1,
        date: Math.floor(Date.now() / 1000),
        chat: { id: chatId, type: "private", first_name: "Patient" },
        text: "menu",
      },
      data,
    },
  };
}

/** An update with neither chat nor sender. */
export function pollUpdate(): Update {
  return {
    update_id: updateId++,
    poll: {
      id: "p1",
      question: "?",
      options: [],
      total_voter_count: 0,
      is_closed: true,
      is_anonymous: true,
      type: "regular",
      allows_multiple_answers: false,
    },
  };
}

/** A logger whose records the test can read. */
export function capturingLogger(): { logger: Logger; records: () => Array<{ level: number; msg: string }> } {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  const logger = createLogger({ level: "debug", pretty: false, destination });
  return {
    logger,
    records: () => lines.flatMap((l) => l.trim().split("\n")).map((l) => JSON.parse(l)),
  };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** One bot process: its own Redis connection and session middleware, sharing the test's prefix. */
export function sessionProcess<S extends object>(
  options: Omit<SessionMiddlewareOptions<S>, "redis" | "logger"> & { logger?: Logger; redis?: Redis },
): { bot: Telegraf<Context & { session: S }>; redis: Redis } {
  const redis = options.redis ?? testRedis();
  const bot = offlineBot<Context & { session: S }>();
  bot.use(createSessionMiddleware<S>({ ...options, redis, logger: options.logger ?? silentLogger() }));
  return { bot, redis };
}

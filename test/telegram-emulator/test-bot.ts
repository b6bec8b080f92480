// A minimal real telegraf bot for exercising the emulator: a menu, a callback that edits and answers,
// a few commands that break Telegram's limits on purpose, a contact request and an echo.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Markup, Telegraf, TelegramError } from "telegraf";
import { message } from "telegraf/filters";
import type { Update } from "telegraf/types";
import type { TelegramEmulator } from "../../src/telegram-emulator/index.js";

export interface TestBot {
  bot: Telegraf;
  /** errors the bot's handlers hit, as telegraf reported them */
  errors: TelegramError[];
  /** updates as the bot received them */
  updates: Update[];
  /** update ids in the order the bot finished them */
  handled: number[];
}

export function createTestBot(emulator: TelegramEmulator, opts: { webhookReply?: boolean } = {}): TestBot {
  const bot = new Telegraf(emulator.token, {
    telegram: { apiRoot: emulator.apiRoot, webhookReply: opts.webhookReply ?? false },
  });
  const errors: TelegramError[] = [];
  const handled: number[] = [];
  const updates: Update[] = [];
  bot.use(async (ctx, next) => {
    updates.push(ctx.update);
    await next();
    handled.push(ctx.update.update_id);
  });
  bot.start((ctx) =>
    ctx.reply(
      "Welcome! Pick a fruit:",
      Markup.inlineKeyboard([
        [Markup.button.callback("Apples", "pick:apples"), Markup.button.callback("Pears", "pick:pears")],
      ]),
    ),
  );
  const picked = (fruit: string) =>
    [
      `You picked <b>${fruit}</b>`,
      {
        parse_mode: "HTML" as const,
        ...Markup.inlineKeyboard([[Markup.button.callback("Again", `again:${fruit}`)]]),
      },
    ] as const;
  bot.action(/^pick:(.+)$/, async (ctx) => {
    // edit first, answer last: with webhookReply the answer travels in the webhook response
    await ctx.editMessageText(...picked(ctx.match[1] ?? ""));
    await ctx.answerCbQuery(`Noted: ${ctx.match[1]}`);
  });
  // the same content again: Telegram refuses, and the bot sees why
  bot.action(/^again:(.+)$/, (ctx) => ctx.editMessageText(...picked(ctx.match[1] ?? "")));
  bot.command("long", (ctx) => ctx.reply("x".repeat(4097)));
  bot.command("limit", (ctx) => ctx.reply("y".repeat(4096)));
  bot.command("bigdata", (ctx) =>
    ctx.reply("Too much data", Markup.inlineKeyboard([[Markup.button.callback("Go", "d".repeat(65))]])),
  );
  bot.command("chinese", (ctx) =>
    // 22 Chinese characters are 66 bytes in UTF-8
    ctx.reply("中文", Markup.inlineKeyboard([[Markup.button.callback("走", "医".repeat(22))]])),
  );
  bot.command("contact", (ctx) =>
    ctx.reply(
      "Please share your phone",
      Markup.keyboard([[Markup.button.contactRequest("Share contact")]]).oneTime(),
    ),
  );
  bot.command("fruit", (ctx) => ctx.reply("Which fruit?", Markup.keyboard([["Apples", "Pears"]]).oneTime()));
  bot.on(message("contact"), (ctx) =>
    ctx.reply(`Thanks, ${ctx.message.contact.phone_number}`, Markup.removeKeyboard()),
  );
  bot.on(message("sticker"), (ctx) => ctx.reply("Nice sticker"));
  bot.on(message("text"), (ctx) => ctx.reply(`echo: ${ctx.message.text}`));
  bot.catch((error) => {
    if (error instanceof TelegramError) errors.push(error);
    else throw error;
  });
  return { bot, errors, updates, handled };
}

/**
 * Starts long polling and resolves once telegraf polls: its onLaunch callback fires before polling
 * starts, and bot.stop() throws until then.
 */
export async function launchPolling(
  bot: Telegraf,
  emulator: TelegramEmulator,
): Promise<{ stop: () => Promise<void> }> {
  const polls = emulator.calls("getUpdates").length;
  const running = bot.launch();
  running.catch(() => {});
  while (emulator.calls("getUpdates").length === polls) {
    await Promise.race([running, new Promise((resolve) => setTimeout(resolve, 5))]);
  }
  return {
    stop: async () => {
      bot.stop("test over");
      await running;
    },
  };
}

/** Serves the bot's webhook callback on 127.0.0.1:0, recording the secret header of each request. */
export async function serveWebhook(
  bot: Telegraf,
  path: string,
  secretToken?: string,
): Promise<{ url: string; secrets: Array<string | undefined>; close: () => Promise<void> }> {
  const callback = bot.webhookCallback(path, secretToken === undefined ? {} : { secretToken });
  const secrets: Array<string | undefined> = [];
  const server = http.createServer((req, res) => {
    const header = req.headers["x-telegram-bot-api-secret-token"];
    secrets.push(Array.isArray(header) ? header[0] : header);
    void callback(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${path}`,
    secrets,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

// The bot's own long polling (src/bot/polling.ts) under a flood: it takes at most maxInFlight updates
// into hand and asks Telegram for no more than it has room for; the rest wait at Telegram, none is lost.
import { Telegraf } from "telegraf";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { BotContext } from "../../src/bot/context.js";
import { launchPolling, type RunningBot } from "../../src/bot/polling.js";
import { startTelegramEmulator, type TelegramEmulator } from "../../src/telegram-emulator/index.js";

let emulator: TelegramEmulator;
let running: RunningBot | undefined;
beforeAll(async () => {
  emulator = await startTelegramEmulator();
});
afterAll(async () => {
  await running?.stop("test over");
  await emulator?.close();
});

const until = async (what: string, ok: () => boolean) => {
  for (let i = 0; i < 200 && !ok(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!ok()) throw new Error(`timed out waiting for ${what}`);
};

it("holds at most maxInFlight updates and fetches the rest as they finish", async () => {
  const bot = new Telegraf<BotContext>(emulator.token, { telegram: { apiRoot: emulator.apiRoot } });
  const started: number[] = [];
  const release: Array<() => void> = [];
  bot.on("message", async (ctx) => {
    started.push(ctx.chat.id);
    await new Promise<void>((resolve) => release.push(resolve));
  });
  running = await launchPolling(bot, { maxInFlight: 2, batchGraceMs: 0, timeoutSeconds: 1 });
  for (const id of [9401, 9402, 9403, 9404, 9405])
    void emulator
      .user(id)
      .say("hello")
      .catch(() => {});

  await until("two updates in hand", () => started.length === 2);
  await new Promise((r) => setTimeout(r, 150));
  expect(started).toHaveLength(2);
  expect(running.inFlight()).toBe(2);

  release.shift()?.();
  await until("a third update", () => started.length === 3);
  expect(running.inFlight()).toBe(2);

  while (started.length < 5 || release.length > 0) {
    release.shift()?.();
    await new Promise((r) => setTimeout(r, 10));
  }
  expect([...started].sort()).toEqual([9401, 9402, 9403, 9404, 9405]);
  const limits = emulator.calls("getUpdates").map((c) => Number(c.payload.limit));
  expect(Math.max(...limits)).toBeLessThanOrEqual(2);
});

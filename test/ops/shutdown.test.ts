// A deployment stops the old process with SIGTERM, maybe while a patient's step waits on a slow
// hospital: the process stops taking updates, finishes that step (the patient gets the answer), closes
// Redis and exits 0.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { zh } from "../../src/i18n/zh.js";
import { type Sandbox, startSandbox } from "../../src/sandbox/server.js";
import { startTelegramEmulator } from "../../src/telegram-emulator/server.js";
import type { TelegramEmulator } from "../../src/telegram-emulator/types.js";
import { nextBotText } from "../faults/bot-text.js";
import { cleanPrefix, testPrefix, testRedis } from "../support/redis.js";
import { botEnv, spawnBot, until } from "./support.js";

describe("stopping the bot", () => {
  let sandbox: Sandbox;
  let emulator: TelegramEmulator;
  const prefix = testPrefix("shutdown");
  beforeAll(async () => {
    sandbox = await startSandbox();
    emulator = await startTelegramEmulator();
  });
  afterAll(async () => {
    const redis = testRedis();
    await cleanPrefix(redis, prefix);
    redis.disconnect();
    await emulator?.close();
    await sandbox?.close();
  });

  it("finishes the update in hand on SIGTERM, then exits 0", async () => {
    const bot = spawnBot(botEnv(sandbox, emulator, prefix));
    await until("the bot to poll", () => emulator.calls("getUpdates").length > 0);
    const user = emulator.user(7101, { languageCode: "zh-hans" });

    sandbox.knobs.latencyMs = 1_500;
    const asked = sandbox.requestCount();
    const reply = nextBotText(user, 15_000);
    void user.say("/book").catch(() => {});
    await until("the hospital to be asked", () => sandbox.requestCount() > asked);
    bot.child.kill("SIGTERM");

    expect(await reply).toBe(zh.city.prompt);
    expect(await bot.exited).toBe(0);
    expect(bot.stdout()).toContain('"msg":"stopped"');
    // the handled update was confirmed to Telegram: a successor will not get it again
    expect(emulator.calls("getUpdates").at(-1)?.payload.offset).toBeGreaterThan(0);
    expect(bot.stderr()).toBe("");
  });
});

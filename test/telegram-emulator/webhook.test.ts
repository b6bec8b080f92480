import http from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { startTelegramEmulator } from "../../src/telegram-emulator/index.js";
import { createTestBot, launchPolling, serveWebhook } from "./test-bot.js";

describe("a telegraf bot in webhook mode, talking to the emulator", () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function setUp(opts: { webhookReply?: boolean; botSecret?: string; emulatorSecret?: string } = {}) {
    const emulator = await startTelegramEmulator();
    cleanups.push(() => emulator.close());
    const testBot = createTestBot(emulator, { webhookReply: opts.webhookReply ?? false });
    const hook = await serveWebhook(testBot.bot, "/telegram/hook", opts.botSecret);
    cleanups.push(hook.close);
    await testBot.bot.telegram.setWebhook(hook.url, { secret_token: opts.emulatorSecret });
    return { emulator, testBot, hook };
  }

  it("posts updates with the secret header and finishes a turn when the bot responds", async () => {
    const { emulator, testBot, hook } = await setUp({
      botSecret: "s3cret_token",
      emulatorSecret: "s3cret_token",
    });
    const alice = emulator.user(1);

    expect((await alice.say("/start")).text).toBe("Welcome! Pick a fruit:");
    const tap = await alice.press("Apples");
    expect(tap.text).toBe("You picked apples");
    expect(tap.answer).toEqual({ text: "Noted: apples" });
    expect(hook.secrets).toEqual(["s3cret_token", "s3cret_token"]);
    expect(testBot.handled).toHaveLength(2);
    expect(emulator.calls("getUpdates")).toEqual([]);
  });

  it("reports a webhook that refuses the update", async () => {
    const { emulator, testBot } = await setUp({ botSecret: "expected", emulatorSecret: "something_else" });
    await expect(emulator.user(2).say("hi")).rejects.toThrow(
      /the webhook did not accept update \d+: Wrong response from the webhook: 403/,
    );
    const info = await testBot.bot.telegram.getWebhookInfo();
    expect(info.last_error_message).toMatch(/403/);
  });

  it("runs a call telegraf answers inside the webhook response", async () => {
    const { emulator } = await setUp({ webhookReply: true });
    const bob = emulator.user(3);
    await bob.say("/start");
    const tap = await bob.press("Pears");
    expect(tap.answer).toEqual({ text: "Noted: pears" });
    expect(emulator.calls("answerCallbackQuery")[0]?.viaWebhookReply).toBe(true);
  });

  it("answers getUpdates with 409 while a webhook is set, like Telegram", async () => {
    const { testBot } = await setUp();
    await expect(testBot.bot.telegram.getUpdates(0, 100, 0, undefined)).rejects.toMatchObject({
      code: 409,
      description:
        "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
    });
  });

  it("maps the https URL telegraf's createWebhook registers to the bot's local listener", async () => {
    let localUrl = "";
    const emulator = await startTelegramEmulator({
      webhookTarget: (url) => url.replace("https://bot.example.com", localUrl),
    });
    cleanups.push(() => emulator.close());
    const testBot = createTestBot(emulator);
    const callback = await testBot.bot.createWebhook({
      domain: "bot.example.com",
      path: "/hook",
      secret_token: "abc",
    });
    const server = http.createServer((req, res) => void callback(req, res));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    localUrl = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
    cleanups.push(() => new Promise((resolve) => server.close(() => resolve())));

    expect((await testBot.bot.telegram.getWebhookInfo()).url).toBe("https://bot.example.com/hook");
    expect((await emulator.user(4).say("ping")).text).toBe("echo: ping");
  });

  it("lets the bot switch from webhook to long polling", async () => {
    const { emulator, testBot, hook } = await setUp();
    const carol = emulator.user(5);
    expect((await carol.say("via webhook")).text).toBe("echo: via webhook");
    await hook.close();
    const polling = await launchPolling(testBot.bot, emulator);
    cleanups.push(polling.stop);
    expect((await testBot.bot.telegram.getWebhookInfo()).url).toBe("");
    expect((await carol.say("via polling")).text).toBe("echo: via polling");
    expect(testBot.handled).toHaveLength(2);
  });
});

// The HTTP client behind every Bot API call: Telegram's refusals arrive as TelegramError with their
// parameters (so 429 can be retried after retry_after), and the bot token never shows in an error.
import { Telegram, TelegramError } from "telegraf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBotApiTransport } from "../../src/telegram/bot-api-transport.js";
import { startTelegramEmulator } from "../../src/telegram-emulator/server.js";
import type { TelegramEmulator } from "../../src/telegram-emulator/types.js";
import { freePort } from "../support/ports.js";

describe("the Bot API transport", () => {
  let emulator: TelegramEmulator;
  beforeAll(async () => {
    emulator = await startTelegramEmulator();
    emulator.user(9101);
  });
  afterAll(async () => {
    await emulator?.close();
  });

  function client(apiRoot: string, token: string) {
    const transport = createBotApiTransport({ apiRoot, token });
    const telegram = new Telegram(token, { apiRoot, webhookReply: false });
    transport.install(telegram);
    return { telegram, transport };
  }

  it("sends through the pool and returns Telegram's result", async () => {
    const { telegram, transport } = client(emulator.apiRoot, emulator.token);
    const sent = await telegram.sendMessage(9101, "你好");
    expect(sent.text).toBe("你好");
    expect(emulator.calls("sendMessage").at(-1)?.payload).toMatchObject({ chat_id: 9101, text: "你好" });
    await transport.close();
  });

  it("turns a refusal into TelegramError with its code and retry_after", async () => {
    const { telegram, transport } = client(emulator.apiRoot, emulator.token);
    emulator.failNext("sendMessage", { error_code: 429, retry_after: 7 });
    const err = await telegram.sendMessage(9101, "too fast").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TelegramError);
    expect(err).toMatchObject({ code: 429, parameters: { retry_after: 7 } });
    await transport.close();
  });

  it("keeps the token out of a network failure", async () => {
    const token = "123456:SECRET-never-in-logs";
    const { telegram, transport } = client(`http://127.0.0.1:${await freePort()}`, token);
    const err = await telegram.getMe().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    const shown = `${String(err)} ${(err as Error).stack ?? ""} ${JSON.stringify(err)}`;
    expect(shown).not.toContain("SECRET");
    await transport.close();
  });
});

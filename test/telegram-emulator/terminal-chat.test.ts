import { PassThrough } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runTerminalChat } from "../../src/demo/terminal-chat.js";
import { startTelegramEmulator, type TelegramEmulator } from "../../src/telegram-emulator/index.js";
import { createTestBot, launchPolling } from "./test-bot.js";

describe("the terminal chat", () => {
  let emulator: TelegramEmulator;
  let stop: () => Promise<void>;

  beforeEach(async () => {
    emulator = await startTelegramEmulator();
    ({ stop } = await launchPolling(createTestBot(emulator).bot, emulator));
  });
  afterEach(async () => {
    await stop();
    await emulator.close();
  });

  async function chat(lines: string[]): Promise<string> {
    const input = new PassThrough();
    const output = new PassThrough();
    let transcript = "";
    output.on("data", (chunk: Buffer) => {
      transcript += chunk.toString("utf8");
    });
    input.end(lines.map((line) => `${line}\n`).join(""));
    await runTerminalChat({
      emulator,
      userId: 1001,
      languageCode: "en",
      phone: "+8613700000000",
      input,
      output,
    });
    return transcript;
  }

  it("numbers the buttons, and a typed number presses one", async () => {
    const transcript = await chat(["/start", "2", "hello"]);
    expect(transcript).toContain("bot: Welcome! Pick a fruit:\n     [1] Apples  [2] Pears\n");
    expect(transcript).toContain("bot (updated #2): You picked pears\n     [1] Again\n");
    expect(transcript).toContain("(notice: Noted: pears)");
    expect(transcript).toContain("bot: echo: hello");
    expect(emulator.calls("answerCallbackQuery")).toHaveLength(1);
  });

  it("offers reply-keyboard buttons such as share contact", async () => {
    const transcript = await chat(["/contact", "1"]);
    expect(transcript).toContain("keyboard: [1] Share contact");
    expect(transcript).toContain("bot: Thanks, +8613700000000");
    expect(transcript).toContain("(keyboard removed)");
  });

  it("sends numbers that are no button as text, and stops at /quit", async () => {
    const transcript = await chat(["13812345678", "\\1", "/quit", "never sent"]);
    expect(transcript).toContain("bot: echo: 13812345678");
    expect(transcript).toContain("bot: echo: 1\n");
    expect(transcript).not.toContain("never sent");
  });
});

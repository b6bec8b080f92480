import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTelegramEmulator, type TelegramEmulator } from "../../src/telegram-emulator/index.js";
import { createTestBot, launchPolling, type TestBot } from "./test-bot.js";

describe("a telegraf bot in polling mode, talking to the emulator", () => {
  let emulator: TelegramEmulator;
  let testBot: TestBot;
  let stop: () => Promise<void>;

  beforeEach(async () => {
    emulator = await startTelegramEmulator();
    testBot = createTestBot(emulator);
    ({ stop } = await launchPolling(testBot.bot, emulator));
  });

  afterEach(async () => {
    await stop();
    await emulator.close();
  });

  it("answers /start with a menu, and a tap edits it and shows a notice", async () => {
    const alice = emulator.user(42, { firstName: "Alice", languageCode: "en" });

    const start = await alice.say("/start");
    expect(start.text).toBe("Welcome! Pick a fruit:");
    expect(alice.buttons()).toEqual([["Apples", "Pears"]]);

    const tap = await alice.press("Pears");
    expect(tap.sent).toEqual([]);
    expect(tap.edited).toHaveLength(1);
    expect(tap.text).toBe("You picked pears");
    expect(tap.answer).toEqual({ text: "Noted: pears" });
    expect(alice.lastMessage()).toMatchObject({ messageId: 2, edited: true, editCount: 1 });
    expect(alice.lastMessage()?.rawText).toBe("You picked <b>pears</b>");
    expect(alice.buttons()).toEqual([["Again"]]);
    expect(alice.callbackAnswers()).toEqual([{ text: "Noted: pears" }]);
  });

  it("sends updates that look like Telegram's", async () => {
    const bob = emulator.user(7, { firstName: "Bob", languageCode: "zh-hans", username: "bob" });
    await bob.say("/start now");
    await bob.press(/Apples/);
    const [message, callback] = testBot.updates;
    expect(message).toMatchObject({
      message: {
        message_id: 1,
        from: { id: 7, is_bot: false, first_name: "Bob", username: "bob", language_code: "zh-hans" },
        chat: { id: 7, type: "private" },
        text: "/start now",
        entities: [{ type: "bot_command", offset: 0, length: 6 }],
      },
    });
    expect(callback).toMatchObject({
      callback_query: {
        from: { id: 7 },
        data: "pick:apples",
        message: { message_id: 2, text: "Welcome! Pick a fruit:", from: { is_bot: true } },
      },
    });
    const ids = testBot.updates.map((update) => update.update_id);
    expect(ids[1]).toBe((ids[0] ?? 0) + 1);
  });

  it("advances the offset so that no update is handled twice", async () => {
    const carol = emulator.user(3);
    for (const word of ["one", "two", "three", "four"]) {
      const turn = await carol.say(word);
      expect(turn.text).toBe(`echo: ${word}`);
    }
    expect(new Set(testBot.handled).size).toBe(testBot.handled.length);
    expect(testBot.handled).toHaveLength(4);
    const offsets = emulator.calls("getUpdates").map((call) => Number(call.payload.offset));
    expect(offsets).toEqual([...offsets].sort((a, b) => a - b));
    expect(Math.max(...offsets)).toBe(Math.max(...testBot.handled) + 1);
  });

  it("keeps concurrent users' turns apart", async () => {
    const users = [11, 12, 13, 14, 15].map((id) => emulator.user(id));
    const turns = await Promise.all(users.map((user) => user.say(`hello from ${user.id}`)));
    expect(turns.map((turn) => turn.text)).toEqual(users.map((user) => `echo: hello from ${user.id}`));
    expect(testBot.handled).toHaveLength(5);
  });

  it("holds a long poll open while idle instead of spinning", async () => {
    await emulator.user(5).say("wake up");
    const before = emulator.calls("getUpdates").length;
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(emulator.calls("getUpdates").length - before).toBeLessThanOrEqual(1);
    expect(emulator.calls("getUpdates").at(-1)?.payload.timeout).toBe(50);
  });

  it("refuses a message over 4096 characters and accepts one of exactly 4096", async () => {
    const dan = emulator.user(4);
    const tooLong = await dan.say("/long");
    expect(tooLong.sent).toEqual([]);
    expect(testBot.errors[0]?.description).toBe("Bad Request: message is too long");
    const atLimit = await dan.say("/limit");
    expect(atLimit.text).toHaveLength(4096);
  });

  it("refuses callback_data over 64 bytes, counting UTF-8 bytes", async () => {
    const erin = emulator.user(8);
    await erin.say("/bigdata");
    await erin.say("/chinese");
    expect(testBot.errors.map((e) => [e.code, e.description])).toEqual([
      [400, "Bad Request: BUTTON_DATA_INVALID"],
      [400, "Bad Request: BUTTON_DATA_INVALID"],
    ]);
    expect(erin.messages().filter((m) => m.fromBot)).toEqual([]);
  });

  it("tells the bot when an edit changes nothing", async () => {
    const fay = emulator.user(9);
    await fay.say("/start");
    await fay.press("Apples");
    const again = await fay.press("Again");
    expect(again.edited).toEqual([]);
    expect(testBot.errors[0]?.description).toBe(
      "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message",
    );
    expect(fay.lastMessage()?.editCount).toBe(1);
  });

  it("injects a 429 that the bot sees with retry_after, then recovers", async () => {
    const gus = emulator.user(10);
    emulator.failNext("sendMessage", { error_code: 429, retry_after: 7 });
    const limited = await gus.say("hi");
    expect(limited.sent).toEqual([]);
    expect(testBot.errors[0]?.code).toBe(429);
    expect(testBot.errors[0]?.parameters?.retry_after).toBe(7);
    expect(testBot.errors[0]?.description).toBe("Too Many Requests: retry after 7");
    expect(emulator.calls("sendMessage")[0]?.error?.error_code).toBe(429);
    expect((await gus.say("again")).text).toBe("echo: again");
  });

  it("shows a reply keyboard, shares the contact from it and removes it", async () => {
    const hana = emulator.user(12, { phone: "+8613912345678" });
    await hana.say("/contact");
    expect(hana.replyKeyboard()).toEqual([["Share contact"]]);
    const shared = await hana.press("Share contact");
    expect(shared.text).toBe("Thanks, +8613912345678");
    expect(hana.replyKeyboard()).toEqual([]);
    expect(hana.messages().find((m) => m.kind === "contact")?.phoneNumber).toBe("+8613912345678");
  });

  it("keeps a one-time keyboard after it is used, until the bot removes it, as Telegram does", async () => {
    const lou = emulator.user(16);
    await lou.say("/fruit");
    expect((await lou.tapReplyKeyboard("Apples")).text).toBe("echo: Apples");
    // folded away, but one tap on the keyboard button brings it back: its labels can still be sent
    expect(lou.replyKeyboard()).toEqual([["Apples", "Pears"]]);
    expect((await lou.tapReplyKeyboard("Pears")).text).toBe("echo: Pears");
    await expect(lou.tapReplyKeyboard("Plums")).rejects.toThrow(/No reply-keyboard button matching "Plums"/);
  });

  it("explains a press that matches no button", async () => {
    const ivan = emulator.user(13);
    await ivan.say("/start");
    await expect(ivan.press("Bananas")).rejects.toThrow(
      /No button matching "Bananas".*\n.*\[Apples\] \[Pears\]/,
    );
  });

  it("delivers forged callback data and lets the bot's answer through", async () => {
    const jo = emulator.user(14);
    await jo.say("/start");
    const turn = await jo.pressData("pick:durian");
    expect(turn.text).toBe("You picked durian");
  });

  it("delivers stickers and raw updates", async () => {
    const kim = emulator.user(15);
    expect((await kim.sendSticker()).text).toBe("Nice sticker");
    await emulator.pushUpdate({ message: { message_id: 99, chat: { id: 15, type: "private" }, date: 0 } });
    expect(testBot.handled).toHaveLength(2);
  });

  it("says plainly when the bot never handles an update", async () => {
    await stop();
    stop = async () => {};
    const slow = await startTelegramEmulator({ turnTimeoutMs: 200 });
    try {
      await expect(slow.user(1).say("anyone?")).rejects.toThrow(
        /the bot did not handle update \d+ within 0.2 s/,
      );
    } finally {
      await slow.close();
    }
  });
});

// Telegram answers 429 Too Many Requests with retry_after: the bot waits that long and sends again, so
// the patient gets the message late rather than never, and the step is not lost.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { zh } from "../../src/i18n/zh.js";
import { promptLine, startTestWorld, type TestWorld } from "../support/world.js";
import { nextBotText } from "./bot-text.js";

describe("Telegram asking the bot to slow down", () => {
  let world: TestWorld;
  beforeAll(async () => {
    world = await startTestWorld();
  });
  afterAll(async () => {
    await world?.stop();
  });

  it("sends the message again after retry_after, once", async () => {
    const user = world.user(6401);
    world.emulator.failNext("sendMessage", { error_code: 429, retry_after: 1 });
    const sentBefore = world.emulator.calls("sendMessage").length;

    const answer = nextBotText(user, 5_000);
    await user.say("/book");
    expect(await answer).toBe(zh.city.prompt);

    const calls = world.emulator.calls("sendMessage").slice(sentBefore);
    expect(calls).toHaveLength(2);
    const [refused, resent] = calls;
    expect(refused?.error?.error_code).toBe(429);
    expect(resent?.error).toBeUndefined();
    expect((resent?.at ?? 0) - (refused?.at ?? 0)).toBeGreaterThanOrEqual(1_000);
    // the step went on: the city list is the live menu, and a tap on it works
    const next = await user.press(/深圳市/);
    expect(next.text).toContain(promptLine(zh.hospital.prompt("")));
  });

  it("edits the menu again after retry_after when an edit is refused", async () => {
    const user = world.user(6402);
    await user.say("/book");
    world.emulator.failNext("editMessageText", { error_code: 429, retry_after: 1 });
    const answer = nextBotText(user, 5_000);
    await user.press(/深圳市/);
    expect(await answer).toContain(promptLine(zh.hospital.prompt("")));
    const edits = world.emulator.calls("editMessageText").filter((c) => c.payload.chat_id === user.id);
    expect(edits.filter((c) => c.error?.error_code === 429)).toHaveLength(1);
    expect(edits.filter((c) => c.error === undefined).length).toBeGreaterThanOrEqual(1);
  });
});

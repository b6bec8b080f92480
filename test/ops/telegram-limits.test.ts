// Telegram's limits: messages are paced per chat and in all, button answers are not held up, and a 429
// answer is sent again after its retry_after, a bounded number of times.
import { Telegram } from "telegraf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../src/observability/logger.js";
import {
  createOutgoingCalls,
  type OutgoingLimits,
  type TelegramCallEvent,
} from "../../src/telegram/outgoing-calls.js";
import { startTelegramEmulator } from "../../src/telegram-emulator/server.js";
import type { TelegramEmulator } from "../../src/telegram-emulator/types.js";
import { type OpsWorld, startOpsWorld } from "./support.js";

describe("outgoing calls to Telegram", () => {
  let emulator: TelegramEmulator;
  beforeAll(async () => {
    emulator = await startTelegramEmulator();
    // the chats must exist before the bot may write to them
    for (const id of [8001, 8002, 8003, 8004]) emulator.user(id);
  });
  afterAll(async () => {
    await emulator?.close();
  });

  function client(limits: Partial<OutgoingLimits>, extra: { maxRetries?: number } = {}) {
    const events: TelegramCallEvent[] = [];
    const outgoing = createOutgoingCalls({
      limits: { globalPerSecond: 0, chatPerSecond: 0, chatBurst: 1, ...limits },
      logger: silentLogger(),
      onCall: (e) => events.push(e),
      ...extra,
    });
    const telegram = new Telegram(emulator.token, { apiRoot: emulator.apiRoot, webhookReply: false });
    outgoing.wrap(telegram);
    return { telegram, events };
  }

  const sentTo = (chat: number) =>
    emulator.calls("sendMessage").filter((c) => c.payload.chat_id === chat && c.error === undefined);

  it("sends again after retry_after when Telegram answers 429", async () => {
    const { telegram, events } = client({});
    emulator.failNext("sendMessage", { error_code: 429, retry_after: 1 });
    const started = Date.now();
    await telegram.sendMessage(8001, "after the flood wait");
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    expect(events.map((e) => e.outcome)).toEqual(["429", "ok"]);
  });

  it("gives up after the bounded number of retries, and at once on a wait too long to hold a chat", async () => {
    const { telegram } = client({}, { maxRetries: 1 });
    emulator.failNext("sendMessage", { error_code: 429, retry_after: 1 }, 2);
    await expect(telegram.sendMessage(8002, "never")).rejects.toMatchObject({ code: 429 });
    emulator.failNext("sendMessage", { error_code: 429, retry_after: 3_600 });
    const started = Date.now();
    await expect(telegram.sendMessage(8002, "never either")).rejects.toMatchObject({ code: 429 });
    expect(Date.now() - started).toBeLessThan(500);
  });

  it("paces one chat after a small burst without holding up another", async () => {
    const { telegram } = client({ chatPerSecond: 2, chatBurst: 2 });
    const started = Date.now();
    const busy = Promise.all([1, 2, 3, 4].map((n) => telegram.sendMessage(8003, `message ${n}`)));
    await telegram.sendMessage(8004, "another chat");
    expect(Date.now() - started).toBeLessThan(600);
    await busy;
    const at = sentTo(8003).map((c) => c.at - started);
    expect(at).toHaveLength(4);
    expect(at[1]).toBeLessThan(400);
    expect(at[2]).toBeGreaterThanOrEqual(400);
    expect(at[3]).toBeGreaterThanOrEqual(900);
    expect(sentTo(8003).map((c) => c.payload.text)).toEqual([
      "message 1",
      "message 2",
      "message 3",
      "message 4",
    ]);
  });

  it("paces all chats together, but never a button's answer", async () => {
    const { telegram, events } = client({ globalPerSecond: 1 });
    const started = Date.now();
    await telegram.sendMessage(8001, "first");
    const second = telegram.sendMessage(8002, "second");
    await telegram.answerCbQuery("no-such-query").catch(() => {});
    expect(Date.now() - started).toBeLessThan(600);
    await second;
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(events.map((e) => e.method)).toEqual(["sendMessage", "answerCallbackQuery", "sendMessage"]);
  });
});

describe("the bot's replies", () => {
  let world: OpsWorld;
  beforeAll(async () => {
    world = await startOpsWorld({ env: { TELEGRAM_CHAT_PER_SECOND: "1", TELEGRAM_CHAT_BURST: "1" } });
  });
  afterAll(async () => {
    await world?.stop();
  });

  it("go through the per-chat pace too (telegraf's per-update client is wrapped)", async () => {
    const user = world.user(8101);
    await user.say("/help");
    await user.say("/help");
    const sent = world.emulator.calls("sendMessage").filter((c) => c.payload.chat_id === 8101);
    expect(sent).toHaveLength(2);
    expect((sent[1]?.at ?? 0) - (sent[0]?.at ?? 0)).toBeGreaterThanOrEqual(900);
  });
});

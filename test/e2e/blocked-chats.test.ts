// A patient who blocked the bot: Telegram answers 403 "bot was blocked by the user". The bot marks the
// chat once (logged at info), tries no apology, tells every replica and background sender through Redis,
// and forgets the mark as soon as the patient writes again.
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/observability/logger.js";
import { createBlockedChats } from "../../src/telegram/blocked-chats.js";
import { cleanPrefix, testPrefix, testRedis } from "../support/redis.js";
import { startTestWorld, type TestWorld } from "../support/world.js";

const BLOCKED = { error_code: 403, description: "Forbidden: bot was blocked by the user" };

describe("a patient who blocked the bot", () => {
  let world: TestWorld;
  beforeAll(async () => {
    world = await startTestWorld();
  });
  afterAll(async () => {
    await world?.stop();
  });

  const sentTo = (chatId: number) =>
    world.emulator.calls("sendMessage").filter((c) => String(c.payload.chat_id) === String(chatId));

  it("is marked blocked for every replica without an apology sent after the refusal, and unmarked once they write", async () => {
    const user = world.user(6801);
    const blocked = world.app.deps.blockedChats;
    world.emulator.failNext("sendMessage", BLOCKED);
    await user.say("/start");
    expect(sentTo(user.id)).toHaveLength(1);
    expect(sentTo(user.id)[0]?.error?.error_code).toBe(403);
    expect(await blocked.isBlocked(user.id)).toBe(true);
    expect(await world.redis.exists(`${world.prefix}blocked:${user.id}`)).toBe(1);

    const turn = await user.say("/start");
    expect(turn.text).toContain("Patient6801");
    const deadline = Date.now() + 2_000;
    while ((await blocked.isBlocked(user.id)) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(await blocked.isBlocked(user.id)).toBe(false);
  });
});

describe("the blocked-chats service", () => {
  const redis = testRedis();
  const prefix = testPrefix("blocked");
  afterAll(async () => {
    await cleanPrefix(redis, prefix);
    await redis.quit();
  });

  it("logs a chat's blocking once, at info, however often it is reported", async () => {
    const lines: string[] = [];
    const stream = new PassThrough();
    stream.on("data", (c: Buffer) => lines.push(c.toString("utf8")));
    const logger = createLogger({ level: "debug", pretty: false, destination: stream });
    const chats = createBlockedChats({ redis, prefix, logger });
    expect(await chats.markBlocked(42)).toBe(true);
    expect(await chats.markBlocked(42)).toBe(false);
    expect(await chats.markBlocked(42)).toBe(false);
    await new Promise((r) => setTimeout(r, 20));
    const logged = lines.map((l) => JSON.parse(l) as { level: number; msg: string });
    expect(logged).toHaveLength(1);
    expect(logged[0]?.level).toBe(30);
    expect(await chats.isBlocked(42)).toBe(true);
    expect(await chats.isBlocked(43)).toBe(false);
    await chats.clear(42);
    expect(await chats.isBlocked(42)).toBe(false);
  });
});

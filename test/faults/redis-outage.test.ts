// Redis goes away mid-conversation: the patient hears that the service is briefly unavailable, nothing
// they entered is lost, and the same tap works once Redis is back.
import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { zh } from "../../src/i18n/zh.js";
import type { EmulatedUser } from "../../src/telegram-emulator/types.js";
import { firstButton, promptLine, startTestWorld, type TestWorld } from "../support/world.js";
import { nextBotText } from "./bot-text.js";
import { type OwnRedis, startOwnRedis } from "./own-redis.js";

describe("a Redis outage in the middle of a booking", () => {
  let redis: OwnRedis;
  let world: TestWorld;
  let admin: Redis;
  beforeAll(async () => {
    redis = await startOwnRedis();
    world = await startTestWorld({ env: { REDIS_URL: redis.url } });
    admin = redis.admin();
  });
  afterAll(async () => {
    await world?.stop();
    await redis?.close();
  });

  const sessionOf = (user: EmulatedUser) => admin.get(`${world.prefix}session:${user.id}`);

  /** /book, then a city and a hospital: the department list is on screen. */
  async function toDepartments(user: EmulatedUser): Promise<number> {
    await user.say("/book");
    await user.press(firstButton(user));
    await user.press(firstButton(user));
    const menu = user.lastMessage();
    expect(menu?.text).toContain(promptLine(zh.department.prompt("")));
    return menu?.messageId ?? -1;
  }

  async function untilReady(): Promise<void> {
    const deadline = Date.now() + 8_000;
    while (world.app.redis.status !== "ready") {
      if (Date.now() > deadline) throw new Error("the bot's Redis client did not reconnect");
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it("says the service is briefly unavailable while Redis is down, then carries on where the patient was", async () => {
    const user = world.user(6101);
    const menuId = await toDepartments(user);
    const department = firstButton(user);
    const before = await sessionOf(user);
    expect(before).toContain('"current":"department"');

    await redis.stop();
    const started = Date.now();
    const down = await user.press(department, { messageId: menuId });
    expect(down.text).toBe(zh.errors.sessionUnavailable);
    expect(Date.now() - started).toBeLessThan(3_000);

    await redis.start();
    await untilReady();
    expect(await sessionOf(user)).toBe(before);
    const back = await user.press(department, { messageId: menuId });
    expect(back.text).toContain(promptLine(zh.doctor.prompt("", "")));
    expect(await sessionOf(user)).toContain('"current":"doctor"');
  });

  it("answers a patient within seconds while Redis hangs, and does not make them wait for a lock once it recovers", async () => {
    const user = world.user(6102);
    const menuId = await toDepartments(user);
    const department = firstButton(user);
    const before = await sessionOf(user);

    redis.freeze();
    try {
      const started = Date.now();
      const answer = nextBotText(user);
      await user.press(department, { messageId: menuId });
      expect(await answer).toBe(zh.errors.sessionUnavailable);
      expect(Date.now() - started).toBeLessThan(6_000);
    } finally {
      redis.thaw();
    }
    expect(await sessionOf(user)).toBe(before);
    const started = Date.now();
    const back = await user.press(department, { messageId: menuId });
    expect(back.text).toContain(promptLine(zh.doctor.prompt("", "")));
    // the lock the hung request may have taken is released, not waited out (lock TTL: 10 s)
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

import { Redis } from "ioredis";
import { type Context, Telegram } from "telegraf";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { createFloodControl, type FloodNotice } from "../../src/flood/flood-control.js";
import { silentLogger } from "../../src/observability/logger.js";
import { callbackUpdate, closedPort, offlineBot, sleep, textUpdate } from "../session/fixtures.js";
import { cleanPrefix, testPrefix, testRedis } from "../support/redis.js";

const prefix = testPrefix("flood");
const admin = testRedis();
const clients: Redis[] = [];

afterAll(async () => {
  await cleanPrefix(admin, prefix);
  await Promise.all([admin, ...clients].map((c) => c.quit().catch(() => c.disconnect())));
});

afterEach(() => {
  vi.restoreAllMocks();
});

/** A Redis connection that is ready, as the composition root hands it over. */
async function readyRedis(): Promise<Redis> {
  const redis = testRedis();
  await redis.ping();
  return redis;
}

/** A bot process with flood control in front of a handler that counts what got through. */
function floodedProcess(redis: Redis, durationSeconds = 10) {
  clients.push(redis);
  const notices: FloodNotice[] = [];
  const handled: string[] = [];
  const bot = offlineBot<Context>();
  bot.use(
    createFloodControl({
      redis,
      prefix,
      points: 20,
      durationSeconds,
      logger: silentLogger(),
      onLimited: (_ctx, notice) => {
        notices.push(notice);
      },
    }),
  );
  bot.on("message", (ctx) => {
    handled.push("text" in ctx.message ? ctx.message.text : "?");
  });
  bot.on("callback_query", () => {
    handled.push("button");
  });
  return { bot, notices, handled };
}

async function send(bot: ReturnType<typeof floodedProcess>["bot"], user: number, count: number) {
  for (let i = 0; i < count; i++) await bot.handleUpdate(textUpdate(user, `msg ${i}`));
}

describe("flood control", () => {
  it("drops a user's 21st update in the window, tells them once, and hears them again afterwards", async () => {
    const answered = vi.spyOn(Telegram.prototype, "answerCbQuery").mockResolvedValue(true);
    const { bot, notices, handled } = floodedProcess(await readyRedis(), 2);
    const user = 4001;
    await send(bot, user, 20);
    expect(handled).toHaveLength(20);

    await send(bot, user, 5);
    await bot.handleUpdate(callbackUpdate(user, "book"));
    expect(handled).toHaveLength(20);
    expect(notices.map((n) => n.firstNotice)).toEqual([true, false, false, false, false, false]);
    expect(notices[0]?.retryAfterMs).toBeGreaterThan(0);
    expect(notices[0]?.retryAfterMs).toBeLessThanOrEqual(2000);
    expect(answered).toHaveBeenCalledTimes(1);

    await sleep((notices.at(-1)?.retryAfterMs ?? 2000) + 100);
    await send(bot, user, 1);
    expect(handled).toHaveLength(21);
  });

  it("counts a user's updates across processes and notifies once among them", async () => {
    const [a, b] = [floodedProcess(await readyRedis()), floodedProcess(await readyRedis())];
    const user = 4101;
    await send(a.bot, user, 10);
    await send(b.bot, user, 10);
    await send(b.bot, user, 2);
    await send(a.bot, user, 2);
    expect(a.handled.length + b.handled.length).toBe(20);
    expect([...a.notices, ...b.notices].filter((n) => n.firstNotice)).toHaveLength(1);
  });

  it("does not slow other users down", async () => {
    const { bot, handled } = floodedProcess(await readyRedis());
    await send(bot, 4201, 25);
    await send(bot, 4202, 3);
    expect(handled).toHaveLength(23);
  });

  it("keeps limiting in memory when Redis is unreachable", async () => {
    const dead = new Redis(`redis://127.0.0.1:${await closedPort()}`, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
    });
    dead.on("error", () => {});
    const { bot, notices, handled } = floodedProcess(dead);
    const started = Date.now();
    await send(bot, 4301, 22);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(handled).toHaveLength(20);
    expect(notices.map((n) => n.firstNotice)).toEqual([true, false]);
  });
});

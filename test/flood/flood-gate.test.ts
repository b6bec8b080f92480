// Flood control as the bot wires it: counted in the session's lock-and-load round trip, shared by every
// process on the Redis, one notice per window, and no Redis round trip of its own.
import type { Redis } from "ioredis";
import type { Context } from "telegraf";
import { afterAll, describe, expect, it } from "vitest";
import type { FloodNotice } from "../../src/flood/flood-gate.js";
import { createFloodGate } from "../../src/flood/flood-gate.js";
import { silentLogger } from "../../src/observability/logger.js";
import type { RoundTrip } from "../../src/session/chat-lock.js";
import { createSessionMiddleware } from "../../src/session/middleware.js";
import { offlineBot, sleep, textUpdate } from "../session/fixtures.js";
import { cleanPrefix, testPrefix, testRedis } from "../support/redis.js";

const prefix = testPrefix("flood-gate");
const admin = testRedis();
const clients: Redis[] = [];

afterAll(async () => {
  await cleanPrefix(admin, prefix);
  await Promise.all([admin, ...clients].map((c) => c.quit().catch(() => c.disconnect())));
});

type Tally = { count?: number };

/** One bot process: flood gate, then the session with the gate's counter, then a handler that counts. */
function gatedProcess(points = 20, durationSeconds = 10) {
  const redis = testRedis();
  clients.push(redis);
  const notices: FloodNotice[] = [];
  const handled: string[] = [];
  const trips: RoundTrip[] = [];
  const gate = createFloodGate({
    prefix,
    points,
    durationSeconds,
    logger: silentLogger(),
    onLimited: (_ctx, notice) => {
      notices.push(notice);
    },
  });
  const bot = offlineBot<Context & { session: Tally }>();
  bot.use(gate.middleware);
  bot.use(
    createSessionMiddleware<Tally>({
      redis,
      prefix,
      ttlSeconds: 60,
      logger: silentLogger(),
      countUpdate: gate.countOf,
      onRoundTrip: (op) => trips.push(op),
    }),
  );
  bot.on("message", (ctx) => {
    ctx.session.count = (ctx.session.count ?? 0) + 1;
    handled.push("text" in ctx.message ? ctx.message.text : "?");
  });
  return { bot, notices, handled, trips };
}

async function send(p: ReturnType<typeof gatedProcess>, user: number, count: number): Promise<void> {
  for (let i = 0; i < count; i++) await p.bot.handleUpdate(textUpdate(user, `msg ${i}`));
}

describe("the flood gate", () => {
  it("counts a user's updates across processes, notifies once among them, and costs no round trip", async () => {
    const [a, b] = [gatedProcess(), gatedProcess()];
    const user = 4501;
    await send(a, user, 10);
    await send(b, user, 10);
    expect([...a.trips, ...b.trips]).toEqual(
      Array.from({ length: 20 }, () => ["lock-and-load", "save-and-unlock"]).flat(),
    );
    await send(b, user, 2);
    await send(a, user, 2);
    expect(a.handled.length + b.handled.length).toBe(20);
    expect([...a.notices, ...b.notices].filter((n) => n.firstNotice)).toHaveLength(1);
  });

  it("drops a flooding user's update without locking or loading their chat", async () => {
    const p = gatedProcess(3);
    const user = 4601;
    await send(p, user, 3);
    const stored = await admin.get(`${prefix}session:${user}`);
    p.trips.length = 0;
    await send(p, user, 1);
    // the refusing round trip, and nothing after it: no lock taken, nothing saved
    expect(p.trips).toEqual(["lock-and-load"]);
    await send(p, user, 3);
    // known flooders are dropped from memory, without Redis
    expect(p.trips).toEqual(["lock-and-load"]);
    expect(await admin.get(`${prefix}session:${user}`)).toBe(stored);
    expect(await admin.exists(`${prefix}lock:${user}`)).toBe(0);
    expect(p.notices.map((n) => n.firstNotice)).toEqual([true, false, false, false]);
  });

  it("does not slow other users down, and hears the flooder again after the window", async () => {
    const p = gatedProcess(5, 1);
    await send(p, 4701, 8);
    await send(p, 4702, 3);
    expect(p.handled).toHaveLength(8);
    await sleep((p.notices.at(-1)?.retryAfterMs ?? 1000) + 100);
    await send(p, 4701, 1);
    expect(p.handled).toHaveLength(9);
  });
});

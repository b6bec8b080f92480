import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import type { RoundTrip } from "../../src/session/chat-lock.js";
import { SessionUnavailableError } from "../../src/session/errors.js";
import { freePort } from "../support/ports.js";
import { cleanPrefix, REDIS_URL, testPrefix, testRedis } from "../support/redis.js";
import { sessionProcess, sleep, textUpdate } from "./fixtures.js";

type Tally = { count?: number };

const prefix = testPrefix("session-budget");
const admin = testRedis();
const clients: Redis[] = [];

afterAll(async () => {
  await cleanPrefix(admin, prefix);
  await Promise.all([admin, ...clients].map((c) => c.quit().catch(() => c.disconnect())));
});

/** A client configured as the composition root must configure it, pointed wherever the test says. */
function failFastClient(url: string, extra: { enableOfflineQueue?: boolean; commandTimeout?: number } = {}) {
  const redis = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: 2000,
    ...extra,
  });
  redis.on("error", () => {});
  clients.push(redis);
  return redis;
}

async function deadUrl(): Promise<string> {
  return `redis://127.0.0.1:${await freePort()}`;
}

describe("the session's Redis budget", () => {
  it("costs two round trips for an uncontended update, counted by the client and by MONITOR", async () => {
    const ops: RoundTrip[] = [];
    const p = sessionProcess<Tally>({ prefix, ttlSeconds: 60, onRoundTrip: (op) => ops.push(op) });
    clients.push(p.redis);
    p.bot.on("message", (ctx) => {
      ctx.session.count = (ctx.session.count ?? 0) + 1;
    });
    await p.bot.handleUpdate(textUpdate(3001, "warm the script cache"));
    ops.length = 0;

    const monitored = testRedis();
    const monitor = await monitored.monitor();
    clients.push(monitored, monitor);
    const seen: string[] = [];
    monitor.on("monitor", (_time: string, args: string[], source: string) => {
      if (source !== "lua" && args.some((a) => a.includes(`${prefix}`) && a.endsWith(":3001"))) {
        seen.push(String(args[0]).toLowerCase());
      }
    });
    for (let i = 0; i < 5; i++) await p.bot.handleUpdate(textUpdate(3001, `update ${i}`));
    await sleep(100);

    expect(ops).toEqual(Array.from({ length: 5 }, () => ["lock-and-load", "save-and-unlock"]).flat());
    expect(seen).toEqual(Array.from({ length: 10 }, () => "evalsha"));
  });
});

describe("a session store that cannot reach Redis", () => {
  it("fails the update quickly with SessionUnavailableError instead of hanging", async () => {
    const p = sessionProcess<Tally>({ prefix, ttlSeconds: 60, redis: failFastClient(await deadUrl()) });
    let handled = false;
    p.bot.on("message", () => {
      handled = true;
    });
    const started = Date.now();
    for (let i = 0; i < 2; i++) {
      const error = await p.bot.handleUpdate(textUpdate(3101, "hi")).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SessionUnavailableError);
    }
    expect(Date.now() - started).toBeLessThan(500);
    expect(handled).toBe(false);
  });

  it("fails quickly too when the client queues commands while offline", async () => {
    const redis = failFastClient(await deadUrl(), { enableOfflineQueue: true, commandTimeout: 300 });
    const p = sessionProcess<Tally>({ prefix, ttlSeconds: 60, redis });
    p.bot.on("message", () => {});
    const started = Date.now();
    const error = await p.bot.handleUpdate(textUpdate(3201, "hi")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SessionUnavailableError);
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it("reports a save that cannot reach Redis as SessionUnavailableError", async () => {
    const redis = failFastClient(REDIS_URL);
    // Without an offline queue, commands sent before the connection is ready fail: connect first.
    await redis.connect();
    const p = sessionProcess<Tally>({ prefix, ttlSeconds: 60, redis });
    p.bot.on("message", (ctx) => {
      ctx.session.count = 1;
      redis.disconnect();
    });
    const error = await p.bot.handleUpdate(textUpdate(3301, "hi")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SessionUnavailableError);
    expect((error as SessionUnavailableError).operation).toBe("save-and-unlock");
  });
});

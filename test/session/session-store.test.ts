import type { Redis } from "ioredis";
import { Scenes } from "telegraf";
import { afterAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { silentLogger } from "../../src/observability/logger.js";
import { createSessionMiddleware } from "../../src/session/middleware.js";
import { cleanPrefix, testPrefix, testRedis } from "../support/redis.js";
import { offlineBot, pollUpdate, sessionProcess, textUpdate } from "./fixtures.js";

type Visits = { count?: number; names?: string[] };

const prefix = testPrefix("session-store");
const admin = testRedis();
const clients: Redis[] = [];

function startProcess() {
  const p = sessionProcess<Visits>({ prefix, ttlSeconds: 60 });
  clients.push(p.redis);
  return p.bot;
}

afterAll(async () => {
  await cleanPrefix(admin, prefix);
  await Promise.all([admin, ...clients].map((c) => c.quit()));
});

describe("the Redis session", () => {
  it("remembers a chat's conversation from one update to the next, in another process too", async () => {
    const [a, b] = [startProcess(), startProcess()];
    for (const bot of [a, b]) {
      bot.on("message", (ctx) => {
        ctx.session.count = (ctx.session.count ?? 0) + 1;
      });
    }
    await a.handleUpdate(textUpdate(1001, "hi"));
    await a.handleUpdate(textUpdate(1001, "hi"));
    await b.handleUpdate(textUpdate(1001, "hi"));
    await a.handleUpdate(textUpdate(1002, "another chat"));

    expect(JSON.parse((await admin.get(`${prefix}session:1001`)) ?? "null")).toEqual({ count: 3 });
    expect(JSON.parse((await admin.get(`${prefix}session:1002`)) ?? "null")).toEqual({ count: 1 });
  });

  it("forgets a chat only after ttlSeconds without updates: every update restarts the clock", async () => {
    const bot = startProcess();
    bot.on("message", (ctx) => {
      ctx.session.count = 1;
    });
    await bot.handleUpdate(textUpdate(1101, "hi"));
    await admin.expire(`${prefix}session:1101`, 5);
    await bot.handleUpdate(textUpdate(1101, "still here"));
    expect(await admin.ttl(`${prefix}session:1101`)).toBeGreaterThan(55);
  });

  it("stores what the handler assigns to ctx.session, and nothing for an emptied session", async () => {
    const bot = startProcess();
    bot.hears("start over", (ctx) => {
      ctx.session = { names: ["fresh"] };
    });
    bot.hears("forget me", (ctx) => {
      ctx.session = {};
    });
    await admin.set(`${prefix}session:1201`, JSON.stringify({ count: 7 }));
    await bot.handleUpdate(textUpdate(1201, "start over"));
    expect(JSON.parse((await admin.get(`${prefix}session:1201`)) ?? "null")).toEqual({ names: ["fresh"] });

    await bot.handleUpdate(textUpdate(1201, "forget me"));
    expect(await admin.exists(`${prefix}session:1201`)).toBe(0);
  });

  it("starts afresh when the stored session no longer fits the schema or is not JSON", async () => {
    const schema = z.object({ count: z.number().optional() });
    const p = sessionProcess<Visits>({
      prefix,
      ttlSeconds: 60,
      parse: (raw) => {
        const parsed = schema.safeParse(raw);
        return parsed.success ? parsed.data : undefined;
      },
    });
    clients.push(p.redis);
    const seen: Visits[] = [];
    p.bot.on("message", (ctx) => {
      seen.push({ ...ctx.session });
      ctx.session.count = (ctx.session.count ?? 0) + 1;
    });
    await admin.set(`${prefix}session:1301`, JSON.stringify({ count: "three" }));
    await admin.set(`${prefix}session:1302`, "{not json");
    await p.bot.handleUpdate(textUpdate(1301, "hi"));
    await p.bot.handleUpdate(textUpdate(1302, "hi"));
    expect(seen).toEqual([{}, {}]);
    expect(JSON.parse((await admin.get(`${prefix}session:1301`)) ?? "null")).toEqual({ count: 1 });
  });

  it("starts afresh, and frees the chat, when the parser throws instead of returning undefined", async () => {
    const p = sessionProcess<Visits>({
      prefix,
      ttlSeconds: 60,
      parse: () => {
        throw new Error("zod parse, not safeParse");
      },
    });
    clients.push(p.redis);
    p.bot.on("message", (ctx) => {
      ctx.session.count = (ctx.session.count ?? 0) + 1;
    });
    await admin.set(`${prefix}session:1351`, JSON.stringify({ count: 5 }));
    await p.bot.handleUpdate(textUpdate(1351, "hi"));
    expect(JSON.parse((await admin.get(`${prefix}session:1351`)) ?? "null")).toEqual({ count: 1 });
    expect(await admin.exists(`${prefix}lock:1351`)).toBe(0);
  });

  it("carries a scene across processes when installed before Scenes.Stage", async () => {
    const processes = [0, 1].map(() => {
      const redis = testRedis();
      clients.push(redis);
      const bot = offlineBot<Scenes.SceneContext>();
      const booking = new Scenes.BaseScene<Scenes.SceneContext>("booking");
      booking.on("message", (ctx) => {
        replies.push(`in ${ctx.scene.current?.id}`);
      });
      bot.use(
        createSessionMiddleware<Scenes.SceneSession>({
          redis,
          prefix,
          ttlSeconds: 60,
          logger: silentLogger(),
        }),
      );
      bot.use(new Scenes.Stage([booking]).middleware());
      bot.command("book", (ctx) => ctx.scene.enter("booking"));
      return bot;
    });
    const replies: string[] = [];
    await processes[0]?.handleUpdate(textUpdate(1501, "/book"));
    await processes[1]?.handleUpdate(textUpdate(1501, "Dr Wang"));
    expect(replies).toEqual(["in booking"]);
    expect(JSON.parse((await admin.get(`${prefix}session:1501`)) ?? "null")).toMatchObject({
      __scenes: { current: "booking" },
    });
  });

  it("lets updates with neither chat nor sender through without a session", async () => {
    const bot = startProcess();
    let hadSession: boolean | undefined;
    bot.on("poll", (ctx) => {
      hadSession = "session" in ctx;
    });
    await bot.handleUpdate(pollUpdate());
    expect(hadSession).toBe(false);
  });

  it("keeps what the conversation reached when a handler fails, and frees the chat", async () => {
    const bot = startProcess();
    bot.on("message", (ctx) => {
      ctx.session.names = ["chose Dr Wang"];
      throw new Error("hospital said no");
    });
    await expect(bot.handleUpdate(textUpdate(1401, "book"))).rejects.toThrow("hospital said no");
    expect(JSON.parse((await admin.get(`${prefix}session:1401`)) ?? "null")).toEqual({
      names: ["chose Dr Wang"],
    });
    expect(await admin.exists(`${prefix}lock:1401`)).toBe(0);
  });
});

import type { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { ChatBusyError } from "../../src/session/errors.js";
import { cleanPrefix, testPrefix, testRedis } from "../support/redis.js";
import { capturingLogger, sessionProcess, sleep, textUpdate } from "./fixtures.js";

type Tally = { count?: number; order?: string[] };

const prefix = testPrefix("chat-lock");
const admin = testRedis();
const clients: Redis[] = [];

function startProcess(options: { lockTtlMs?: number; lockWaitMs?: number } = {}) {
  const p = sessionProcess<Tally>({ prefix, ttlSeconds: 60, ...options });
  clients.push(p.redis);
  return p.bot;
}

async function stored(chat: number): Promise<Tally | null> {
  return JSON.parse((await admin.get(`${prefix}session:${chat}`)) ?? "null");
}

afterAll(async () => {
  await cleanPrefix(admin, prefix);
  await Promise.all([admin, ...clients].map((c) => c.quit()));
});

describe("the per-chat lock", () => {
  it("handles a chat's updates one at a time even across two processes: no increment is lost", async () => {
    const processes = [startProcess(), startProcess()];
    let inside = 0;
    let mostInside = 0;
    for (const bot of processes) {
      bot.on("message", async (ctx) => {
        inside++;
        mostInside = Math.max(mostInside, inside);
        const before = ctx.session.count ?? 0;
        await sleep(Math.random() * 3);
        ctx.session.count = before + 1;
        inside--;
      });
    }
    const updates = Array.from({ length: 50 }, (_, i) =>
      processes[i % 2]?.handleUpdate(textUpdate(2001, `tap ${i}`)),
    );
    await Promise.all(updates);
    expect(mostInside).toBe(1);
    expect(await stored(2001)).toEqual({ count: 50 });
  });

  it("lets different chats run side by side", async () => {
    const bot = startProcess();
    let inside = 0;
    let mostInside = 0;
    bot.on("message", async () => {
      inside++;
      mostInside = Math.max(mostInside, inside);
      await sleep(150);
      inside--;
    });
    const started = Date.now();
    await Promise.all([2101, 2102, 2103, 2104, 2105].map((chat) => bot.handleUpdate(textUpdate(chat, "hi"))));
    expect(mostInside).toBe(5);
    expect(Date.now() - started).toBeLessThan(450);
  });

  it("handles one process's updates of a chat in arrival order, without polling Redis for the queued ones", async () => {
    let lockAttempts = 0;
    const p = sessionProcess<Tally>({
      prefix,
      ttlSeconds: 60,
      onRoundTrip: (op) => {
        if (op === "lock-and-load") lockAttempts++;
      },
    });
    clients.push(p.redis);
    p.bot.on("text", async (ctx) => {
      await sleep(Math.random() * 10);
      ctx.session.order = [...(ctx.session.order ?? []), ctx.message.text];
    });
    const texts = Array.from({ length: 10 }, (_, i) => `m${i}`);
    await Promise.all(texts.map((t) => p.bot.handleUpdate(textUpdate(2201, t))));
    expect((await stored(2201))?.order).toEqual(texts);
    expect(lockAttempts).toBe(10);
  });

  it("keeps a slow handler's lock alive past lockTtlMs so no other process enters meanwhile", async () => {
    const [a, b] = [startProcess({ lockTtlMs: 200 }), startProcess({ lockTtlMs: 200 })];
    const events: string[] = [];
    a.on("message", async (ctx) => {
      events.push("a in");
      await sleep(600);
      ctx.session.count = 1;
      events.push("a out");
    });
    b.on("message", (ctx) => {
      events.push("b in");
      ctx.session.count = (ctx.session.count ?? 0) + 1;
    });
    const slow = a.handleUpdate(textUpdate(2301, "place the order"));
    await sleep(50);
    await Promise.all([slow, b.handleUpdate(textUpdate(2301, "hello?"))]);
    expect(events).toEqual(["a in", "a out", "b in"]);
    expect(await stored(2301)).toEqual({ count: 2 });
  });

  it("stops extending the lock of a hung handler after maxHoldMs, so the chat is not lost for good", async () => {
    const hung = sessionProcess<Tally>({ prefix, ttlSeconds: 60, lockTtlMs: 100, maxHoldMs: 200 });
    clients.push(hung.redis);
    const other = startProcess();
    hung.bot.on("message", async (ctx) => {
      ctx.session.count = 100;
      await sleep(900);
    });
    other.on("message", (ctx) => {
      ctx.session.count = (ctx.session.count ?? 0) + 1;
    });
    const stuck = hung.bot.handleUpdate(textUpdate(2351, "hang"));
    await sleep(20);
    const started = Date.now();
    await other.handleUpdate(textUpdate(2351, "hello?"));
    expect(Date.now() - started).toBeLessThan(700);
    await stuck;
    expect(await stored(2351)).toEqual({ count: 1 });
  });

  it("outwaits the lock of a process that died holding it, and the chat carries on", async () => {
    await admin.set(`${prefix}session:2401`, JSON.stringify({ count: 4 }));
    await admin.set(`${prefix}lock:2401`, "dead-process", "PX", 300);
    const bot = startProcess();
    bot.on("message", (ctx) => {
      ctx.session.count = (ctx.session.count ?? 0) + 1;
    });
    const started = Date.now();
    await bot.handleUpdate(textUpdate(2401, "anyone?"));
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(await stored(2401)).toEqual({ count: 5 });
  });

  it("refuses to save once the lock has passed to someone else, and says so", async () => {
    const { logger, records } = capturingLogger();
    const p = sessionProcess<Tally>({ prefix, ttlSeconds: 60, logger });
    clients.push(p.redis);
    p.bot.on("message", async (ctx) => {
      ctx.session.count = 999;
      // As if our lock expired and another process took the chat and saved its own session.
      await admin.set(`${prefix}lock:2501`, "other-process", "PX", 10_000);
      await admin.set(`${prefix}session:2501`, JSON.stringify({ count: 1 }));
    });
    await p.bot.handleUpdate(textUpdate(2501, "hi"));
    expect(await stored(2501)).toEqual({ count: 1 });
    expect(await admin.get(`${prefix}lock:2501`)).toBe("other-process");
    expect(records().some((r) => r.level === 40 && r.msg.includes("lock expired"))).toBe(true);
  });

  it("gives up with ChatBusyError when the chat stays locked past lockWaitMs", async () => {
    await admin.set(`${prefix}lock:2601`, "someone-else", "PX", 10_000);
    const bot = startProcess({ lockWaitMs: 300 });
    let handled = false;
    bot.on("message", () => {
      handled = true;
    });
    const started = Date.now();
    const error = await bot.handleUpdate(textUpdate(2601, "hi")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChatBusyError);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(handled).toBe(false);
  });
});

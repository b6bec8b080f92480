import type { Context } from "telegraf";
import { createFloodControl } from "../../src/flood/flood-control.js";
import { silentLogger } from "../../src/observability/logger.js";
import { createSessionMiddleware } from "../../src/session/middleware.js";
import { cleanPrefix, testPrefix, testRedis } from "../support/redis.js";
import { offlineBot, textUpdate } from "./fixtures.js";

const prefix = testPrefix("tmpbench");
const admin = testRedis();
let trips = 0;
const procs = await Promise.all([0, 1].map(async () => {
  const redis = testRedis();
  await redis.ping();
  const bot = offlineBot<Context & { session: { n?: number } }>();
  bot.use(createFloodControl({ redis, prefix, points: 1000, durationSeconds: 10, logger: silentLogger(), onLimited: () => {} }));
  bot.use(createSessionMiddleware<{ n?: number }>({ redis, prefix, ttlSeconds: 600, logger: silentLogger(), onRoundTrip: () => { trips++; } }));
  bot.on("message", (ctx) => { ctx.session.n = (ctx.session.n ?? 0) + 1; });
  return { bot, redis };
}));
const monitor = await testRedis().monitor();
let monitored = 0;
monitor.on("monitor", (_t: string, args: string[], source: string) => {
  if (source !== "lua" && args.some((a) => a.includes(prefix))) monitored++;
});
const times: number[] = [];
const rounds = 10;
let updates = 0;
for (let r = 0; r < rounds; r++) {
  await Promise.all(Array.from({ length: 500 }, async (_, i) => {
    const t = performance.now();
    await procs[(i + r) % 2]!.bot.handleUpdate(textUpdate(900000 + i, "x"));
    times.push(performance.now() - t);
    updates++;
  }));
}
await new Promise((r) => setTimeout(r, 300));
times.sort((a, b) => a - b);
const q = (p: number) => times[Math.floor(times.length * p)]!.toFixed(1);
console.log({ updates, sessionTripsPerUpdate: trips / updates, allTripsPerUpdate: monitored / updates, p50: q(0.5), p99: q(0.99), max: q(0.999) });
await cleanPrefix(admin, prefix);
for (const c of [admin, monitor, ...procs.map((p) => p.redis)]) c.disconnect();

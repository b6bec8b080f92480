// The bot under test, in a process of its own so that its CPU time and memory are its own and not the
// emulator's or the simulated patients'. Built through the same composition root as production, with
// production logging (to /dev/null: the parent ignores stdout) and production flood limits; only the
// outgoing rate limits are opened wide, since the emulator is not Telegram and the sandbox is not 91160.
import { randomBytes } from "node:crypto";
import { monitorEventLoopDelay, PerformanceObserver } from "node:perf_hooks";
import type { Telegraf } from "telegraf";
import { startApp } from "../src/app.js";
import type { BotContext } from "../src/bot/context.js";
import type { UpdateObserver } from "../src/bot/middleware/update-log.js";
import { launchPolling } from "../src/bot/polling.js";
import { loadConfig } from "../src/config.js";
import type { CallEvent } from "../src/hospital/http.js";
import { createLogger } from "../src/observability/logger.js";
import { createBotApiTransport } from "../src/telegram/bot-api-transport.js";
import { createBareBot } from "./bare-bot.js";
import type { BotSpec, BotStats, FromBot, ProcessFigures, ToBot } from "./ipc.js";
import { createMeter, type Meter } from "./meter.js";

/** Wide open, so the benchmark measures the bot rather than the limits it is configured with. */
const HOSPITAL_LIMITS = { HOSPITAL_MAX_CONCURRENT: "1000", HOSPITAL_MAX_PER_SECOND: "10000" };

const MB = 1024 * 1024;

function send(message: FromBot): void {
  process.send?.(message);
}

function startProcessFigures(): { figures(): ProcessFigures; reset(): void } {
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  let gc = { count: 0, totalMs: 0, maxMs: 0 };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      gc.count++;
      gc.totalMs += entry.duration;
      gc.maxMs = Math.max(gc.maxMs, entry.duration);
    }
  }).observe({ entryTypes: ["gc"] });
  let cpu = process.cpuUsage();
  let since = performance.now();
  let base = process.memoryUsage();
  let peakRss = base.rss;
  let peakHeap = base.heapUsed;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 100);
  sampler.unref();
  return {
    figures() {
      const used = process.cpuUsage(cpu);
      return {
        cpuUserMs: used.user / 1000,
        cpuSystemMs: used.system / 1000,
        elapsedMs: performance.now() - since,
        peakRssMb: peakRss / MB,
        peakHeapUsedMb: peakHeap / MB,
        baseRssMb: base.rss / MB,
        baseHeapUsedMb: base.heapUsed / MB,
        loopDelayMs: {
          p50: loop.percentile(50) / 1e6,
          p99: loop.percentile(99) / 1e6,
          max: loop.max / 1e6,
        },
        gc: { ...gc },
      };
    },
    reset() {
      cpu = process.cpuUsage();
      since = performance.now();
      base = process.memoryUsage();
      peakRss = base.rss;
      peakHeap = base.heapUsed;
      loop.reset();
      gc = { count: 0, totalMs: 0, maxMs: 0 };
    },
  };
}

async function main(): Promise<void> {
  const spec = JSON.parse(process.env.BENCH_BOT_SPEC ?? "") as BotSpec;
  const config = loadConfig({
    BOT_TOKEN: spec.botToken,
    TELEGRAM_API_ROOT: spec.telegramApiRoot,
    HOSPITAL_API_URL: spec.hospitalUrl,
    HOSPITAL_APP_TOKEN: spec.hospitalAppToken,
    REDIS_URL: spec.redisUrl,
    REDIS_PREFIX: spec.prefix,
    LOG_LEVEL: "info",
    NODE_ENV: "production",
    // a production bot refuses to start without one; the benchmark's data lives for one run
    PATIENT_DATA_KEY: randomBytes(32).toString("base64"),
    ...HOSPITAL_LIMITS,
    TELEGRAM_GLOBAL_PER_SECOND: String(spec.telegramPerSecond),
    TELEGRAM_CHAT_PER_SECOND: String(spec.telegramPerSecond),
    TELEGRAM_CHAT_BURST: "1000",
  });
  const logger = createLogger({ level: config.logLevel, pretty: false });
  // The meter needs the bot, the bot needs the hooks: the hooks look the meter up when they fire.
  let meter: Meter | undefined;
  const onUpdate: UpdateObserver = (e) => meter?.onUpdate(e);
  const onHospitalCall = (e: CallEvent) => meter?.onHospitalCall(e);
  const onTelegramCall = (e: { ms: number }) => meter?.onTelegramCall(e);
  const onHospitalWait = (ms: number) => meter?.onHospitalWait(ms);
  const app = await startApp({
    config,
    logger,
    hooks: { onUpdate, onHospitalCall, onHospitalWait, onTelegramCall },
  });
  const bot: Telegraf<BotContext> =
    spec.kind === "ours"
      ? app.bot
      : createBareBot({
          token: spec.botToken,
          telegramApiRoot: spec.telegramApiRoot,
          deps: app.deps,
          onUpdate,
          transport: createBotApiTransport({ apiRoot: spec.telegramApiRoot, token: spec.botToken }),
          onTelegramCall,
        });
  // Batched, so telling the benchmark costs the bot a message per few milliseconds, not per update.
  let finished: number[] = [];
  const flush = () => {
    send({ type: "handled", ids: finished });
    finished = [];
  };
  const onHandled = (id: number) => {
    if (finished.length === 0) setTimeout(flush, 2);
    finished.push(id);
  };
  meter = createMeter({ bot, redis: app.redis, prefix: spec.prefix, onHandled, attribute: spec.attribute });
  const figures = startProcessFigures();
  const running = await launchPolling(bot, { batchGraceMs: config.pollBatchGraceMs });

  process.on("message", (raw: ToBot) => {
    void (async () => {
      switch (raw.type) {
        case "warm":
          // as if earlier patients had browsed these lists: the catalog is warm, schedules are not
          await app.catalog.cities();
          for (const unitId of new Set(raw.lists.map((l) => l.unitId))) await app.catalog.departments(unitId);
          for (const l of raw.lists) await app.catalog.doctors(l.unitId, l.depId);
          return send({ type: "warm" });
        case "forget":
          for (const d of raw.doctors) await app.catalog.invalidateSchedules(d.unitId, d.depId, d.doctorId);
          return send({ type: "forget" });
        case "reset":
          meter?.reset();
          figures.reset();
          return send({ type: "reset" });
        case "stats": {
          const snapshot = meter?.snapshot();
          if (!snapshot) throw new Error("the meter is not running");
          const stats: BotStats = { ...snapshot, process: figures.figures() };
          return send({ type: "stats", stats });
        }
        case "stop":
          await running.stop("benchmark over");
          await app.close();
          send({ type: "stop" });
          process.disconnect?.();
          return;
      }
    })().catch((e: unknown) => send({ type: "failed", message: e instanceof Error ? e.message : String(e) }));
  });
  send({ type: "ready" });
}

main().catch((e: unknown) => {
  send({ type: "failed", message: e instanceof Error ? e.message : String(e) });
  process.exitCode = 1;
  process.disconnect?.();
});

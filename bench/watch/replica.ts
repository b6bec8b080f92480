// One bot replica of the watch benchmark: the production service (webhook mode, metrics, jobs) built by
// startService, on the benchmark's Redis prefix, sandbox and emulator. It records what its watch engine
// did (offers sent, seen→notified) and its own CPU, and answers the benchmark's requests.
import { loadConfig } from "../../src/config.js";
import { createLogger } from "../../src/observability/logger.js";
import { startService } from "../../src/service.js";
import { targetIdOf } from "../../src/watch/watch.js";
import type { FromReplica, OfferEvent, ReplicaSpec, ReplicaStats, ToReplica } from "./ipc.js";

function send(m: FromReplica): void {
  process.send?.(m);
}

async function main(): Promise<void> {
  const spec = JSON.parse(process.env.BENCH_WATCH_SPEC ?? "") as ReplicaSpec;
  const now = () => new Date(Date.now() + spec.clockOffsetMs);
  const config = loadConfig({
    BOT_TOKEN: spec.botToken,
    TELEGRAM_API_ROOT: spec.telegramApiRoot,
    HOSPITAL_API_URL: spec.hospitalUrl,
    HOSPITAL_APP_TOKEN: spec.hospitalAppToken,
    REDIS_URL: spec.redisUrl,
    REDIS_PREFIX: spec.prefix,
    WEBHOOK_URL: spec.webhookUrl,
    WEBHOOK_SECRET: spec.webhookSecret,
    PORT: "0",
    NODE_ENV: "production",
    LOG_LEVEL: "warn",
    HOSPITAL_MAX_CONCURRENT: "50",
    HOSPITAL_MAX_PER_SECOND: "1000",
    TELEGRAM_GLOBAL_PER_SECOND: "100000",
    TELEGRAM_CHAT_PER_SECOND: "1000",
    ...spec.watchEnv,
  });
  const logger = createLogger({ level: config.logLevel, pretty: false });
  const offers: OfferEvent[] = [];
  const seen: number[] = [];
  let polls: Record<string, number> = {};
  const hold = config.watch.holdSeconds * 1000;
  const service = await startService({
    config,
    logger,
    now,
    host: "127.0.0.1",
    hooks: {
      watch: {
        onOfferSent: (e) => {
          const t = e.watch.target;
          offers.push({
            tid: e.tid,
            scheduleId: e.scheduleId,
            n: e.n,
            watchId: e.watch.id,
            userId: e.watch.userId,
            decidedAt: e.until - hold,
            first: e.first,
            date: e.date,
            period: e.period,
            doctorId: e.doctorId ?? (t.kind === "doctor" ? t.doctorId : ""),
            replica: spec.index,
          });
        },
        onSeenToNotified: (s) => void seen.push(s),
        onPoll: (outcome) => {
          polls[outcome] = (polls[outcome] ?? 0) + 1;
        },
      },
    },
  });
  let cpu = process.cpuUsage();
  let since = performance.now();

  process.on("message", (raw: ToReplica) => {
    void (async () => {
      switch (raw.type) {
        case "create": {
          const made = [];
          for (const w of raw.watches) {
            const r = await service.app.watches.create({
              ...w,
              chatId: w.userId,
              lang: w.userId % 2 ? "zh" : "en",
            });
            if (r.kind !== "created") throw new Error(`watch refused: ${r.kind}`);
            const x = r.watch;
            made.push({
              id: x.id,
              userId: x.userId,
              tid: targetIdOf(x.target),
              from: x.from,
              to: x.to,
              periods: x.periods,
              createdAt: x.createdAt,
            });
          }
          return send({ type: "created", watches: made });
        }
        case "reset":
          // offers and seen→notified are kept from the first watch on: the judge needs all of them
          polls = {};
          cpu = process.cpuUsage();
          since = performance.now();
          return send({ type: "reset" });
        case "stats": {
          const used = process.cpuUsage(cpu);
          const stats: ReplicaStats = {
            offers,
            seenToNotifiedSeconds: seen,
            polls,
            cpuUserMs: used.user / 1000,
            cpuSystemMs: used.system / 1000,
            elapsedMs: performance.now() - since,
            rssMb: process.memoryUsage().rss / 1024 / 1024,
          };
          return send({ type: "stats", stats });
        }
        case "stop":
          await service.stop("benchmark over");
          send({ type: "stop" });
          process.disconnect?.();
          return;
      }
    })().catch((e: unknown) => send({ type: "failed", message: e instanceof Error ? e.message : String(e) }));
  });
  send({ type: "ready", port: service.http.port });
}

main().catch((e: unknown) => {
  send({ type: "failed", message: e instanceof Error ? e.message : String(e) });
  process.exitCode = 1;
  process.disconnect?.();
});

// `npm run bench:watch`: three bot replicas in webhook mode on one Redis, 10,000 watches over 1,000
// targets (a fifth of them whole departments), the sandbox freeing places at random and running a daily
// release. Prints the hospital calls per minute by endpoint next to what one poll per watch would cost,
// seen→notified p50/p99, unfair and duplicate notifications, Redis memory per watch and CPU per
// process; exits 1 on any unfair or duplicate notification.
import { type ChildProcess, fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { Redis } from "ioredis";
import { type Sandbox, startSandbox } from "../../src/sandbox/server.js";
import { startTelegramEmulator } from "../../src/telegram-emulator/server.js";
import { chinaToday, chinaWallClockToInstant } from "../../src/time/china-time.js";
import { DAY_CHOICES, SESSION_CHOICES, type WatchTarget } from "../../src/watch/watch.js";
import { percentile } from "../stats.js";
import type { CreatedWatch, FromReplica, ReplicaSpec, ReplicaStats, ToReplica, WatchRequest } from "./ipc.js";
import { doctorsOf, pickTargets } from "./targets.js";
import { verify } from "./verify.js";

const USAGE = `usage: npm run bench:watch -- [--quick] [--watches N] [--targets N] [--seconds S] [--interval S]
  --quick      2,000 watches over 200 targets for 60 s (a smoke run)
  --watches    watches in all (default 10000), spread over --targets targets (default 1000)
  --seconds    how long the replicas run after the watches are set (default 120)
  --interval   WATCH_INTERVAL_SECONDS of the replicas (default 30; production's default is 120)`;

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const REPLICAS = 3;
const HOLD_SECONDS = 20;
const WEBHOOK = { url: "https://bot.example.com/telegram/hook", secret: "bench_watch_secret" };
const ENTRY = fileURLToPath(new URL("./replica.ts", import.meta.url));

function options() {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      quick: { type: "boolean", default: false },
      watches: { type: "string" },
      targets: { type: "string" },
      seconds: { type: "string" },
      interval: { type: "string", default: "30" },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const num = (v: string | undefined, fallback: number) => {
    const n = v === undefined ? fallback : Number(v);
    if (!Number.isInteger(n) || n <= 0) {
      process.stderr.write(`${USAGE}\n`);
      process.exit(2);
    }
    return n;
  };
  return {
    watches: num(values.watches, values.quick ? 2_000 : 10_000),
    targets: num(values.targets, values.quick ? 200 : 1_000),
    seconds: num(values.seconds, values.quick ? 60 : 120),
    interval: num(values.interval, 30),
  };
}

interface Replica {
  child: ChildProcess;
  port: number;
  request<T extends FromReplica["type"]>(m: ToReplica, answer: T): Promise<Extract<FromReplica, { type: T }>>;
}

async function startReplica(spec: ReplicaSpec): Promise<Replica> {
  const child = fork(ENTRY, [], {
    execArgv: ["--import", "tsx"],
    env: { ...process.env, BENCH_WATCH_SPEC: JSON.stringify(spec) },
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
  let waiting: { type: string; resolve(m: FromReplica): void; reject(e: Error): void } | undefined;
  child.on("message", (m: FromReplica) => {
    if (m.type === "failed") {
      waiting?.reject(new Error(`replica ${spec.index}: ${m.message}`));
      waiting = undefined;
    } else if (waiting?.type === m.type) {
      waiting.resolve(m);
      waiting = undefined;
    }
  });
  child.on("exit", (code) => waiting?.reject(new Error(`replica ${spec.index} exited (${code})`)));
  const next = (type: string) =>
    new Promise<FromReplica>((resolve, reject) => {
      waiting = { type, resolve, reject };
    });
  const ready = await next("ready");
  const port = ready.type === "ready" ? ready.port : 0;
  return {
    child,
    port,
    async request(m, answer) {
      const reply = next(answer);
      child.send(m);
      return (await reply) as Extract<FromReplica, { type: typeof answer }>;
    },
  };
}

/** Keys that exist per watch (its record, its queue place, its sent markers and offers), and the rest. */
const PER_WATCH = /^(watches:|watch:q:|watch-sent:|watch-offer:|watch-booking:|watch-blocked:)/;

async function redisBytes(redis: Redis, prefix: string): Promise<{ perWatch: number; perTarget: number }> {
  let cursor = "0";
  const out = { perWatch: 0, perTarget: 0 };
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 1000);
    cursor = next;
    const pipe = redis.pipeline();
    for (const k of keys) pipe.memory("USAGE", k);
    const sizes = (await pipe.exec()) ?? [];
    keys.forEach((k, i) => {
      const v = sizes[i]?.[1];
      const bytes = typeof v === "number" ? v : 0;
      if (PER_WATCH.test(k.slice(prefix.length))) out.perWatch += bytes;
      else out.perTarget += bytes;
    });
  } while (cursor !== "0");
  return out;
}

/** Every session of the watched doctors booked out: people watch full doctors. The day each hospital
 * releases next is not open yet, so it comes with its places at the release. */
function fillUp(sandbox: Sandbox, doctorIds: number[], now: () => Date): void {
  for (const id of doctorIds) {
    const doctor = sandbox.world.doctor(id);
    const hospital = doctor && sandbox.world.hospital(doctor.unitId);
    if (!doctor || !hospital) continue;
    for (const date of sandbox.world.openDates(hospital, now())) {
      for (const s of sandbox.world.schedulesFor(doctor, date))
        for (const slot of s.slots) sandbox.takeSlot(slot.resourceId);
    }
  }
}

async function clean(redis: Redis, prefix: string): Promise<void> {
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 1000);
    cursor = next;
    if (keys.length > 0) await redis.del(...keys);
  } while (cursor !== "0");
}

const PATHS = {
  scheduleList: "/appointment/scheduleList",
  resourceList: "/appointment/resourceList",
  doctorList: "/basicInfo/doctorList",
  depList: "/basicInfo/depList",
  unitList: "/basicInfo/unitList",
};

async function main(): Promise<void> {
  const o = options();
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1, lazyConnect: true });
  await redis.connect().catch(() => {
    process.stderr.write(`Redis does not answer at ${REDIS_URL}: start it or set REDIS_URL\n`);
    process.exit(2);
  });
  const prefix = `bench-watch:${process.pid}:`;
  // the clock starts before 08:00 China time, so that the hospitals releasing then do so mid-run
  const release = chinaWallClockToInstant(`${chinaToday(new Date())} 08:00:00`).getTime();
  const lead = (o.watches / 400 + Math.min(60, o.seconds / 2)) * 1000;
  const clockOffsetMs = release - lead - Date.now();
  const now = () => new Date(Date.now() + clockOffsetMs);
  const sandbox = await startSandbox({ now });
  let webhookPort = 0;
  const emulator = await startTelegramEmulator({
    webhookTarget: (url) => url.replace("https://bot.example.com", `http://127.0.0.1:${webhookPort}`),
  });
  const targets = pickTargets(sandbox, o.targets);
  const doctorCalls = targets.map((t) => doctorsOf(sandbox, t).length);
  const callsPerRound = doctorCalls.reduce((a, b) => a + b, 0);
  const releasing = targets
    .flatMap((t) => doctorsOf(sandbox, t))
    .filter((id) => sandbox.world.hospital(sandbox.world.doctor(id)?.unitId ?? 0)?.openMinute === 480).length;
  const watchEnv = {
    WATCH_INTERVAL_SECONDS: String(o.interval),
    WATCH_RELEASE_INTERVAL_SECONDS: "10",
    WATCH_RELEASE_WINDOW_MINUTES: "3",
    WATCH_HOLD_SECONDS: String(HOLD_SECONDS),
    // room for every target once per interval plus the release bursts: the budget is not what is measured
    WATCH_MAX_CALLS_PER_MINUTE: String(Math.ceil((callsPerRound * 60) / o.interval) * 4),
  };
  process.stdout.write(
    `watch benchmark: ${REPLICAS} replicas (webhook mode), ${o.watches} watches over ${targets.length} targets ` +
      `(${targets.filter((t) => t.kind === "department").length} departments), ${o.seconds} s, interval ${o.interval} s\n` +
      `  ${callsPerRound} doctors polled per round, ${releasing} of them in hospitals releasing at 08:00\n`,
  );
  const replicas: Replica[] = [];
  try {
    for (let index = 0; index < REPLICAS; index++) {
      replicas.push(
        await startReplica({
          index,
          botToken: emulator.token,
          telegramApiRoot: emulator.apiRoot,
          hospitalUrl: sandbox.url,
          hospitalAppToken: sandbox.appToken,
          redisUrl: REDIS_URL,
          prefix,
          webhookUrl: WEBHOOK.url,
          webhookSecret: WEBHOOK.secret,
          clockOffsetMs,
          watchEnv,
        }),
      );
    }
    webhookPort = replicas[0]?.port ?? 0;
    const watchedDoctors = [...new Set(targets.flatMap((t) => doctorsOf(sandbox, t)))];
    fillUp(sandbox, watchedDoctors, now);

    // every third watch set through each replica, as patients behind a load balancer would
    const requests: WatchRequest[] = Array.from({ length: o.watches }, (_, i) => ({
      userId: 1_000_000 + i,
      target: targets[i % targets.length] as WatchTarget,
      days: DAY_CHOICES[i % DAY_CHOICES.length] ?? "window",
      sessions: SESSION_CHOICES[(i >> 2) % SESSION_CHOICES.length] ?? "any",
    }));
    // each patient has started a chat with the bot (Telegram refuses messages to anyone else)
    for (const r of requests) emulator.user(r.userId, { languageCode: r.userId % 2 ? "zh-hans" : "en" });
    const setStarted = performance.now();
    const created: CreatedWatch[] = [];
    const CHUNK = 250;
    for (let i = 0; i < requests.length; i += CHUNK * REPLICAS) {
      const rounds = replicas.map((r, k) =>
        r.request({ type: "create", watches: requests.slice(i + k * CHUNK, i + (k + 1) * CHUNK) }, "created"),
      );
      for (const made of await Promise.all(rounds)) created.push(...made.watches);
    }
    const setSeconds = (performance.now() - setStarted) / 1000;
    process.stdout.write(`  ${created.length} watches set in ${setSeconds.toFixed(1)} s\n`);

    // from now on: random cancellations among the watched doctors, and the 08:00 release
    await Promise.all(replicas.map((r) => r.request({ type: "reset" }, "reset")));
    sandbox.knobs.freePlacesAmong = watchedDoctors;
    sandbox.knobs.freePlacesPerMinute = Math.max(30, Math.round(targets.length / 5));
    const countsBefore = Object.fromEntries(
      Object.entries(PATHS).map(([k, p]) => [k, sandbox.requestCount(p)]),
    );
    const freedBefore = sandbox.freedPlaces().length;
    const runStarted = performance.now();
    for (let s = 10; s <= o.seconds; s += 10) {
      await new Promise((r) => setTimeout(r, 10_000));
      const calls = sandbox.requestCount(PATHS.scheduleList) - (countsBefore.scheduleList ?? 0);
      process.stdout.write(
        `  ${s} s: ${calls} schedule polls, ${emulator.calls("sendMessage").length} messages\n`,
      );
    }
    const minutes = (performance.now() - runStarted) / 60_000;
    // counted before the replicas report, so every message counted is in some replica's report
    const sentMessages = emulator.calls("sendMessage").filter((c) => !c.error).length;
    const stats: ReplicaStats[] = [];
    for (const r of replicas) stats.push((await r.request({ type: "stats" }, "stats")).stats);
    const memory = await redisBytes(redis, prefix);

    const offers = stats.flatMap((s) => s.offers);
    const releasedDay = (unitId: number) => {
      const h = sandbox.world.hospital(unitId);
      return h && h.openMinute === 480 ? sandbox.world.openDates(h, now()).at(-1) : undefined;
    };
    const fromRelease = offers.filter((x) => {
      const d = sandbox.world.doctor(Number(x.doctorId));
      return d !== undefined && x.date === releasedDay(d.unitId);
    }).length;
    const verdict = verify(offers, created, HOLD_SECONDS * 1000);
    const seen = stats.flatMap((s) => s.seenToNotifiedSeconds);
    const perMinute = (k: keyof typeof PATHS) =>
      (sandbox.requestCount(PATHS[k]) - (countsBefore[k] ?? 0)) / minutes;
    const perWatchCalls = requests.reduce((n, w) => n + doctorsOf(sandbox, w.target).length, 0);
    const naivePerMinute = (perWatchCalls * 60) / o.interval;
    const polls: Record<string, number> = {};
    for (const s of stats) for (const [k, v] of Object.entries(s.polls)) polls[k] = (polls[k] ?? 0) + v;

    const lines = [
      "",
      `hospital calls per minute, ${o.watches} watches            measured        one poll per watch`,
      `  scheduleList                                   ${perMinute("scheduleList").toFixed(0).padStart(8)}        ${naivePerMinute.toFixed(0)}`,
      `  resourceList (times for the offer)             ${perMinute("resourceList").toFixed(0).padStart(8)}`,
      `  doctorList / depList / unitList                ${[perMinute("doctorList"), perMinute("depList"), perMinute("unitList")].map((x) => x.toFixed(1)).join(" / ")}`,
      `  per target and interval (scheduleList)         ${((perMinute("scheduleList") * o.interval) / 60 / callsPerRound).toFixed(2)} × the target's doctors`,
      `watch polls by outcome                           ${Object.entries(polls)
        .map(([k, v]) => `${k} ${v}`)
        .join(", ")}`,
      `places freed                                     ${sandbox.freedPlaces().length - freedBefore} cancellations, and the 08:00 release (${fromRelease} offers of released days)`,
      `offers sent                                      ${offers.length} (first offers of a place ${offers.filter((x) => x.first).length}), messages ${sentMessages}`,
      `seen → notified p50 / p99                        ${percentile(seen, 50).toFixed(3)} / ${percentile(seen, 99).toFixed(3)} s after the poll that saw the place (${seen.length} places told at once)`,
      `unfair notifications                             ${verdict.unfair}`,
      `duplicate notifications                          ${verdict.duplicates}`,
      `Redis memory per watch                           ${(memory.perWatch / o.watches).toFixed(0)} B (record, queue place, sent markers, offers)`,
      `  per target, shared by its watchers             ${(memory.perTarget / targets.length / 1024).toFixed(1)} KB (snapshots, offer state, jobs); ${((memory.perWatch + memory.perTarget) / o.watches).toFixed(0)} B per watch in all`,
      ...stats.map(
        (s, i) =>
          `CPU, replica ${i + 1}                                  ${(((s.cpuUserMs + s.cpuSystemMs) / s.elapsedMs) * 100).toFixed(1)}% of a core (${((s.cpuUserMs + s.cpuSystemMs) / 1000).toFixed(1)} s in ${(s.elapsedMs / 1000).toFixed(0)} s), RSS ${s.rssMb.toFixed(0)} MB`,
      ),
      `watches set                                      ${(created.length / setSeconds).toFixed(0)} per second through ${REPLICAS} replicas`,
      ...verdict.examples.map((e) => `  ${e}`),
    ];
    process.stdout.write(`${lines.join("\n")}\n`);
    process.exitCode = verdict.unfair > 0 || verdict.duplicates > 0 ? 1 : 0;
  } finally {
    await Promise.allSettled(replicas.map((r) => r.request({ type: "stop" }, "stop")));
    for (const r of replicas) if (r.child.exitCode === null) r.child.kill("SIGKILL");
    await clean(redis, prefix);
    await redis.quit();
    await emulator.close();
    await sandbox.close();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`bench:watch failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});

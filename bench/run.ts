// One measured run: a fresh sandbox hospital and Telegram emulator, the bot in its own process on a Redis
// prefix of its own, the catalog warmed, then every patient at once. Everything started here is stopped
// and the prefix's keys are deleted, whatever happens.
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { type Sandbox, startSandbox } from "../src/sandbox/server.js";
import { startTelegramEmulator } from "../src/telegram-emulator/server.js";
import type { TelegramEmulator } from "../src/telegram-emulator/types.js";
import type { BenchArgs } from "./args.js";
import { type BotChild, startBotChild } from "./bot-child.js";
import type { BotKind, BotStats } from "./ipc.js";
import { drivePatient, type PatientResult } from "./patient.js";
import { type Plan, planRun } from "./plan.js";
import { type Integrity, verifyRun } from "./verify.js";

export interface RunResult {
  kind: BotKind;
  /** whether each update was charged its hospital, Telegram and Redis time (see meter.ts) */
  attributed: boolean;
  patients: number;
  latencyMs: number;
  thinkMs: number;
  arrivalMs: number;
  noThrottle: boolean;
  wallMs: number;
  /** CPU time of this process (emulator, sandbox, patients) during the run */
  driverCpuMs: number;
  stats: BotStats;
  results: PatientResult[];
  integrity: Integrity;
  plan: Plan;
}

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
/** outgoing Telegram limits far above what the emulator can take, so they never make a call wait */
export const TELEGRAM_PER_SECOND = 100_000;
/** a turn of a patient queued behind 2,000 others, each on a slow hospital, may take a while */
const TURN_TIMEOUT_MS = 120_000;
/** patients who warm the bot's code before the measured run (see rehearse) */
const REHEARSAL_PATIENTS = 100;
/** their Telegram ids lie apart from the measured patients' */
const REHEARSAL_USER_OFFSET = 1_000_000;

export async function runOnce(kind: BotKind, args: BenchArgs, attribute: boolean): Promise<RunResult> {
  const prefix = `bench:${kind}:${randomBytes(4).toString("hex")}:`;
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  let sandbox: Sandbox | undefined;
  let emulator: TelegramEmulator | undefined;
  let bot: BotChild | undefined;
  try {
    sandbox = await startSandbox({ seed: args.seed });
    const emu = await startTelegramEmulator({ turnTimeoutMs: TURN_TIMEOUT_MS });
    emulator = emu;
    const plan = planRun(sandbox.world, args.patients, args.contested, new Date());
    const child = await startBotChild(
      {
        kind,
        botToken: emu.token,
        telegramApiRoot: emu.apiRoot,
        hospitalUrl: sandbox.url,
        hospitalAppToken: sandbox.appToken,
        redisUrl: REDIS_URL,
        prefix,
        telegramPerSecond: args.noThrottle ? 0 : TELEGRAM_PER_SECOND,
        attribute,
      },
      { profileDir: args.profileDir },
    );
    bot = child;
    await child.warm(plan.patients.map((p) => ({ unitId: p.unitId, depId: p.depId })));
    await rehearse(
      emu,
      child,
      planRun(sandbox.world, Math.min(REHEARSAL_PATIENTS, args.patients), 0, new Date()),
    );
    sandbox.knobs.latencyMs = args.latencyMs;
    await child.reset();
    const started = performance.now();
    const cpu = process.cpuUsage();
    const results = await Promise.all(
      plan.patients.map((p) =>
        drivePatient(emu.user(p.userId, { languageCode: "zh-hans", firstName: `患者${p.index}` }), p, {
          thinkMs: args.thinkMs,
          // evenly, in the plan's order: the scarce sessions' contenders arrive among the others
          arriveAfterMs: (args.arrivalMs * p.index) / plan.patients.length,
          handled: (id) => child.handled(id),
        }),
      ),
    );
    const wallMs = performance.now() - started;
    const used = process.cpuUsage(cpu);
    const driverCpuMs = (used.user + used.system) / 1000;
    const stats = await child.stats();
    await child.stop();
    bot = undefined;
    const integrity = await verifyRun({ plan, results, orders: sandbox.orders(), redis, prefix });
    return {
      kind,
      attributed: attribute,
      patients: args.patients,
      latencyMs: args.latencyMs,
      thinkMs: args.thinkMs,
      arrivalMs: args.arrivalMs,
      noThrottle: args.noThrottle,
      wallMs,
      driverCpuMs,
      stats,
      results,
      integrity,
      plan,
    };
  } finally {
    bot?.kill();
    await emulator?.close().catch(() => {});
    await sandbox?.close().catch(() => {});
    await deletePrefix(redis, prefix).catch(() => {});
    redis.disconnect();
  }
}

/**
 * A bot that has run for a while has its code compiled; a fresh process spends the first second or two
 * compiling, which in a run of a few seconds would be most of what is measured. So other patients first
 * go through the whole conversation up to the summary and cancel there: no place is taken, and the
 * schedules they looked at are dropped again, so the measured patients find what a cold start would.
 */
async function rehearse(emu: TelegramEmulator, child: BotChild, plan: Plan): Promise<void> {
  const results = await Promise.all(
    plan.patients.map((p) =>
      drivePatient(
        emu.user(REHEARSAL_USER_OFFSET + p.userId, { languageCode: "zh-hans", firstName: `预演${p.index}` }),
        p,
        { thinkMs: 0, arriveAfterMs: 0, rehearsal: true, handled: (id) => child.handled(id) },
      ),
    ),
  );
  const failed = results.find((r) => r.outcome.kind !== "rehearsed");
  if (failed) throw new Error(`the rehearsal went wrong: ${JSON.stringify(failed.outcome)}`);
  await child.forget(plan.patients.map(({ unitId, depId, doctorId }) => ({ unitId, depId, doctorId })));
}

async function deletePrefix(redis: Redis, prefix: string): Promise<void> {
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 1000);
    cursor = next;
    if (keys.length > 0) await redis.unlink(...keys);
  } while (cursor !== "0");
}

// What the benchmark and its bot process say to each other over the child-process channel: one request
// at a time, each answered by a message of the same type.
import type { MeterSnapshot } from "./meter.js";

export type BotKind = "ours" | "bare";

/** Handed to the bot process in its environment (BENCH_BOT_SPEC) as JSON. */
export interface BotSpec {
  kind: BotKind;
  botToken: string;
  telegramApiRoot: string;
  hospitalUrl: string;
  hospitalAppToken: string;
  redisUrl: string;
  prefix: string;
  /** TELEGRAM_GLOBAL_PER_SECOND and TELEGRAM_CHAT_PER_SECOND: high, or 0 for no limits at all */
  telegramPerSecond: number;
  /** charge hospital, Telegram and Redis time to each update (costs CPU: see meter.ts) */
  attribute: boolean;
}

export interface ProcessFigures {
  cpuUserMs: number;
  cpuSystemMs: number;
  /** since the last reset */
  elapsedMs: number;
  /** sampled every 100 ms since the last reset */
  peakRssMb: number;
  peakHeapUsedMb: number;
  /** at the last reset: the process with its catalog warm and no patient yet */
  baseRssMb: number;
  baseHeapUsedMb: number;
  /** how late the event loop ran a timer: time an update in hand waits behind synchronous work */
  loopDelayMs: { p50: number; p99: number; max: number };
  /** garbage-collection pauses: how many, their total, and the longest */
  gc: { count: number; totalMs: number; maxMs: number };
}

export interface BotStats extends MeterSnapshot {
  process: ProcessFigures;
}

export type ToBot =
  | { type: "warm"; lists: Array<{ unitId: string; depId: string }> }
  /** drop these doctors' cached schedules, which the rehearsal filled */
  | { type: "forget"; doctors: Array<{ unitId: string; depId: string; doctorId: string }> }
  | { type: "reset" }
  | { type: "stats" }
  | { type: "stop" };

export type FromBot =
  | { type: "ready" }
  | { type: "warm" }
  | { type: "forget" }
  | { type: "reset" }
  | { type: "stats"; stats: BotStats }
  | { type: "stop" }
  | { type: "failed"; message: string }
  /** unasked, a few milliseconds apart: the updates the bot has finished since the last such message */
  | { type: "handled"; ids: number[] };

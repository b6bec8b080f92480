// What the watch benchmark and its bot replicas say to each other over the child-process channel.
import type { Period } from "../../src/hospital/types.js";
import type { DayChoice, SessionChoice, WatchTarget } from "../../src/watch/watch.js";

export interface ReplicaSpec {
  index: number;
  botToken: string;
  telegramApiRoot: string;
  hospitalUrl: string;
  hospitalAppToken: string;
  redisUrl: string;
  prefix: string;
  webhookUrl: string;
  webhookSecret: string;
  /** added to the real clock, the same in every process and in the sandbox (to meet a release) */
  clockOffsetMs: number;
  watchEnv: Record<string, string>;
}

export interface WatchRequest {
  userId: number;
  target: WatchTarget;
  days: DayChoice;
  sessions: SessionChoice;
}

export interface CreatedWatch {
  id: string;
  userId: number;
  tid: string;
  from: string;
  to: string;
  periods: Period[];
  createdAt: number;
}

/** one offer message sent, as the replica saw it */
export interface OfferEvent {
  tid: string;
  scheduleId: string;
  n: number;
  watchId: string;
  userId: number;
  /** ms, app clock: when the queue decided (the hold started) */
  decidedAt: number;
  first: boolean;
  date: string;
  period: Period;
  doctorId: string;
  replica: number;
}

export interface ReplicaStats {
  offers: OfferEvent[];
  seenToNotifiedSeconds: number[];
  polls: Record<string, number>;
  cpuUserMs: number;
  cpuSystemMs: number;
  elapsedMs: number;
  rssMb: number;
}

export type ToReplica =
  | { type: "create"; watches: WatchRequest[] }
  | { type: "reset" }
  | { type: "stats" }
  | { type: "stop" };

export type FromReplica =
  | { type: "ready"; port: number }
  | { type: "created"; watches: CreatedWatch[] }
  | { type: "reset" }
  | { type: "stats"; stats: ReplicaStats }
  | { type: "stop" }
  | { type: "failed"; message: string };

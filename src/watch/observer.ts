// What the watch engine reports as it works: polls, offers, notifications and how late they were, for
// the metrics (src/observability/metrics.ts), the benchmark and the demo.
import type { Period } from "../hospital/types.js";
import type { AutoBookResult } from "./auto-book.js";
import type { NotifyOutcome } from "./notify.js";
import type { EndedHold } from "./offer-queue.js";
import type { Watch } from "./watch.js";

export type PollOutcome = "ok" | "failed" | "rate_limited" | "budget_wait" | "paused";
export type OfferOutcome = "offered" | EndedHold["outcome"];

/** What the engine reports, for metrics and the benchmark. */
export interface WatchObserver {
  onPoll?(outcome: PollOutcome, calls: number): void;
  onNotify?(kind: "offer" | "ended", outcome: NotifyOutcome): void;
  onOffer?(outcome: OfferOutcome): void;
  /** seconds from a poll seeing a place free to its first watcher being told, when that poll told them */
  onSeenToNotified?(seconds: number): void;
  /** every notification of an offer sent, in the order sent (the benchmark checks fairness with it) */
  onOfferSent?(e: {
    tid: string;
    scheduleId: string;
    n: number;
    watch: Watch;
    first: boolean;
    /** ms, app clock: when the hold ends (it began when the queue decided) */
    until: number;
    date: string;
    period: Period;
    doctorId: string;
  }): void;
  /** a watch that books by itself acted on an offer (auto-book.ts) */
  onAutoBook?(result: AutoBookResult): void;
  /** a patient set (or changed) a watch */
  onWatchSet?(watch: Watch): void;
}

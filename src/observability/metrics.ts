// Prometheus metrics, fed by the composition root's hooks (AppHooks). Each call makes its own registry,
// so tests and several bots in one process never share counters.
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { CancelOutcome } from "../bookings/cancel-booking.js";
import type { PlaceOutcome } from "../bookings/place-order.js";
import type { UpdateObserver } from "../bot/middleware/update-log.js";
import type { CallEvent } from "../hospital/http.js";
import type { AftercareEvent } from "../reminders/aftercare.js";
import type { RoundTrip } from "../session/chat-lock.js";
import type { TelegramCallEvent } from "../telegram/outgoing-calls.js";
import type { WatchObserver } from "../watch/engine.js";
import { createRecentChats } from "./recent-chats.js";

export const ACTIVE_WINDOW_MS = 15 * 60_000;

export interface MetricsHooks {
  onUpdate: UpdateObserver;
  onHospitalCall: (e: CallEvent) => void;
  onRoundTrip: (op: RoundTrip | "flood") => void;
  onOrder: (kind: PlaceOutcome["kind"]) => void;
  onCancel: (kind: CancelOutcome["kind"]) => void;
  onTelegramCall: (e: TelegramCallEvent) => void;
  onAftercare: (e: AftercareEvent) => void;
  watch: WatchObserver;
}

/** what the watch gauges read when scraped (all processes share it through Redis) */
export type WatchStatsSource = () => Promise<{
  active: number;
  targets: number;
  lastSuccess: number | undefined;
}>;

export interface Metrics {
  registry: Registry;
  hooks: MetricsHooks;
  /** where the watch gauges come from, once the app is built */
  watchStats(source: WatchStatsSource): void;
  /** the Prometheus text exposition */
  render(): Promise<string>;
  contentType: string;
}

/** seconds: a tap is answered in tens of milliseconds, an order may wait on the hospital for 20 s */
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 40];

export function createMetrics(opts: { now?: () => number; defaultMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (opts.defaultMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: "hbot_" });
  const registers = [registry];

  const updates = new Counter({
    name: "hbot_updates_total",
    help: "Telegram updates handled, by kind and outcome",
    labelNames: ["kind", "outcome"] as const,
    registers,
  });
  const updateSeconds = new Histogram({
    name: "hbot_update_duration_seconds",
    help: "Time to handle one update, lock to reply",
    labelNames: ["kind"] as const,
    buckets: BUCKETS,
    registers,
  });
  const hospitalCalls = new Counter({
    name: "hbot_hospital_calls_total",
    help: "HTTP attempts to the hospital API, by endpoint and outcome (ok, the API's error code, timeout, …)",
    labelNames: ["endpoint", "outcome"] as const,
    registers,
  });
  const hospitalSeconds = new Histogram({
    name: "hbot_hospital_call_duration_seconds",
    help: "Latency of one HTTP attempt to the hospital API",
    labelNames: ["endpoint"] as const,
    buckets: BUCKETS,
    registers,
  });
  const orders = new Counter({
    name: "hbot_orders_total",
    help: "Order attempts by outcome: placed, already, slot_taken, refused, unavailable, unknown",
    labelNames: ["outcome"] as const,
    registers,
  });
  const cancellations = new Counter({
    name: "hbot_cancellations_total",
    help: "Cancellation attempts by outcome: cancelled, too_late, refused, unavailable, …",
    labelNames: ["outcome"] as const,
    registers,
  });
  const redisTrips = new Counter({
    name: "hbot_redis_round_trips_total",
    help: "Redis round trips made while handling updates, by operation",
    labelNames: ["op"] as const,
    registers,
  });
  const telegramCalls = new Counter({
    name: "hbot_telegram_calls_total",
    help: "Calls to the Telegram Bot API by method and outcome (ok or Telegram's error code)",
    labelNames: ["method", "outcome"] as const,
    registers,
  });
  const aftercare = new Counter({
    name: "hbot_aftercare_total",
    help: "Reminders and stop-clinic alerts (sent, blocked) and stop-clinic checks (listed, missing, confirmed, cleared, no_answer)",
    labelNames: ["kind", "outcome"] as const,
    registers,
  });
  const watchPolls = new Counter({
    name: "hbot_watch_polls_total",
    help: "Watch polls by outcome: ok, failed, rate_limited (all polling paused), budget_wait, paused",
    labelNames: ["outcome"] as const,
    registers,
  });
  const watchNotices = new Counter({
    name: "hbot_watch_notifications_total",
    help: "Watch messages to patients by kind (offer, ended) and outcome (sent, blocked, failed)",
    labelNames: ["kind", "outcome"] as const,
    registers,
  });
  const watchOffers = new Counter({
    name: "hbot_watch_offers_total",
    help: "Offers of a freed place by outcome: offered, booked, passed (passed on), expired, taken",
    labelNames: ["outcome"] as const,
    registers,
  });
  const seenToNotified = new Histogram({
    name: "hbot_watch_seen_to_notified_seconds",
    help: "From a poll seeing a place free to the message telling its first watcher, sent by that poll",
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30],
    registers,
  });
  let watchSource: WatchStatsSource | undefined;
  let watchSnapshot: Awaited<ReturnType<WatchStatsSource>> | undefined;
  const readWatches = async () => {
    watchSnapshot = watchSource ? await watchSource().catch(() => watchSnapshot) : undefined;
    return watchSnapshot;
  };
  new Gauge({
    name: "hbot_watch_active",
    help: "Active watches, all processes together",
    registers,
    async collect() {
      this.set((await readWatches())?.active ?? 0);
    },
  });
  new Gauge({
    name: "hbot_watch_targets",
    help: "Doctors and departments being polled for watches",
    registers,
    async collect() {
      this.set(watchSnapshot?.targets ?? (await readWatches())?.targets ?? 0);
    },
  });
  new Gauge({
    name: "hbot_watch_last_poll_age_seconds",
    help: "Seconds since the last successful watch poll of any target (alert when it grows: polling stalled)",
    registers,
    async collect() {
      const last = (await readWatches())?.lastSuccess;
      this.set(last === undefined ? -1 : Math.max(0, ((opts.now?.() ?? Date.now()) - last) / 1000));
    },
  });
  const recent = createRecentChats(ACTIVE_WINDOW_MS, opts.now);
  new Gauge({
    name: "hbot_active_conversations",
    help: "Chats this process handled an update for in the last 15 minutes",
    registers,
    collect() {
      this.set(recent.count());
    },
  });

  return {
    registry,
    contentType: registry.contentType,
    render: () => registry.metrics(),
    watchStats(source) {
      watchSource = source;
    },
    hooks: {
      watch: {
        onPoll: (outcome) => watchPolls.inc({ outcome }),
        onNotify: (kind, outcome) => watchNotices.inc({ kind, outcome }),
        onOffer: (outcome) => watchOffers.inc({ outcome }),
        onSeenToNotified: (seconds) => seenToNotified.observe(seconds),
      },
      onUpdate(e) {
        updates.inc({ kind: e.kind, outcome: e.outcome });
        updateSeconds.observe({ kind: e.kind }, e.ms / 1000);
        if (e.chat !== undefined) recent.touch(e.chat);
      },
      onHospitalCall(e) {
        hospitalCalls.inc({ endpoint: e.endpoint, outcome: e.outcome });
        hospitalSeconds.observe({ endpoint: e.endpoint }, e.ms / 1000);
      },
      onRoundTrip(op) {
        redisTrips.inc({ op });
      },
      onOrder(kind) {
        orders.inc({ outcome: kind });
      },
      onCancel(kind) {
        cancellations.inc({ outcome: kind });
      },
      onTelegramCall(e) {
        telegramCalls.inc({ method: e.method, outcome: e.outcome });
      },
      onAftercare(e) {
        aftercare.inc({ kind: e.kind, outcome: e.outcome });
      },
    },
  };
}

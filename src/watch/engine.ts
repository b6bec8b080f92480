// The watch engine on BullMQ: one poll per target across all processes, the fair offer queue with its
// holds, and the hand-over when a hold passes. Every replica runs the workers; whichever takes a job
// does the work, and the rest is made idempotent by keys:
// - a target's next poll is named in `watch:sched:<tid>`; only the job it names may poll, and only a job
//   that still finds its own name there schedules the next one (compare-and-set), so a process that dies
//   mid-poll and comes back late neither polls twice nor forks a second chain of polls;
// - the offer state of a target changes under a short Redis lock, by the pure reconcile();
// - a notification goes out only after `SET NX` on (watch, session, place): never twice for one place.
import { randomBytes } from "node:crypto";
import type { Redis } from "ioredis";
import { z } from "zod";
import type { Catalog } from "../catalog/catalog.js";
import type { ScheduleSnapshots } from "../catalog/schedule-snapshots.js";
import type { WatchSettings } from "../config.js";
import { HospitalApiError, HospitalUnavailableError } from "../hospital/errors.js";
import type { HospitalApi, Period, Schedule } from "../hospital/types.js";
import { localeFor } from "../i18n/index.js";
import { defineJobKind, type Jobs } from "../jobs/jobs.js";
import type { Logger } from "../observability/logger.js";
import { chinaToday } from "../time/china-time.js";
import { offerView, targetText } from "./messages.js";
import type { Notify, NotifyOutcome } from "./notify.js";
import {
  type EndedHold,
  holdsOf,
  type NewOffer,
  parseTargetState,
  type Released,
  reconcile,
} from "./offer-queue.js";
import type { PollBudget } from "./poll-budget.js";
import { nextPollAt } from "./poll-timing.js";
import type { Watch } from "./watch.js";
import type { WatchStore } from "./watch-store.js";

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
  /** a patient set (or changed) a watch */
  onWatchSet?(watch: Watch): void;
}

export interface EngineOptions {
  redis: Redis;
  prefix: string;
  jobs: Jobs;
  catalog: Catalog;
  api: HospitalApi;
  snapshots: ScheduleSnapshots;
  store: WatchStore;
  budget: PollBudget;
  notify: Notify;
  settings: WatchSettings;
  logger: Logger;
  now: () => Date;
  observer?: WatchObserver;
  random?: () => number;
}

/** A stored offer: what the Book now and Keep watching buttons of one notification refer to. */
export const offerRecordSchema = z.object({
  offerId: z.string(),
  watchId: z.string(),
  tid: z.string(),
  scheduleId: z.string(),
  n: z.number(),
  unitId: z.string(),
  depId: z.string(),
  doctorId: z.string(),
  date: z.string(),
  period: z.enum(["am", "pm", "em"]),
  until: z.number(),
});
export type OfferRecord = z.infer<typeof offerRecordSchema>;

export const pollJob = defineJobKind({
  queue: "watch-poll",
  schema: z.object({ tid: z.string(), at: z.number() }),
  concurrency: 4,
  attempts: 1,
  // the sched key, not the job's record, decides which poll may run: no "done" records to pile up
  keepCompletedSeconds: 0,
});
export const holdJob = defineJobKind({
  queue: "watch-hold",
  schema: z.object({ tid: z.string() }),
  concurrency: 4,
  attempts: 3,
  keepCompletedSeconds: 0,
});
export const sweepJob = defineJobKind({
  queue: "watch-sweep",
  schema: z.object({ bucket: z.number() }),
  concurrency: 1,
  attempts: 1,
});

const SWEEP_MS = 5 * 60_000;
/** a snapshot this fresh (another process's reading, a patient's) saves a poll its call */
const FRESH_MS = 5_000;
const RATE_LIMIT_PAUSE_MS = 5 * 60_000;
const SENT_TTL_SECONDS = 3 * 86_400;
const STATE_TTL_MS = 16 * 86_400_000;
const LOCK_MS = 10_000;

const CAS_NEXT = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
return 1`;
const UNLOCK = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

export interface WatchEngine {
  /** makes sure the target has a poll scheduled (now, when it has none) */
  ensurePolled(tid: string): Promise<void>;
  /** re-runs the fair queue for a target without asking the hospital (a hold given up, a watch stopped) */
  release(tid: string, released: Released[]): Promise<void>;
  /** removes every trace of these watches from the target's offer state (an erased user) */
  forget(tid: string, watchIds: string[]): Promise<void>;
  offer(userId: number, offerId: string): Promise<OfferRecord | undefined>;
  /** adds the first sweep; the sweep re-schedules polls a crash left without one */
  start(): Promise<void>;
  keys: {
    offer(userId: number, offerId: string): string;
    sentPattern(userId: number): string;
    offerPattern(userId: number): string;
  };
  /** the last successful poll of any target, ms app clock, or undefined */
  lastSuccess(): Promise<number | undefined>;
}

export function isRateLimited(e: unknown): boolean {
  if (e instanceof HospitalUnavailableError) return /\b429\b/.test(e.reason);
  if (e instanceof HospitalApiError) return /频繁|限流|过多|rate|too many|throttl/i.test(e.apiMessage);
  return false;
}

export function createWatchEngine(opts: EngineOptions): WatchEngine {
  const { redis, prefix, jobs, store, budget, settings, logger, observer = {} } = opts;
  const log = logger.child({ component: "watch" });
  const now = () => opts.now().getTime();
  const random = opts.random ?? Math.random;
  const pace = {
    intervalMs: settings.intervalSeconds * 1000,
    releaseIntervalMs: settings.releaseIntervalSeconds * 1000,
    releaseWindowMs: settings.releaseWindowMinutes * 60_000,
  };
  const holdMs = settings.holdSeconds * 1000;
  const keys = {
    sched: (tid: string) => `${prefix}watch:sched:${tid}`,
    fails: (tid: string) => `${prefix}watch:fails:${tid}`,
    state: (tid: string) => `${prefix}watch:offers:${tid}`,
    lock: (tid: string) => `${prefix}watch:lock:${tid}`,
    times: (scheduleId: string) => `${prefix}watch:times:${encodeURIComponent(scheduleId)}`,
    lastOk: `${prefix}watch:last-ok`,
    sent: (userId: number, watchId: string, scheduleId: string, n: number) =>
      `${prefix}watch-sent:${userId}:${watchId}:${encodeURIComponent(scheduleId)}.${n}`,
    offer: (userId: number, offerId: string) => `${prefix}watch-offer:${userId}:${offerId}`,
    sentPattern: (userId: number) => `${prefix}watch-sent:${userId}:*`,
    offerPattern: (userId: number) => `${prefix}watch-offer:${userId}:*`,
  };
  const schedTtlMs = (at: number) => Math.max(0, at - now()) + 2 * pace.intervalMs + SWEEP_MS;

  async function schedulePoll(tid: string, at: number): Promise<void> {
    await jobs.add(pollJob, { tid, at }, { id: `poll.${tid}.${at}`, runAt: new Date(at) });
  }

  async function ensurePolled(tid: string): Promise<void> {
    const at = now();
    const ok = await redis.set(keys.sched(tid), String(at), "PX", schedTtlMs(at), "NX");
    if (ok === "OK") await schedulePoll(tid, at);
  }

  /** only the job named in the sched key moves it on; false when another has already */
  async function moveOn(tid: string, from: number, to: number): Promise<boolean> {
    const ok = await redis.eval(CAS_NEXT, 1, keys.sched(tid), String(from), String(to), schedTtlMs(to));
    if (ok !== 1) return false;
    await schedulePoll(tid, to);
    return true;
  }

  async function withLock<T>(tid: string, fn: () => Promise<T>): Promise<T> {
    const token = randomBytes(8).toString("hex");
    const deadline = Date.now() + LOCK_MS;
    while ((await redis.set(keys.lock(tid), token, "PX", LOCK_MS, "NX")) !== "OK") {
      if (Date.now() > deadline) throw new Error(`watch target ${tid} stayed locked`);
      await new Promise((r) => setTimeout(r, 10 + Math.floor(random() * 20)));
    }
    try {
      return await fn();
    } finally {
      await redis.eval(UNLOCK, 1, keys.lock(tid), token).catch(() => {});
    }
  }

  /** the free slots' times of a session, read once per session while offers go out */
  async function timesOf(s: NewOffer["session"]): Promise<string[]> {
    const cached = await redis.get(keys.times(s.scheduleId));
    if (cached !== null) {
      const parsed = z.array(z.string()).safeParse(JSON.parse(cached));
      if (parsed.success) return parsed.data;
    }
    try {
      // the times are worth a call only while the budget has one to spare
      if (!(await budget.trySpend(1))) return [];
      const slots = await opts.api.listSlots(s.unitId, s.scheduleId);
      const times = slots
        .filter((x) => x.available > 0)
        .map((x) => `${x.beginTime.slice(11, 16)}–${x.endTime.slice(11, 16)}`);
      await redis.set(keys.times(s.scheduleId), JSON.stringify(times), "EX", 60);
      return times;
    } catch {
      // the offer is worth sending without its times
      return [];
    }
  }

  async function sendOffers(tid: string, offers: NewOffer[]): Promise<Released[]> {
    const blocked: Released[] = [];
    const untils = new Set<number>();
    for (const o of offers) {
      const w = o.watch;
      observer.onOffer?.("offered");
      untils.add(o.until);
      const fresh = await redis.set(
        keys.sent(w.userId, w.id, o.session.scheduleId, o.place.n),
        "1",
        "EX",
        SENT_TTL_SECONDS,
        "NX",
      );
      if (fresh !== "OK") continue;
      const record: OfferRecord = {
        offerId: o.offerId,
        watchId: w.id,
        tid,
        scheduleId: o.session.scheduleId,
        n: o.place.n,
        unitId: o.session.unitId,
        depId: o.session.depId,
        doctorId: o.session.doctorId,
        date: o.session.date,
        period: o.session.period,
        until: o.until,
      };
      await redis.set(keys.offer(w.userId, o.offerId), JSON.stringify(record), "PX", holdMs + 86_400_000);
      const times = await timesOf(o.session);
      const view = await offerView(localeFor(w.lang), opts.catalog, {
        offerId: o.offerId,
        watchId: w.id,
        session: o.session,
        times,
        holdSeconds: settings.holdSeconds,
      });
      const outcome = await opts.notify(w.chatId, view.text, view.rows);
      observer.onNotify?.("offer", outcome);
      if (outcome === "sent") {
        if (o.fresh) observer.onSeenToNotified?.(Math.max(0, now() - o.place.seenAt) / 1000);
        observer.onOfferSent?.({
          tid,
          scheduleId: o.session.scheduleId,
          n: o.place.n,
          watch: w,
          first: o.first,
          until: o.until,
          date: o.session.date,
          period: o.session.period,
          doctorId: o.session.doctorId,
        });
      }
      if (outcome === "blocked") blocked.push({ watchId: w.id, offerId: o.offerId, outcome: "passed" });
    }
    // each hold's end is a job; holds ending at the same instant share one
    for (const until of untils)
      await jobs.add(holdJob, { tid }, { id: `hold.${tid}.${until}`, runAt: new Date(until) });
    return blocked;
  }

  /** The fair queue's one step: under the target's lock, then the notifications in queue order. */
  async function evaluate(
    tid: string,
    input: { observed?: Schedule[]; watchers?: Watch[]; released?: Released[]; forget?: string[] },
  ): Promise<void> {
    let released = input.released ?? [];
    let observed = input.observed;
    // a blocked chat's hold is passed on at once, which may make another offer: a few rounds at most
    for (let round = 0; round < 5; round++) {
      const watchers = input.watchers ?? (await store.watchersOf(tid));
      const blockedChats = await store.blockedAmong(watchers.map((w) => w.chatId));
      const active = watchers.filter((w) => !blockedChats.has(w.chatId));
      const result = await withLock(tid, async () => {
        const state = parseTargetState(await redis.get(keys.state(tid)));
        const r = reconcile({
          state,
          observed,
          watchers: active,
          now: now(),
          holdMs,
          released,
          forget: input.forget,
          newOfferId: () => randomBytes(5).toString("hex"),
        });
        await redis.set(keys.state(tid), JSON.stringify(r.state), "PX", STATE_TTL_MS);
        return r;
      });
      for (const e of result.ended) observer.onOffer?.(e.outcome);
      released = await sendOffers(tid, result.offers);
      observed = undefined;
      if (released.length === 0) return;
    }
  }

  /** Watches whose time is up end here, each told once (the removal decides who tells). */
  async function endExpired(watchers: Watch[]): Promise<Watch[]> {
    const t = now();
    const alive: Watch[] = [];
    for (const w of watchers) {
      if (w.expiresAt > t) {
        alive.push(w);
        continue;
      }
      const removed = await store.remove(w.userId, w.id);
      if (!removed) continue;
      const locale = localeFor(w.lang);
      const what = await targetText(locale, opts.catalog, w.target);
      const byDays = chinaToday(new Date(t)) > w.to;
      const outcome = await opts.notify(
        w.chatId,
        byDays ? locale.watch.ended.days(what) : locale.watch.ended.age(what),
      );
      observer.onNotify?.("ended", outcome);
    }
    return alive;
  }

  async function retire(tid: string): Promise<boolean> {
    if (!(await store.dropTargetIfUnwatched(tid))) return false;
    await redis.del(keys.sched(tid), keys.fails(tid), keys.state(tid));
    await budget.leave(tid);
    return true;
  }

  async function poll(tid: string, at: number): Promise<void> {
    if ((await redis.get(keys.sched(tid))) !== String(at)) return; // a stray copy: another job owns the target
    let failures = Number(await redis.get(keys.fails(tid))) || 0;
    let next: number | undefined;
    let open: { hour: number; minute: number } | undefined;
    try {
      const target = await store.target(tid);
      const watchers = target ? await endExpired(await store.watchersOf(tid)) : [];
      if (!target || watchers.length === 0) {
        if (await retire(tid)) return;
        next = nextPollAt({ now: now(), pace, failures: 0, random });
        return;
      }
      // watchers who all blocked the bot are paused: their doctor costs the hospital nothing meanwhile
      const blocked = await store.blockedAmong(watchers.map((w) => w.chatId));
      if (watchers.every((w) => blocked.has(w.chatId))) {
        next = nextPollAt({ now: now(), pace, failures: 0, random });
        return;
      }
      const paused = await budget.pausedFor();
      if (paused > 0) {
        observer.onPoll?.("paused", 0);
        next = now() + paused + Math.round(random() * pace.releaseIntervalMs);
        return;
      }
      const hospital = await opts.catalog.hospital(target.unitId);
      open = hospital?.appointmentOpenTime;
      const doctors =
        target.kind === "doctor"
          ? [target.doctorId]
          : (await opts.catalog.doctors(target.unitId, target.depId)).map((d) => d.doctorId);
      const grant = await budget.take(tid, Math.max(1, doctors.length), at);
      if (!grant.granted) {
        observer.onPoll?.("budget_wait", 0);
        next = now() + grant.retryMs;
        return;
      }
      const from = chinaToday(opts.now());
      const to =
        watchers
          .map((w) => w.to)
          .sort()
          .at(-1) ?? from;
      const observed: Schedule[] = [];
      for (const doctorId of doctors) {
        const snap = await opts.snapshots.get(target.unitId, target.depId, doctorId, from, to, FRESH_MS);
        observed.push(...snap.schedules);
      }
      failures = 0;
      observer.onPoll?.("ok", doctors.length);
      await redis.set(keys.lastOk, String(now()));
      await evaluate(tid, { observed, watchers });
      next = nextPollAt({ now: now(), pace, open, failures, random });
    } catch (e) {
      failures++;
      const limited = isRateLimited(e);
      observer.onPoll?.(limited ? "rate_limited" : "failed", 1);
      if (limited) {
        log.warn(
          { target: tid, pauseMs: RATE_LIMIT_PAUSE_MS },
          "the hospital refuses watch polls as too many: pausing all watch polling",
        );
        await budget.pause(RATE_LIMIT_PAUSE_MS).catch(() => {});
      } else {
        log.warn(
          { target: tid, failures, err: e instanceof Error ? e.message : String(e) },
          "watch poll failed; backing off",
        );
      }
      next = nextPollAt({ now: now(), pace, open, failures, random });
    } finally {
      // a poll that lost the target to another process (it died, the other took over) writes nothing
      if (next !== undefined && (await moveOn(tid, at, next))) {
        await redis.set(keys.fails(tid), String(failures), "PX", STATE_TTL_MS);
      }
    }
  }

  async function onHold(tid: string): Promise<void> {
    const state = parseTargetState(await redis.get(keys.state(tid)));
    const t = now();
    if (!holdsOf(state).some((h) => h.until <= t)) return;
    await evaluate(tid, {});
  }

  async function sweep(bucket: number): Promise<void> {
    for (const tid of await store.targets()) await ensurePolled(tid);
    const nextBucket = bucket + 1;
    await jobs.add(
      sweepJob,
      { bucket: nextBucket },
      { id: `sweep.${nextBucket}`, runAt: new Date(nextBucket * SWEEP_MS) },
    );
  }

  jobs.handle(pollJob, (d) => poll(d.tid, d.at));
  jobs.handle(holdJob, (d) => onHold(d.tid));
  jobs.handle(sweepJob, (d) => sweep(d.bucket));

  return {
    keys,
    ensurePolled,
    release: (tid, released) => evaluate(tid, { released }),
    forget: (tid, watchIds) => evaluate(tid, { forget: watchIds }),
    async offer(userId, offerId) {
      const raw = await redis.get(keys.offer(userId, offerId));
      if (!raw) return undefined;
      try {
        const r = offerRecordSchema.safeParse(JSON.parse(raw));
        return r.success ? r.data : undefined;
      } catch {
        return undefined;
      }
    },
    async start() {
      const bucket = Math.floor(now() / SWEEP_MS) + 1;
      await jobs.add(sweepJob, { bucket }, { id: `sweep.${bucket}`, runAt: new Date(bucket * SWEEP_MS) });
    },
    async lastSuccess() {
      const raw = await redis.get(keys.lastOk);
      return raw === null ? undefined : Number(raw);
    },
  };
}

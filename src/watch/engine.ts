// The watch engine on BullMQ: one poll per target across all processes, the fair offer queue with its
// holds, and the hand-over when a hold passes. Every replica runs the workers; whichever takes a job
// does the work, and the rest is made idempotent by keys:
// - a target's next poll is named in `watch:sched:<tid>`; only the job it names may poll, and only a job
//   that still finds its own name there schedules the next one (compare-and-set), so a process that dies
//   mid-poll and comes back late neither polls twice nor forks a second chain of polls;
// - the offer state of a target changes under a short Redis lock, by the pure reconcile(), and a
//   notification goes out only after `SET NX` on (watch, session, place) (offers.ts).
import type { Redis } from "ioredis";
import type { Catalog } from "../catalog/catalog.js";
import type { ScheduleSnapshots } from "../catalog/schedule-snapshots.js";
import type { WatchSettings } from "../config.js";
import { HospitalApiError, HospitalUnavailableError } from "../hospital/errors.js";
import type { HospitalApi, Schedule } from "../hospital/types.js";
import { localeFor } from "../i18n/index.js";
import type { Jobs } from "../jobs/jobs.js";
import type { Logger } from "../observability/logger.js";
import { chinaToday } from "../time/china-time.js";
import { holdJob, pollJob, sweepJob } from "./jobs.js";
import { targetText } from "./messages.js";
import type { Notify } from "./notify.js";
import type { WatchObserver } from "./observer.js";
import { holdsOf, type Released } from "./offer-queue.js";
import { createOfferQueue, type OfferRecord, STATE_TTL_MS } from "./offers.js";
import type { PollBudget } from "./poll-budget.js";
import { nextPollAt } from "./poll-timing.js";
import type { Watch } from "./watch.js";
import type { WatchStore } from "./watch-store.js";

export { autoBookJob, holdJob, pollJob, sweepJob } from "./jobs.js";
export type { OfferOutcome, PollOutcome, WatchObserver } from "./observer.js";
export { type OfferRecord, offerRecordSchema } from "./offers.js";

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

const SWEEP_MS = 5 * 60_000;
/** a snapshot this fresh (another process's reading, a patient's) saves a poll its call */
const FRESH_MS = 5_000;
const RATE_LIMIT_PAUSE_MS = 5 * 60_000;

const CAS_NEXT = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
return 1`;

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
  const queue = createOfferQueue({ ...opts, observer, random });
  const evaluate = queue.evaluate;
  const keys = {
    sched: (tid: string) => `${prefix}watch:sched:${tid}`,
    fails: (tid: string) => `${prefix}watch:fails:${tid}`,
    state: queue.keys.state,
    lastOk: `${prefix}watch:last-ok`,
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
    const state = await queue.stateOf(tid);
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
    keys: { sentPattern: queue.keys.sentPattern, offerPattern: queue.keys.offerPattern },
    ensurePolled,
    release: (tid, released) => evaluate(tid, { released }),
    forget: (tid, watchIds) => evaluate(tid, { forget: watchIds }),
    offer: queue.offer,
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

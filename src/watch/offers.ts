// The fair queue in Redis: a target's offer state changes only under a short lock, by the pure
// reconcile() (offer-queue.ts); then the new offers go out in queue order, each only after `SET NX` on
// (watch, session, place), so nobody is told twice of the same place whichever process sends; each hold's
// end is a job that passes the place on.
import { randomBytes } from "node:crypto";
import type { Redis } from "ioredis";
import { z } from "zod";
import type { Catalog } from "../catalog/catalog.js";
import type { WatchSettings } from "../config.js";
import type { HospitalApi, Schedule } from "../hospital/types.js";
import { localeFor } from "../i18n/index.js";
import type { Jobs } from "../jobs/jobs.js";
import { autoBookJob, holdJob } from "./jobs.js";
import { offerView } from "./messages.js";
import type { Notify } from "./notify.js";
import type { WatchObserver } from "./observer.js";
import { type NewOffer, parseTargetState, type Released, reconcile } from "./offer-queue.js";
import type { PollBudget } from "./poll-budget.js";
import type { Watch } from "./watch.js";
import type { WatchStore } from "./watch-store.js";

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

const SENT_TTL_SECONDS = 3 * 86_400;
export const STATE_TTL_MS = 16 * 86_400_000;
const LOCK_MS = 10_000;
const UNLOCK = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

export interface OfferQueue {
  /** one step of the queue for a target: what was seen (if anything), what was given up, who is forgotten */
  evaluate(
    tid: string,
    input: { observed?: Schedule[]; watchers?: Watch[]; released?: Released[]; forget?: string[] },
  ): Promise<void>;
  offer(userId: number, offerId: string): Promise<OfferRecord | undefined>;
  stateOf(tid: string): Promise<ReturnType<typeof parseTargetState>>;
  keys: {
    state(tid: string): string;
    sentPattern(userId: number): string;
    offerPattern(userId: number): string;
  };
}

export function createOfferQueue(opts: {
  redis: Redis;
  prefix: string;
  jobs: Jobs;
  catalog: Catalog;
  api: HospitalApi;
  store: WatchStore;
  budget: PollBudget;
  notify: Notify;
  settings: WatchSettings;
  now: () => Date;
  observer: WatchObserver;
  random: () => number;
}): OfferQueue {
  const { redis, prefix, jobs, store, budget, settings, observer, random } = opts;
  const now = () => opts.now().getTime();
  const holdMs = settings.holdSeconds * 1000;
  const keys = {
    state: (tid: string) => `${prefix}watch:offers:${tid}`,
    lock: (tid: string) => `${prefix}watch:lock:${tid}`,
    times: (scheduleId: string) => `${prefix}watch:times:${encodeURIComponent(scheduleId)}`,
    sent: (userId: number, watchId: string, scheduleId: string, n: number) =>
      `${prefix}watch-sent:${userId}:${watchId}:${encodeURIComponent(scheduleId)}.${n}`,
    offer: (userId: number, offerId: string) => `${prefix}watch-offer:${userId}:${offerId}`,
    sentPattern: (userId: number) => `${prefix}watch-sent:${userId}:*`,
    offerPattern: (userId: number) => `${prefix}watch-offer:${userId}:*`,
  };

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
      if (w.autoBook) {
        // the hold is this watcher's as for anyone; the job acts on it at once instead of a Book now message
        await jobs.add(
          autoBookJob,
          { userId: w.userId, offerId: o.offerId },
          { id: `autobook.${o.offerId}` },
        );
        continue;
      }
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

  return {
    evaluate,
    keys,
    stateOf: async (tid) => parseTargetState(await redis.get(keys.state(tid))),
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
  };
}

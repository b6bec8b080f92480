// What the conversation (and /privacy, /deletedata) can do with watches: set one, list them, stop one,
// answer an offer's buttons, and end a watch when the patient booked through it. The engine does the
// polling and the offering; this is the patient's side of it.
import { randomBytes } from "node:crypto";
import type { Redis } from "ioredis";
import { z } from "zod";
import type { Catalog } from "../catalog/catalog.js";
import type { WatchSettings } from "../config.js";
import type { DoctorId } from "../hospital/types.js";
import type { Lang, Locale } from "../i18n/index.js";
import { windowEnd } from "../schedule/schedule-days.js";
import { addDaysIso, chinaToday, chinaWallClockToInstant } from "../time/china-time.js";
import { autoBookClaimPattern } from "./auto-book-claim.js";
import type { OfferRecord, WatchEngine, WatchObserver } from "./engine.js";
import { targetText } from "./messages.js";
import {
  type DayChoice,
  lastDay,
  periodsOf,
  type SessionChoice,
  targetIdOf,
  WATCH_MAX_AGE_MS,
  type Watch,
  type WatchTarget,
} from "./watch.js";
import type { WatchStore } from "./watch-store.js";

export type CreateOutcome = { kind: "created"; watch: Watch } | { kind: "limit"; max: number };

export type BookNowOutcome =
  | { kind: "free"; offer: OfferRecord }
  /** the place went before the patient tapped: the watch goes on */
  | { kind: "taken" }
  /** the offer or its watch no longer exists */
  | { kind: "gone" };

export interface WatchService {
  create(input: {
    userId: number;
    chatId: number;
    lang: Lang;
    target: WatchTarget;
    days: DayChoice;
    sessions: SessionChoice;
    /** opted in after the warning: book a freed place at once for this saved patient */
    autoBook?: { patientId: string; patientMasked: string };
  }): Promise<CreateOutcome>;
  list(userId: number): Promise<Watch[]>;
  stop(userId: number, watchId: string): Promise<Watch | undefined>;
  /** the offer's hold is given up now, so the next in line hears of the place; false if it was not theirs */
  keepWatching(userId: number, offerId: string): Promise<boolean>;
  /** Book now: is the offered session still bookable? */
  bookNow(userId: number, offerId: string): Promise<BookNowOutcome>;
  /** a booking was placed with this doctor: the watch it came from (Book now) has done its job */
  bookedThrough(userId: number, doctorId: DoctorId): Promise<Watch | undefined>;
  describe(t: Locale, watch: Watch): Promise<string>;
  /** the last day a watch set now would cover, for the set-up screen */
  lastDayFor(target: WatchTarget, days: DayChoice): Promise<string>;
  /** /privacy: how many watches, since when */
  inventoryOf(userId: number): Promise<{ count: number; since?: Date }>;
  /**
   * /deletedata: the user's watches, their places in the queues, every trace of them in the offer state,
   * their sent markers and offers. The watch jobs (polls, holds) name targets only, never a user, so
   * none is theirs to remove.
   */
  eraseUser(userId: number): Promise<void>;
  stats(): Promise<{ active: number; targets: number; lastSuccess: number | undefined }>;
  readonly maxPerUser: number;
}

const bookingSchema = z.object({ watchId: z.string(), doctorId: z.string(), offerId: z.string() });
const BOOKING_TTL_SECONDS = 3600;

export function createWatchService(opts: {
  redis: Redis;
  prefix: string;
  store: WatchStore;
  engine: WatchEngine;
  catalog: Catalog;
  settings: WatchSettings;
  now: () => Date;
  observer?: WatchObserver;
}): WatchService {
  const { redis, prefix, store, engine, catalog } = opts;
  const bookingKey = (userId: number) => `${prefix}watch-booking:${userId}`;

  async function lastDayFor(target: WatchTarget, days: DayChoice): Promise<string> {
    const today = chinaToday(opts.now());
    const hospital = await catalog.hospital(target.unitId);
    return lastDay(days, today, windowEnd(today, hospital?.bookingWindowDays ?? 7), addDaysIso);
  }

  async function stopWatch(userId: number, watchId: string, outcome: "passed" | "booked") {
    const removed = await store.remove(userId, watchId);
    if (removed) await engine.release(targetIdOf(removed.target), [{ watchId, outcome }]);
    return removed;
  }

  async function deleteMatching(pattern: string): Promise<void> {
    let cursor = "0";
    do {
      const [next, found] = await redis.scan(cursor, "MATCH", pattern, "COUNT", 500);
      cursor = next;
      if (found.length > 0) await redis.del(...found);
    } while (cursor !== "0");
  }

  return {
    maxPerUser: opts.settings.maxPerUser,
    async create(input) {
      const createdAt = opts.now().getTime();
      const to = await lastDayFor(input.target, input.days);
      const tid = targetIdOf(input.target);
      // a second watch of the same target replaces the first and keeps its place in the queue
      const same = (await store.list(input.userId)).find((w) => targetIdOf(w.target) === tid);
      const endOfDays = chinaWallClockToInstant(`${addDaysIso(to, 1)} 00:00:00`).getTime();
      const watch: Watch = {
        id: same?.id ?? randomBytes(5).toString("hex"),
        userId: input.userId,
        chatId: input.chatId,
        lang: input.lang,
        target: input.target,
        from: chinaToday(opts.now()),
        to,
        periods: periodsOf(input.sessions),
        createdAt: same?.createdAt ?? createdAt,
        expiresAt: Math.min(endOfDays, (same?.createdAt ?? createdAt) + WATCH_MAX_AGE_MS),
        ...(input.autoBook ? { autoBook: input.autoBook } : {}),
      };
      if ((await store.put(watch, opts.settings.maxPerUser)) === "limit") {
        return { kind: "limit", max: opts.settings.maxPerUser };
      }
      await engine.ensurePolled(tid);
      opts.observer?.onWatchSet?.(watch);
      return { kind: "created", watch };
    },
    list: (userId) => store.list(userId),
    stop: (userId, watchId) => stopWatch(userId, watchId, "passed"),
    async keepWatching(userId, offerId) {
      const offer = await engine.offer(userId, offerId);
      if (!offer) return false;
      await engine.release(offer.tid, [{ watchId: offer.watchId, offerId, outcome: "passed" }]);
      return true;
    },
    async bookNow(userId, offerId) {
      const offer = await engine.offer(userId, offerId);
      if (!offer || !(await store.get(userId, offer.watchId))) return { kind: "gone" };
      const slots = await catalog.slots(offer.unitId, offer.scheduleId);
      if (!slots.some((s) => s.available > 0)) {
        await engine.release(offer.tid, [{ watchId: offer.watchId, offerId, outcome: "passed" }]);
        return { kind: "taken" };
      }
      await redis.set(
        bookingKey(userId),
        JSON.stringify({ watchId: offer.watchId, doctorId: offer.doctorId, offerId }),
        "EX",
        BOOKING_TTL_SECONDS,
      );
      return { kind: "free", offer };
    },
    async bookedThrough(userId, doctorId) {
      const raw = await redis.get(bookingKey(userId));
      if (!raw) return undefined;
      let parsed: z.infer<typeof bookingSchema> | undefined;
      try {
        const r = bookingSchema.safeParse(JSON.parse(raw));
        parsed = r.success ? r.data : undefined;
      } catch {
        parsed = undefined;
      }
      if (!parsed || parsed.doctorId !== doctorId) return undefined;
      await redis.del(bookingKey(userId));
      return stopWatch(userId, parsed.watchId, "booked");
    },
    describe: (t, watch) => targetText(t, catalog, watch.target),
    lastDayFor,
    async inventoryOf(userId) {
      const watches = await store.list(userId);
      const oldest = watches[0];
      return oldest ? { count: watches.length, since: new Date(oldest.createdAt) } : { count: 0 };
    },
    async eraseUser(userId) {
      const watches = await store.list(userId);
      for (const w of watches) {
        await store.remove(userId, w.id);
        await engine.forget(targetIdOf(w.target), [w.id]);
      }
      await redis.del(store.keys.user(userId), bookingKey(userId));
      await deleteMatching(engine.keys.sentPattern(userId));
      await deleteMatching(engine.keys.offerPattern(userId));
      await deleteMatching(autoBookClaimPattern(prefix, userId));
    },
    async stats() {
      const targets = await store.targets();
      return {
        active: await store.countWatchers(targets),
        targets: targets.length,
        lastSuccess: await engine.lastSuccess(),
      };
    },
  };
}

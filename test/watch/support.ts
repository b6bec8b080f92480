// A watch engine world without Telegram: the sandbox hospital on a clock the test moves, Redis under a
// prefix of its own, and one or more "processes" (each its own jobs, hospital client, catalog and
// engine, as a replica would have) on the same prefix. Notifications are recorded at the engine's one
// sending boundary (notify), with the texts and buttons the patient would get.
import { randomBytes } from "node:crypto";
import type { Redis } from "ioredis";
import { createOrderService, type OrderService } from "../../src/bookings/place-order.js";
import { type BookingRecords, createBookingRecords } from "../../src/bookings/records-store.js";
import { type Catalog, createCatalog } from "../../src/catalog/catalog.js";
import { createScheduleSnapshots } from "../../src/catalog/schedule-snapshots.js";
import type { WatchSettings } from "../../src/config.js";
import { createHospitalClient, type HospitalClient } from "../../src/hospital/client.js";
import type { HospitalApi } from "../../src/hospital/types.js";
import { createJobs, type Jobs } from "../../src/jobs/jobs.js";
import { silentLogger } from "../../src/observability/logger.js";
import { createPatientCipher } from "../../src/patients/cipher.js";
import { createSavedPatients, type SavedPatients } from "../../src/patients/saved-patients.js";
import type { SandboxDoctor, SandboxSchedule } from "../../src/sandbox/model.js";
import { type Sandbox, startSandbox } from "../../src/sandbox/server.js";
import { createBlockedChats } from "../../src/telegram/blocked-chats.js";
import type { Button } from "../../src/telegram/menu.js";
import { chinaToday, chinaWallClockToInstant } from "../../src/time/china-time.js";
import { startAutoBooking } from "../../src/watch/auto-book.js";
import { createWatchEngine, type WatchEngine, type WatchObserver } from "../../src/watch/engine.js";
import type { Notify, NotifyOutcome } from "../../src/watch/notify.js";
import { createPollBudget } from "../../src/watch/poll-budget.js";
import { createWatchService, type WatchService } from "../../src/watch/service.js";
import { createWatchStore } from "../../src/watch/watch-store.js";
import { cleanPrefix, REDIS_URL, testPrefix, testRedis } from "../support/redis.js";

export interface Sent {
  chatId: number;
  text: string;
  rows: Button[][];
  process: number;
}

export interface Proc {
  /** this process's order service (the auto-booker places through it) */
  orders: OrderService;
  jobs: Jobs;
  catalog: Catalog;
  engine: WatchEngine;
  watches: WatchService;
  hospital: HospitalClient;
  /** schedule lists this process asked the hospital for */
  calls: { schedules: number };
}

export const SETTINGS: WatchSettings = {
  intervalSeconds: 120,
  releaseIntervalSeconds: 10,
  releaseWindowMinutes: 0,
  maxCallsPerMinute: 120,
  holdSeconds: 180,
  maxPerUser: 5,
};

export interface WatchWorld {
  sandbox: Sandbox;
  redis: Redis;
  prefix: string;
  clock: { now(): Date; advance(ms: number): void };
  sent: Sent[];
  /** what each chat answers: "blocked" = 403 */
  chatAnswers: Map<number, NotifyOutcome>;
  procs: Proc[];
  /** saved patients and booking records, shared by every process as Redis shares them */
  patients: SavedPatients;
  bookings: BookingRecords;
  /** starts another process on the same Redis prefix */
  addProcess(o?: {
    api?: (real: HospitalApi) => HospitalApi;
    lockMs?: number;
    start?: boolean;
    observer?: WatchObserver;
  }): Promise<Proc>;
  /** closes one process; force = as if killed (its running jobs are abandoned to the others) */
  closeProcess(p: Proc, force: boolean): Promise<void>;
  /** promotes what is due and waits until every process is idle, until nothing more happens */
  settle(): Promise<void>;
  /** a "full" doctor (every session booked) with a session within the next days, and that session */
  fullDoctor(): { doctor: SandboxDoctor; schedule: SandboxSchedule };
  stop(): Promise<void>;
}

export async function startWatchWorld(opts: { settings?: Partial<WatchSettings> } = {}): Promise<WatchWorld> {
  const settings = { ...SETTINGS, ...opts.settings };
  // 10:30 China time today: far from any release time the tests care about, slots left later today
  let t = chinaWallClockToInstant(`${chinaToday(new Date())} 10:30:00`).getTime();
  const clock = {
    now: () => new Date(t),
    advance(ms: number) {
      t += ms;
    },
  };
  const sandbox = await startSandbox({ now: clock.now });
  const prefix = testPrefix("watch");
  const redis = testRedis();
  // a process killed mid-poll may still be writing when the story ends
  redis.on("error", () => {});
  const sent: Sent[] = [];
  const chatAnswers = new Map<number, NotifyOutcome>();
  const procs: Proc[] = [];
  const closed = new Set<Proc>();
  const logger = silentLogger();
  const patients = createSavedPatients({
    redis,
    prefix,
    cipher: createPatientCipher({ key: randomBytes(32) }),
    now: clock.now,
    onUnreadable: () => {},
  });
  const bookings = createBookingRecords({ redis, prefix });

  async function addProcess(o: Parameters<WatchWorld["addProcess"]>[0] = {}): Promise<Proc> {
    const index = procs.length;
    const hospital = createHospitalClient({
      baseUrl: sandbox.url,
      auth: { kind: "fixed", appToken: sandbox.appToken },
      timeoutMs: 5_000,
      orderTimeoutMs: 5_000,
      maxConcurrent: 10,
      maxPerSecond: 1000,
      retries: 0,
      cardTypeOverrides: {},
      logger,
      backoff: { baseMs: 1, maxMs: 2 },
    });
    const calls = { schedules: 0 };
    const counted: HospitalApi = {
      ...hospital,
      listSchedules: (q) => {
        calls.schedules++;
        return hospital.listSchedules(q);
      },
    };
    const api = o.api ? o.api(counted) : counted;
    const catalog = createCatalog({ api, redis, prefix, logger });
    const jobs = createJobs({ redisUrl: REDIS_URL, prefix, logger, now: clock.now, lockMs: o.lockMs });
    const store = createWatchStore({ redis, prefix });
    // as src/watch/notify.ts does: a marked chat is skipped, a 403 marks it
    const blockedChats = createBlockedChats({ redis, prefix, logger });
    const notify: Notify = async (chatId, text, rows = []) => {
      if (await blockedChats.isBlocked(chatId)) return "blocked";
      const answer = chatAnswers.get(chatId) ?? "sent";
      if (answer === "sent") sent.push({ chatId, text, rows, process: index });
      if (answer === "blocked") await blockedChats.markBlocked(chatId);
      return answer;
    };
    const engine = createWatchEngine({
      redis,
      prefix,
      jobs,
      catalog,
      api,
      snapshots: createScheduleSnapshots({ api, redis, prefix, now: clock.now, logger }),
      store,
      budget: createPollBudget({ redis, prefix, perMinute: settings.maxCallsPerMinute, now: clock.now }),
      notify,
      settings,
      logger,
      now: clock.now,
      observer: o.observer,
    });
    const watches = createWatchService({ redis, prefix, store, engine, catalog, settings, now: clock.now });
    const orders = createOrderService({ api, records: bookings, redis, prefix, logger, now: clock.now });
    startAutoBooking({
      redis,
      prefix,
      jobs,
      store,
      engine,
      catalog,
      orders,
      patients,
      notify,
      now: clock.now,
      logger,
      observer: o.observer,
    });
    const proc: Proc = { orders, jobs, catalog, engine, watches, hospital, calls };
    procs.push(proc);
    if (o.start !== false) {
      await jobs.start();
      await engine.start();
    }
    return proc;
  }

  const world: WatchWorld = {
    sandbox,
    redis,
    prefix,
    clock,
    sent,
    chatAnswers,
    procs,
    patients,
    bookings,
    addProcess,
    async closeProcess(p, force) {
      closed.add(p);
      await p.jobs.close({ force });
    },
    async settle() {
      for (let round = 0; round < 50; round++) {
        const live = procs.filter((p) => !closed.has(p));
        const first = live[0];
        if (!first) return;
        const promoted = await first.jobs.promoteDue();
        for (const p of live) await p.jobs.idle(15_000);
        if (promoted === 0 && (await first.jobs.promoteDue()) === 0) {
          for (const p of live) await p.jobs.idle(15_000);
          return;
        }
      }
    },
    fullDoctor() {
      const today = chinaToday(clock.now());
      for (const doctor of sandbox.world.doctors()) {
        if (doctor.pattern !== "full") continue;
        const hospital = sandbox.world.hospital(doctor.unitId);
        if (!hospital) continue;
        // tomorrow on: today's sessions may be over by the clock's hour
        for (const date of sandbox.world.openDates(hospital, clock.now()).slice(1, 4)) {
          const schedule = sandbox.world.schedulesFor(doctor, date)[0];
          if (schedule && date > today) return { doctor, schedule };
        }
      }
      throw new Error("the sandbox has no full doctor with a session in the next days");
    },
    async stop() {
      for (const p of procs) {
        if (!closed.has(p)) await p.jobs.close();
        p.hospital.close();
      }
      await cleanPrefix(redis, prefix);
      await redis.quit();
      await sandbox.close();
    },
  };
  return world;
}

export const doctorTarget = (d: SandboxDoctor) => ({
  kind: "doctor" as const,
  unitId: String(d.unitId),
  depId: String(d.depId),
  doctorId: String(d.doctorId),
});

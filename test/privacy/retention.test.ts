// Retention by the app's clock: booking records go RETENTION_DAYS_AFTER_VISIT days after the visit,
// saved patients SAVED_PATIENT_IDLE_DAYS after their last use, in one daily sweep that every replica
// schedules under the same job id and one of them runs.
import { randomBytes } from "node:crypto";
import type { Redis } from "ioredis";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBookingRecords } from "../../src/bookings/records-store.js";
import { createJobs, type Jobs } from "../../src/jobs/jobs.js";
import { createPatientCipher } from "../../src/patients/cipher.js";
import { createSavedPatients } from "../../src/patients/saved-patients.js";
import { createRetention, retentionSweepJob } from "../../src/privacy/retention.js";
import { addDaysIso } from "../../src/time/china-time.js";
import { record } from "../bookings/fixtures.js";
import { cleanPrefix, REDIS_URL, testPrefix, testRedis } from "../support/redis.js";

const logger = pino({ level: "silent" });
const DAY = 86_400_000;

describe("retention", () => {
  let redis: Redis;
  const prefix = testPrefix("retention");
  const opened: Jobs[] = [];
  // 2026-12-01 10:00 in China
  let clock = new Date("2026-12-01T02:00:00Z");
  const now = () => clock;

  beforeAll(() => {
    redis = testRedis();
  });
  afterAll(async () => {
    await Promise.all(opened.map((j) => j.close()));
    await cleanPrefix(redis, prefix);
    await redis.quit();
  });

  function replica() {
    const jobs = createJobs({ redisUrl: REDIS_URL, prefix, logger, now });
    opened.push(jobs);
    const bookings = createBookingRecords({ redis, prefix });
    const patients = createSavedPatients({
      redis,
      prefix,
      cipher: createPatientCipher({ key: randomBytes(32) }),
      now,
      onUnreadable: () => {},
    });
    const retention = createRetention({
      jobs,
      bookings,
      patients,
      now,
      logger,
      bookingDaysAfterVisit: 180,
      savedPatientIdleDays: 365,
    });
    return { jobs, bookings, patients, retention };
  }

  const visitOn = (day: string, id: string) =>
    record({ id, orderId: id, beginTime: `${day} 09:00:00`, endTime: `${day} 09:30:00` });

  it("removes a booking record 180 days after its visit and a saved patient unused for 365 days", async () => {
    const { bookings, patients, retention } = replica();
    const today = "2026-12-01";
    await bookings.add(1, visitOn(addDaysIso(today, -181), "old"));
    await bookings.add(1, visitOn(addDaysIso(today, -180), "edge"));
    await bookings.add(2, visitOn(addDaysIso(today, -10), "recent"));
    clock = new Date(clock.getTime() - 366 * DAY);
    await patients.save(3, { name: "张三", certKind: "passport", certNo: "E1" }, "u");
    clock = new Date(clock.getTime() + 2 * DAY);
    await patients.save(3, { name: "李四", certKind: "passport", certNo: "E2" }, "u");
    clock = new Date("2026-12-01T02:00:00Z");

    expect(await retention.sweep()).toEqual({ bookings: 1, patients: 1 });
    expect((await bookings.list(1)).map((r) => r.id)).toEqual(["edge"]);
    expect((await bookings.list(2)).map((r) => r.id)).toEqual(["recent"]);
    expect((await patients.list(3)).map((p) => p.answers.name)).toEqual(["李四"]);
  });

  it("is one daily job, scheduled by every replica under one id, run at 03:30 China time", async () => {
    const a = replica();
    const b = replica();
    await a.retention.install();
    await b.retention.install();
    const pending = await a.jobs.pending(retentionSweepJob);
    expect(pending.map((p) => p.id)).toEqual(["retention-2026-12-02"]);
    expect(pending[0]?.runAt).toEqual(new Date("2026-12-01T19:30:00Z"));
    await a.jobs.start();
    await b.jobs.start();

    await a.bookings.add(4, visitOn("2026-06-01", "due"));
    clock = new Date("2026-12-01T19:31:00Z");
    expect(await a.jobs.promoteDue()).toBe(1);
    await a.jobs.idle();
    await b.jobs.idle();
    expect(await a.bookings.list(4)).toEqual([]);
    // the run scheduled the next day's
    expect((await a.jobs.pending(retentionSweepJob)).map((p) => p.id)).toEqual(["retention-2026-12-03"]);
  });
});

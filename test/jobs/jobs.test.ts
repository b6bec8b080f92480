// The job engine's promises: a job with an id is run once however many processes add it or run
// workers; a delayed job waits for the app's clock, not the wall clock.
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { createJobs, defineJobKind, type Jobs } from "../../src/jobs/jobs.js";
import { cleanPrefix, REDIS_URL, testPrefix, testRedis } from "../support/redis.js";

const kind = defineJobKind({ queue: "test-kind", schema: z.object({ n: z.number() }) });
const logger = pino({ level: "silent" });

describe("jobs", () => {
  const opened: Jobs[] = [];
  const prefix = testPrefix("jobs");
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((j) => j.close()));
    const redis = testRedis();
    await cleanPrefix(redis, prefix);
    await redis.quit();
  });

  function open(now: () => Date): Jobs {
    const jobs = createJobs({ redisUrl: REDIS_URL, prefix, logger, now });
    opened.push(jobs);
    return jobs;
  }

  it("runs a job with an id once, though two processes add it and both run workers", async () => {
    const clock = () => new Date("2026-12-01T00:00:00Z");
    const a = open(clock);
    const b = open(clock);
    const seen: number[] = [];
    a.handle(kind, async (d) => void seen.push(d.n));
    b.handle(kind, async (d) => void seen.push(d.n));
    await a.start();
    await b.start();
    await a.add(kind, { n: 1 }, { id: "once" });
    await b.add(kind, { n: 1 }, { id: "once" });
    await a.idle();
    await b.idle();
    expect(seen).toEqual([1]);
  });

  it("keeps a delayed job until the app's clock reaches it", async () => {
    let t = new Date("2026-12-01T00:00:00Z").getTime();
    const jobs = open(() => new Date(t));
    const seen: number[] = [];
    jobs.handle(kind, async (d) => void seen.push(d.n));
    await jobs.start();
    await jobs.add(kind, { n: 7 }, { id: "later", runAt: new Date(t + 3_600_000) });
    expect(await jobs.promoteDue()).toBe(0);
    await jobs.idle();
    expect(seen).toEqual([]);
    expect((await jobs.pending(kind)).map((p) => p.id)).toEqual(["later"]);
    t += 3_600_000;
    expect(await jobs.promoteDue()).toBe(1);
    await jobs.idle();
    expect(seen).toEqual([7]);
    expect(await jobs.pending(kind)).toEqual([]);
  });

  it("removes a delayed job so it never runs", async () => {
    const t = new Date("2026-12-01T00:00:00Z").getTime();
    const jobs = open(() => new Date(t));
    const seen: number[] = [];
    jobs.handle(kind, async (d) => void seen.push(d.n));
    await jobs.start();
    await jobs.add(kind, { n: 3 }, { id: "gone", runAt: new Date(t + 60_000) });
    expect(await jobs.remove(kind, "gone")).toBe(true);
    expect(await jobs.remove(kind, "gone")).toBe(false);
    expect(await jobs.pending(kind)).toEqual([]);
  });
});

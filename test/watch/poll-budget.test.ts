// The hospital calls all watch polls share: a per-minute budget across processes, handed out
// longest-waiting target first, and a pause every process obeys.
import { afterAll, describe, expect, it } from "vitest";
import { createPollBudget } from "../../src/watch/poll-budget.js";
import { cleanPrefix, testPrefix, testRedis } from "../support/redis.js";

const redis = testRedis();
afterAll(() => redis.quit());

describe("the watch poll budget", () => {
  it("grants at most the per-minute budget across processes, the longest waiting target first", async () => {
    const prefix = testPrefix("budget");
    const now = () => new Date(2_000_000);
    const a = createPollBudget({ redis, prefix, perMinute: 3, now });
    const b = createPollBudget({ redis, prefix, perMinute: 3, now });
    expect(await a.take("t1", 1, 1_999_900)).toEqual({ granted: true });
    expect(await b.take("t2", 1, 1_999_900)).toEqual({ granted: true });
    // the last call of the minute goes to t3; t4 waits for the next window
    const t3 = await a.take("t3", 1, 1_999_950);
    expect(t3.granted).toBe(true);
    const t4 = await b.take("t4", 1, 1_999_990);
    expect(t4.granted).toBe(false);
    if (!t4.granted) expect(t4.retryMs).toBeGreaterThan(0);
    await cleanPrefix(redis, prefix);
  });

  it("keeps the last call for the target that has waited longest", async () => {
    const prefix = testPrefix("budget");
    const now = () => new Date(2_000_000);
    const budget = createPollBudget({ redis, prefix, perMinute: 2, now });
    expect((await budget.take("x", 1, 1_999_900)).granted).toBe(true);
    // "old" waits (denied for lack of budget it cannot get: a department of 5 doctors)
    expect((await budget.take("old", 5, 1_990_000)).granted).toBe(false);
    expect((await budget.take("new", 1, 1_999_000)).granted).toBe(false);
    expect((await budget.take("old", 1, 1_990_000)).granted).toBe(true);
    await cleanPrefix(redis, prefix);
  });

  it("pauses every process at once, for the longest pause asked", async () => {
    const prefix = testPrefix("budget");
    const now = () => new Date(2_000_000);
    const a = createPollBudget({ redis, prefix, perMinute: 10, now });
    const b = createPollBudget({ redis, prefix, perMinute: 10, now });
    expect(await b.pausedFor()).toBe(0);
    await a.pause(60_000);
    await a.pause(1_000);
    expect(await b.pausedFor()).toBeGreaterThan(50_000);
    await cleanPrefix(redis, prefix);
  });
});

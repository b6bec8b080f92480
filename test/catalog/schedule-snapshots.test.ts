// Schedule snapshots: a reading recorded by one process is reused by every other within the age it
// accepts; a fresher one is fetched once for all, however many ask at the same moment.
import { afterEach, describe, expect, it } from "vitest";
import { createScheduleSnapshots } from "../../src/catalog/schedule-snapshots.js";
import type { HospitalApi, Schedule } from "../../src/hospital/types.js";
import { silentLogger } from "../../src/observability/logger.js";
import { cleanPrefix, testPrefix, testRedis } from "../support/redis.js";

const redis = testRedis();
const prefix = testPrefix("snapshots");
afterEach(() => cleanPrefix(redis, prefix));

function fakeApi(calls: { n: number }): HospitalApi {
  const schedule = (date: string): Schedule => ({
    scheduleId: `s${date}`,
    unitId: "1",
    depId: "2",
    doctorId: "3",
    date,
    period: "am",
    levelName: "普通",
    fee: 20,
    capacity: 10,
    available: calls.n,
  });
  const never = () => Promise.reject(new Error("not used"));
  return {
    listHospitals: never,
    listDepartments: never,
    listDoctors: never,
    listSlots: never,
    placeOrder: never,
    cancelOrder: never,
    async listSchedules(q) {
      calls.n++;
      await new Promise((r) => setTimeout(r, 50));
      return [schedule(q.beginDate), schedule(q.endDate)];
    },
  };
}

describe("schedule snapshots", () => {
  it("fetches once for two processes asking at once, and reuses the reading within maxAge", async () => {
    let t = 1_000_000;
    const now = () => new Date(t);
    const calls = { n: 0 };
    const api = fakeApi(calls);
    const a = createScheduleSnapshots({ api, redis, prefix, now, logger: silentLogger() });
    const b = createScheduleSnapshots({ api, redis, prefix, now, logger: silentLogger() });
    const [x, y, z] = await Promise.all([
      a.get("1", "2", "3", "2026-12-01", "2026-12-07", 10_000),
      b.get("1", "2", "3", "2026-12-01", "2026-12-07", 10_000),
      b.get("1", "2", "3", "2026-12-01", "2026-12-07", 10_000),
    ]);
    expect(calls.n).toBe(1);
    expect(y).toEqual(x);
    expect(z).toEqual(x);
    expect(x.fetchedAt).toBe(t);
    // a narrower range inside the recorded one is served from it
    t += 5_000;
    const inside = await b.get("1", "2", "3", "2026-12-07", "2026-12-07", 10_000);
    expect(calls.n).toBe(1);
    expect(inside.schedules.map((s) => s.date)).toEqual(["2026-12-07"]);
    // too old for this reader, or a range the reading does not cover: fetched again
    await a.get("1", "2", "3", "2026-12-01", "2026-12-07", 1_000);
    expect(calls.n).toBe(2);
    await a.get("1", "2", "3", "2026-12-01", "2026-12-10", 60_000);
    expect(calls.n).toBe(3);
  });
});

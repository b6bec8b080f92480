// The catalog's caching against a real Redis, with a counting stand-in for the hospital so every upstream
// request is visible. (sandbox.test.ts runs the same catalog against the sandbox over HTTP.)
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CatalogTtl, createCatalog } from "../../src/catalog/catalog.js";
import { HospitalUnavailableError } from "../../src/hospital/errors.js";
import type {
  Department,
  Doctor,
  Hospital,
  HospitalApi,
  Page,
  PageRequest,
} from "../../src/hospital/types.js";
import { silentLogger } from "../../src/observability/logger.js";
import { cleanPrefix, testPrefix, testRedis } from "../support/redis.js";

const hospital = (i: number): Hospital => ({
  unitId: String(100 + i),
  name: `第${i}人民医院`,
  level: "三甲",
  provinceName: "广东省",
  cityName: i % 3 === 0 ? "广州市" : "深圳市",
  cityCode: i % 3 === 0 ? "440100" : "440300",
  districtName: "",
  address: "",
  telephone: "",
  mapPoint: "",
  busRoute: "",
  payType: "onsite",
  appointmentOpenTime: { hour: 8, minute: 0 },
  bookingWindowDays: 7,
});
const HOSPITALS = Array.from({ length: 25 }, (_, i) => hospital(i));

/** A hospital that answers at most 10 records a page, slowly, and counts what it is asked. */
function countingApi() {
  const calls: Record<string, number> = {};
  let failing = false;
  let slotsTaken = 0;
  const count = async (name: string) => {
    calls[name] = (calls[name] ?? 0) + 1;
    await new Promise((r) => setTimeout(r, 30));
    if (failing) throw new HospitalUnavailableError("depList", "http 503");
  };
  const page = <T>(all: T[], p: PageRequest): Page<T> => {
    const size = Math.min(10, p.pageSize);
    const start = (p.pageNum - 1) * size;
    return { items: all.slice(start, start + size), total: all.length, ...p };
  };
  const api: HospitalApi = {
    async listHospitals(p) {
      await count("hospitals");
      return page(HOSPITALS, p);
    },
    async listDepartments(unitId, p) {
      await count("departments");
      const deps: Department[] = ["内科", "外科", "儿科"].map((name, i) => ({
        depId: String(i + 1),
        unitId,
        name,
        className: name,
        intro: "",
      }));
      return page(deps, p);
    },
    async listDoctors(unitId, depId, p) {
      await count("doctors");
      const doc: Doctor = {
        doctorId: "7",
        unitId,
        depId,
        name: "王医生",
        title: "主任医师",
        gender: "male",
        expertise: "",
      };
      return page([doc], p);
    },
    async listSchedules(q) {
      await count("schedules");
      return [
        {
          scheduleId: `S${calls.schedules}`,
          ...q,
          date: q.beginDate,
          period: "am",
          levelName: "普通号",
          fee: 25,
          capacity: 10,
          available: 10 - (calls.schedules ?? 0),
        },
      ];
    },
    async listSlots(_unitId, scheduleId) {
      await count("slots");
      slotsTaken++;
      return [
        {
          resourceId: "R1",
          scheduleId,
          beginTime: "",
          endTime: "",
          fee: 25,
          available: Math.max(0, 5 - slotsTaken),
        },
      ];
    },
    placeOrder: () => Promise.reject(new Error("not used")),
    cancelOrder: () => Promise.reject(new Error("not used")),
  };
  return {
    api,
    calls,
    fail: (on: boolean) => {
      failing = on;
    },
  };
}

let redis: Redis;
const prefixes: string[] = [];
function catalogWith(api: HospitalApi, prefix: string, ttl: Partial<CatalogTtl> = {}, r: Redis = redis) {
  return createCatalog({ api, redis: r, prefix, logger: silentLogger(), ttl, fillWaitMs: 2000 });
}
function freshPrefix(name: string): string {
  const p = testPrefix(`catalog-${name}`);
  prefixes.push(p);
  return p;
}

beforeAll(() => {
  redis = testRedis();
});
afterAll(async () => {
  for (const p of prefixes) await cleanPrefix(redis, p);
  redis.disconnect();
});

describe("the catalog", () => {
  it("serves cities, hospitals and lookups from one walk of the hospital list", async () => {
    const up = countingApi();
    const catalog = catalogWith(up.api, freshPrefix("lists"));
    expect(await catalog.cities()).toEqual([
      { name: "深圳市", code: "440300", hospitalCount: 16 },
      { name: "广州市", code: "440100", hospitalCount: 9 },
    ]);
    expect(await catalog.hospitals()).toHaveLength(25);
    expect((await catalog.hospitals("广州市")).map((h) => h.unitId)).toContain("100");
    expect((await catalog.hospital("124"))?.name).toBe("第24人民医院");
    expect(await catalog.hospital("999")).toBeUndefined();
    expect((await catalog.department("100", "3"))?.name).toBe("儿科");
    expect((await catalog.doctor("100", "3", "7"))?.title).toBe("主任医师");
    expect(up.calls).toEqual({ hospitals: 3, departments: 1, doctors: 1 });
  });

  it("makes one upstream walk for a hundred concurrent callers", async () => {
    const up = countingApi();
    const catalog = catalogWith(up.api, freshPrefix("flight"));
    const results = await Promise.all(Array.from({ length: 100 }, () => catalog.hospitals()));
    expect(results.every((r) => r.length === 25)).toBe(true);
    expect(up.calls.hospitals).toBe(3);
  });

  it("makes one upstream walk for two processes filling the same entry at once", async () => {
    const up = countingApi();
    const prefix = freshPrefix("lock");
    const other = testRedis();
    const a = catalogWith(up.api, prefix);
    const b = catalogWith(up.api, prefix, {}, other);
    const [ra, rb] = await Promise.all([a.departments("100"), b.departments("100")]);
    other.disconnect();
    expect(ra).toEqual(rb);
    expect(up.calls.departments).toBe(1);
  });

  it("lets a second process read what the first cached in Redis", async () => {
    const prefix = freshPrefix("shared");
    const first = countingApi();
    await catalogWith(first.api, prefix).doctors("100", "1");
    const second = countingApi();
    const doctors = await catalogWith(second.api, prefix).doctors("100", "1");
    expect(doctors.map((d) => d.name)).toEqual(["王医生"]);
    expect(second.calls).toEqual({});
  });

  it("falls back to Redis, not the hospital, when the in-process copy expires", async () => {
    const up = countingApi();
    const catalog = catalogWith(up.api, freshPrefix("memory"), { memorySec: 0.05 });
    await catalog.departments("100");
    await new Promise((r) => setTimeout(r, 80));
    await catalog.departments("100");
    expect(up.calls.departments).toBe(1);
  });

  it("hands out copies, so one caller's sort does not reorder another's list", async () => {
    const catalog = catalogWith(countingApi().api, freshPrefix("copies"));
    const mine = await catalog.departments("100");
    mine.reverse();
    expect((await catalog.departments("100"))[0]?.name).toBe("内科");
  });

  it("never caches slots", async () => {
    const up = countingApi();
    const catalog = catalogWith(up.api, freshPrefix("slots"));
    const seen = [];
    for (let i = 0; i < 3; i++) seen.push((await catalog.slots("100", "S1"))[0]?.available);
    expect(seen).toEqual([4, 3, 2]);
    expect(up.calls.slots).toBe(3);
  });

  it("caches schedules for seconds only, and drops them when asked", async () => {
    const up = countingApi();
    const prefix = freshPrefix("schedules");
    const catalog = catalogWith(up.api, prefix, { schedulesSec: 0.3 });
    const other = catalogWith(up.api, prefix, { schedulesSec: 0.3 });
    const ask = (c: typeof catalog) => c.schedules("100", "1", "7", "2024-05-01", "2024-05-07");
    await Promise.all(Array.from({ length: 20 }, () => ask(catalog)));
    await ask(other);
    expect(up.calls.schedules).toBe(1);

    await new Promise((r) => setTimeout(r, 350));
    await ask(catalog);
    expect(up.calls.schedules).toBe(2);

    await catalog.invalidateSchedules("100", "1", "7");
    expect((await ask(other))[0]?.scheduleId).toBe("S3");
    expect(up.calls.schedules).toBe(3);
  });

  it("does not cache a failure, and frees the fill lock for the next caller at once", async () => {
    const up = countingApi();
    const prefix = freshPrefix("failure");
    const catalog = catalogWith(up.api, prefix);
    up.fail(true);
    await expect(catalog.departments("100")).rejects.toBeInstanceOf(HospitalUnavailableError);
    up.fail(false);
    const started = Date.now();
    expect(await catalogWith(up.api, prefix).departments("100")).toHaveLength(3);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(up.calls.departments).toBe(2);
  });

  it("keeps serving straight from the hospital when Redis is down", async () => {
    const down = new Redis("redis://127.0.0.1:1", {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      retryStrategy: () => null,
    });
    down.on("error", () => {});
    const up = countingApi();
    const catalog = catalogWith(up.api, freshPrefix("down"), {}, down);
    expect(await catalog.departments("100")).toHaveLength(3);
    expect(await catalog.departments("100")).toHaveLength(3);
    expect(up.calls.departments).toBe(1);
    down.disconnect();
  });
});

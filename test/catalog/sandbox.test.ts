// The catalog over the real client and the sandbox hospital, counting what reaches the hospital.
import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCatalog } from "../../src/catalog/catalog.js";
import { createHospitalClient, type HospitalClient } from "../../src/hospital/client.js";
import { silentLogger } from "../../src/observability/logger.js";
import { type Sandbox, startSandbox } from "../../src/sandbox/server.js";
import { cleanPrefix, testPrefix, testRedis } from "../support/redis.js";

let sandbox: Sandbox;
let client: HospitalClient;
let redis: Redis;
const prefix = testPrefix("catalog-sandbox");

beforeAll(async () => {
  sandbox = await startSandbox({ pageSizeCap: 20, knobs: { latencyMs: 20 } });
  client = createHospitalClient({
    baseUrl: sandbox.url,
    auth: { kind: "fixed", appToken: sandbox.appToken },
    timeoutMs: 2000,
    orderTimeoutMs: 2000,
    maxConcurrent: 20,
    maxPerSecond: 1000,
    retries: 1,
    cardTypeOverrides: {},
    logger: silentLogger(),
  });
  redis = testRedis();
});
afterAll(async () => {
  await cleanPrefix(redis, prefix);
  redis.disconnect();
  client.close();
  await sandbox.close();
});

const newCatalog = () => createCatalog({ api: client, redis, prefix, logger: silentLogger() });

describe("the catalog against the sandbox", () => {
  it("answers a hundred concurrent callers with one walk of the hospital list", async () => {
    const catalog = newCatalog();
    const pages = Math.ceil(sandbox.world.hospitals.length / 20);
    const results = await Promise.all(Array.from({ length: 100 }, () => catalog.hospitals()));
    expect(results.every((r) => r.length === sandbox.world.hospitals.length)).toBe(true);
    expect(sandbox.requestCount("/basicInfo/unitList")).toBe(pages);
    const cities = await catalog.cities();
    expect(cities.map((c) => c.name).sort()).toEqual(sandbox.world.cities.map((c) => c.name).sort());
    expect(cities.reduce((n, c) => n + c.hospitalCount, 0)).toBe(sandbox.world.hospitals.length);
  });

  it("serves a second catalog instance from Redis without asking the hospital", async () => {
    const h = sandbox.world.hospitals[0];
    const unitId = String(h?.unitId);
    await newCatalog().departments(unitId);
    const before = sandbox.requestCount();
    const other = newCatalog();
    expect((await other.departments(unitId)).length).toBe(h?.departments.length);
    expect((await other.hospital(unitId))?.name).toBe(h?.name);
    expect(sandbox.requestCount()).toBe(before);
  });

  it("always asks the hospital for slots, so a slot taken a moment ago shows as full", async () => {
    const catalog = newCatalog();
    const h = sandbox.world.hospitals[0];
    const d = h?.departments[0];
    const doc = d?.doctors[0];
    if (!h || !d || !doc) throw new Error("no first doctor");
    const [unitId, depId, doctorId] = [String(h.unitId), String(d.depId), String(doc.doctorId)];
    const dates = sandbox.world.openDates(h, new Date());
    const schedules = await catalog.schedules(unitId, depId, doctorId, dates[0] ?? "", dates.at(-1) ?? "");
    let found: { scheduleId: string; resourceId: string } | undefined;
    for (const s of schedules.filter((x) => x.available > 0)) {
      const slot = (await catalog.slots(unitId, s.scheduleId)).find((x) => x.available > 0);
      if (slot) {
        found = { scheduleId: s.scheduleId, resourceId: slot.resourceId };
        break;
      }
    }
    if (!found) throw new Error("no open slot");
    const { scheduleId, resourceId } = found;
    const before = sandbox.requestCount("/appointment/resourceList");
    sandbox.takeSlot(resourceId);
    const after = (await catalog.slots(unitId, scheduleId)).find((x) => x.resourceId === resourceId);
    expect(after?.available).toBe(0);
    expect(sandbox.requestCount("/appointment/resourceList")).toBe(before + 1);
  });
});

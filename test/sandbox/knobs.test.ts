import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { API_CODES } from "../../src/hospital/error-codes.js";
import { type Sandbox, startSandbox } from "../../src/sandbox/server.js";
import { CHINA_0900, firstDoctor, firstFreeSlot, get, orderBody, post, schedules } from "./client.js";

let sb: Sandbox;
beforeEach(async () => {
  sb = await startSandbox({ now: () => CHINA_0900 });
});
afterEach(() => sb.close());

const UNITS = "/basicInfo/unitList";
const page = { pageNum: 1, pageSize: 5 };

describe("fault knobs", () => {
  it("adds latency to every response", async () => {
    sb.knobs.latencyMs = 150;
    const started = performance.now();
    await get(sb, UNITS, page);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it("answers HTTP 500 to every request at errorRate 1, and to none at 0", async () => {
    sb.knobs.errorRate = 1;
    for (let i = 0; i < 3; i++) {
      const res = await get(sb, UNITS, page);
      expect(res.status).toBe(500);
      expect(res.body.code).toBe(API_CODES.internal);
    }
    sb.knobs.errorRate = 0;
    expect((await get(sb, UNITS, page)).status).toBe(200);
  });

  it("fails roughly the asked fraction of requests at errorRate 0.5", async () => {
    sb.knobs.errorRate = 0.5;
    const statuses = await Promise.all(Array.from({ length: 60 }, () => get(sb, UNITS, page)));
    const failed = statuses.filter((r) => r.status === 500).length;
    expect(failed).toBeGreaterThan(15);
    expect(failed).toBeLessThan(45);
  });

  it("never answers an order while hangOrders is on, yet records it, and close() ends the wait", async () => {
    const found = await firstFreeSlot(sb, "2026-03-11", "2026-03-24");
    sb.knobs.hangOrders = true;
    const pending = post(sb, "/appointment/order", orderBody(found, found.slot.resourceId)).then(
      () => "answered",
      () => "connection ended",
    );
    const outcome = await Promise.race([
      pending,
      new Promise((r) => setTimeout(() => r("still waiting"), 300)),
    ]);
    expect(outcome).toBe("still waiting");
    expect(sb.requestCount("/appointment/order")).toBe(1);
    expect(sb.orders()).toHaveLength(1);
    // Other endpoints keep answering.
    expect((await get(sb, UNITS, page)).body.code).toBe("0");
    await sb.close();
    expect(await pending).toBe("connection ended");
    sb = await startSandbox();
  });

  it("injects one-shot failures by path and then behaves again", async () => {
    sb.knobs.failNext.push(
      { endpoint: "/appointment/resourceList", status: 503 },
      { endpoint: UNITS, code: API_CODES.slotFull, msg: "号源已满" },
      { endpoint: UNITS, code: API_CODES.invalidToken, msg: "appToken无效" },
    );
    const slotsRes = await get(sb, "/appointment/resourceList", { unitId: 101, scheduleId: "1" });
    expect(slotsRes.status).toBe(503);
    const first = await get(sb, UNITS, page);
    expect(first).toMatchObject({ status: 200, body: { code: API_CODES.slotFull, msg: "号源已满" } });
    const second = await get(sb, UNITS, page);
    expect(second.body.code).toBe(10001);
    expect((await get(sb, UNITS, page)).body.code).toBe("0");
    expect(sb.knobs.failNext).toEqual([]);
  });

  it("stops a clinic for good, and blanks a schedule list only as many times as asked", async () => {
    const doctor = await firstDoctor(sb);
    const listed = await schedules(sb, doctor, "2026-03-10", "2026-03-16");
    const [stopped, kept] = listed;
    if (!stopped || !kept) throw new Error("the first doctor should have two sessions that week");
    sb.knobs.emptyScheduleLists = 1;
    expect(await schedules(sb, doctor, "2026-03-10", "2026-03-16")).toEqual([]);
    expect(await schedules(sb, doctor, "2026-03-10", "2026-03-16")).toHaveLength(listed.length);
    sb.knobs.stoppedSchedules.push(stopped.scheduleId);
    for (let i = 0; i < 2; i++) {
      const ids = (await schedules(sb, doctor, "2026-03-10", "2026-03-16")).map((s) => s.scheduleId);
      expect(ids).not.toContain(stopped.scheduleId);
      expect(ids).toContain(kept.scheduleId);
    }
    const slots = await get(sb, "/appointment/resourceList", {
      unitId: doctor.unitId,
      scheduleId: stopped.scheduleId,
    });
    expect(slots.body.code).not.toBe("0");
  });

  it("counts requests in total and by path", async () => {
    await get(sb, UNITS, page);
    await get(sb, UNITS, page);
    await get(sb, "/basicInfo/depList", { unitId: 101, ...page });
    expect(sb.requestCount(UNITS)).toBe(2);
    expect(sb.requestCount("/basicInfo/depList")).toBe(1);
    expect(sb.requestCount()).toBe(3);
  });

  it("starts with knobs given as options", async () => {
    const slow = await startSandbox({ knobs: { errorRate: 1 } });
    try {
      expect((await get(slow, UNITS, page)).status).toBe(500);
      expect(slow.knobs).toMatchObject({ latencyMs: 0, hangOrders: false, failNext: [] });
    } finally {
      await slow.close();
    }
  });
});

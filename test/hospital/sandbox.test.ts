// Every endpoint of the client against the sandbox hospital over real HTTP.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HospitalClient } from "../../src/hospital/client.js";
import { API_CODES } from "../../src/hospital/error-codes.js";
import { HospitalApiError, OrderOutcomeUnknownError } from "../../src/hospital/errors.js";
import { fetchAllPages } from "../../src/hospital/paging.js";
import type { OrderRequest, Schedule, Slot } from "../../src/hospital/types.js";
import { type Sandbox, startSandbox } from "../../src/sandbox/server.js";
import { testClient } from "./support/fake-hospital.js";

let sandbox: Sandbox;
let client: HospitalClient;

beforeAll(async () => {
  sandbox = await startSandbox({ pageSizeCap: 7 });
  client = testClient(sandbox.url, { auth: { kind: "fixed", appToken: sandbox.appToken } }).client;
});
afterAll(async () => {
  client.close();
  await sandbox.close();
});

const first = () => {
  const h = sandbox.world.hospitals[0];
  const d = h?.departments[0];
  const doc = d?.doctors[0];
  if (!h || !d || !doc) throw new Error("the sandbox world has no first doctor");
  return { unitId: String(h.unitId), depId: String(d.depId), doctorId: String(doc.doctorId), h };
};

/** An open slot of the first doctor, as the bot would find it. */
async function openSlot(): Promise<{ schedule: Schedule; slot: Slot }> {
  const { unitId, depId, doctorId, h } = first();
  const dates = sandbox.world.openDates(h, new Date());
  const schedules = await client.listSchedules({
    unitId,
    depId,
    doctorId,
    beginDate: dates[0] ?? "",
    endDate: dates[dates.length - 1] ?? "",
  });
  for (const schedule of schedules.filter((s) => s.available > 0)) {
    const slot = (await client.listSlots(unitId, schedule.scheduleId)).find((s) => s.available > 0);
    if (slot) return { schedule, slot };
  }
  throw new Error("no open slot for the first doctor");
}

const orderFor = (slot: Slot): OrderRequest => ({
  ...first(),
  resourceId: slot.resourceId,
  patient: {
    name: "测试患者",
    certificate: { kind: "id_card", number: "110101199003077777" },
    sex: "female",
    birthday: "1990-03-07",
    mobile: "13800138000",
    clinicNo: null,
    address: "深圳市福田区",
    guardian: null,
  },
});

describe("the client against the sandbox", () => {
  it("walks the whole hospital list although the sandbox caps pages at 7", async () => {
    const before = sandbox.requestCount("/basicInfo/unitList");
    const all = await fetchAllPages((pageNum) => client.listHospitals({ pageNum, pageSize: 50 }));
    expect(all.map((h) => h.unitId)).toEqual(sandbox.world.hospitals.map((h) => String(h.unitId)));
    expect(sandbox.requestCount("/basicInfo/unitList") - before).toBe(Math.ceil(all.length / 7));
    for (const h of all) {
      expect(h.appointmentOpenTime.hour).toBeGreaterThanOrEqual(0);
      expect(h.bookingWindowDays).toBeGreaterThanOrEqual(0);
      expect(["onsite", "online"]).toContain(h.payType);
    }
  });

  it("lists departments and doctors with string IDs and readable genders", async () => {
    const { unitId, depId, doctorId } = first();
    const deps = await client.listDepartments(unitId, { pageNum: 1, pageSize: 50 });
    expect(deps.items.map((d) => d.depId)).toContain(depId);
    expect(deps.items.every((d) => d.unitId === unitId && d.name !== "")).toBe(true);
    const doctors = await client.listDoctors(unitId, depId, { pageNum: 1, pageSize: 50 });
    expect(doctors.items[0]).toMatchObject({ doctorId, unitId, depId });
    expect(doctors.items.every((d) => d.gender !== "unknown")).toBe(true);
  });

  it("lists schedules and live slots", async () => {
    const { schedule, slot } = await openSlot();
    expect(["am", "pm", "em"]).toContain(schedule.period);
    expect(schedule.available).toBeLessThanOrEqual(schedule.capacity);
    expect(slot.scheduleId).toBe(schedule.scheduleId);
    expect(slot.beginTime).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  });

  it("places an order and cancels it; a second cancel is refused", async () => {
    const { slot } = await openSlot();
    const confirmation = await client.placeOrder(orderFor(slot));
    expect(confirmation.orderId).not.toBe("");
    expect(confirmation.hisTakeNo).not.toBe("");
    expect(sandbox.orders().map((o) => String(o.orderId))).toContain(confirmation.orderId);
    await client.cancelOrder(confirmation.orderId, "行程有变");
    await expect(client.cancelOrder(confirmation.orderId, "再取消")).rejects.toMatchObject({
      endpoint: "cancel",
      code: API_CODES.orderAlreadyCancelled,
    });
  });

  it("reports a slot someone else just took as slotFull", async () => {
    const { slot } = await openSlot();
    sandbox.takeSlot(slot.resourceId);
    const err = await client.placeOrder(orderFor(slot)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HospitalApiError);
    expect(err).toMatchObject({ code: API_CODES.slotFull });
  });

  it("retries an injected 5xx on a GET", async () => {
    const { unitId } = first();
    sandbox.knobs.failNext.push({ endpoint: "/basicInfo/depList", status: 503 });
    const before = sandbox.requestCount("/basicInfo/depList");
    await client.listDepartments(unitId, { pageNum: 1, pageSize: 5 });
    expect(sandbox.requestCount("/basicInfo/depList") - before).toBe(2);
  });

  it("an order whose answer never comes is an unknown outcome, sent exactly once", async () => {
    const { slot } = await openSlot();
    sandbox.knobs.hangOrders = true;
    const hanging = testClient(sandbox.url, {
      auth: { kind: "fixed", appToken: sandbox.appToken },
      orderTimeoutMs: 300,
      retries: 5,
    }).client;
    const before = sandbox.requestCount("/appointment/order");
    try {
      await expect(hanging.placeOrder(orderFor(slot))).rejects.toBeInstanceOf(OrderOutcomeUnknownError);
      expect(sandbox.requestCount("/appointment/order") - before).toBe(1);
    } finally {
      sandbox.knobs.hangOrders = false;
      hanging.close();
    }
  });
});

describe("the appToken from the sandbox's credentials", () => {
  it("is fetched once, and renewed once when revoked under concurrent calls", async () => {
    const own = await startSandbox({ tokenTtlSeconds: 3600 });
    const c = testClient(own.url, {
      auth: { kind: "credentials", appId: 1001, appSecret: "sandbox-secret" },
    });
    try {
      const unitId = String(own.world.hospitals[0]?.unitId);
      await Promise.all(
        Array.from({ length: 10 }, () => c.client.listDepartments(unitId, { pageNum: 1, pageSize: 5 })),
      );
      expect(own.requestCount("/app/token")).toBe(1);
      own.revokeTokens();
      await Promise.all(
        Array.from({ length: 10 }, () => c.client.listDepartments(unitId, { pageNum: 1, pageSize: 5 })),
      );
      expect(own.requestCount("/app/token")).toBe(2);
      expect(c.calls.filter((e) => e.outcome === API_CODES.invalidToken).length).toBeGreaterThan(0);
    } finally {
      c.client.close();
      await own.close();
    }
  });

  it("is renewed when it expires by the sandbox's clock", async () => {
    let clock = Date.now();
    const own = await startSandbox({ tokenTtlSeconds: 120, now: () => new Date(clock) });
    const c = testClient(own.url, {
      auth: { kind: "credentials", appId: 1001, appSecret: "sandbox-secret" },
      now: () => clock,
    });
    try {
      const unitId = String(own.world.hospitals[0]?.unitId);
      await c.client.listDepartments(unitId, { pageNum: 1, pageSize: 5 });
      clock += 119_000;
      await c.client.listDepartments(unitId, { pageNum: 1, pageSize: 5 });
      expect(own.requestCount("/app/token")).toBe(2);
      // renewed before expiry, so no call was ever refused
      expect(c.calls.every((e) => e.outcome === "ok")).toBe(true);
    } finally {
      c.client.close();
      await own.close();
    }
  });
});

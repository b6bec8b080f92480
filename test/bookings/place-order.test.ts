// The order service against a real Redis and a scripted hospital: the booking record is written before
// the POST, a patient's unknown booking blocks a second POST for the same schedule only, and the
// certificate number is never stored.
import { afterAll, describe, expect, it } from "vitest";
import { createOrderService, type OrderSummary } from "../../src/bookings/place-order.js";
import { createBookingRecords } from "../../src/bookings/records-store.js";
import { OrderOutcomeUnknownError } from "../../src/hospital/errors.js";
import type { HospitalApi, OrderConfirmation, OrderRequest } from "../../src/hospital/types.js";
import { silentLogger } from "../../src/observability/logger.js";
import { cleanPrefix, testPrefix, testRedis } from "../support/redis.js";
import { fakeHospital } from "./fixtures.js";

const redis = testRedis();
const prefixes: string[] = [];
afterAll(async () => {
  for (const p of prefixes) await cleanPrefix(redis, p);
  await redis.quit();
});

const CERT = "110101199003077777";
const request = (certNo = CERT): OrderRequest => ({
  unitId: "1",
  depId: "2",
  doctorId: "3",
  resourceId: "4",
  patient: {
    name: "王五",
    certificate: { kind: "id_card", number: certNo },
    sex: "male",
    birthday: "1990-03-07",
    mobile: "13800138000",
    clinicNo: null,
    address: "广州",
    guardian: null,
  },
});
const summary = (scheduleId = "s1"): OrderSummary => ({
  hospital: "医院",
  department: "内科",
  doctor: "医生",
  beginTime: "2030-03-10 09:00:00",
  endTime: "2030-03-10 09:30:00",
  fee: 20,
  scheduleId,
});

function setup(place: (req: OrderRequest, nth: number) => Promise<OrderConfirmation>) {
  const prefix = testPrefix("place-order");
  prefixes.push(prefix);
  const records = createBookingRecords({ redis, prefix });
  let posts = 0;
  const api: HospitalApi = {
    ...fakeHospital().api,
    placeOrder: (req) => place(req, ++posts),
  };
  const service = createOrderService({ api, records, redis, prefix, logger: silentLogger() });
  return { service, records, prefix, posts: () => posts };
}

describe("placing an order", () => {
  it("writes the booking record, placing, with its attempt id before the POST, and completes it after", async () => {
    let seenDuringPost: unknown;
    const s = setup(async () => {
      seenDuringPost = await s.records.list(7);
      return { orderId: "555001", hisTakeNo: "8899" };
    });
    const outcome = await s.service.placeOrderOnce(7, "att1", request(), summary());
    expect(seenDuringPost).toEqual([expect.objectContaining({ status: "placing", attemptId: "att1" })]);
    expect(outcome).toMatchObject({ kind: "placed", saved: true });
    expect((await s.records.list(7)).map((r) => [r.id, r.status])).toEqual([["555001", "booked"]]);
  });

  it("keeps the certificate number out of Redis: the patient is recognised by a keyed hash", async () => {
    const s = setup(async () => ({ orderId: "555002", hisTakeNo: "1" }));
    await s.service.placeOrderOnce(7, "att2", request(), summary());
    const stored = await redis.hgetall(`${s.prefix}bookings:7`);
    expect(JSON.stringify(stored)).not.toContain(CERT);
    expect(JSON.stringify(stored)).not.toContain(CERT.slice(0, 12));
    expect((await s.records.list(7))[0]?.patientKey).toMatch(/^[\w-]{22}$/);
  });

  it("posts no second order for the same patient and schedule while the first is unknown, until the patient says it was not booked", async () => {
    const s = setup(async (_req, nth) => {
      if (nth === 1) throw new OrderOutcomeUnknownError("timeout");
      return { orderId: `55500${nth}`, hisTakeNo: "1" };
    });
    const first = await s.service.placeOrderOnce(7, "a1", request(), summary("s1"));
    expect(first.kind).toBe("unknown");

    const again = await s.service.placeOrderOnce(7, "a2", request(), summary("s1"));
    expect(again).toMatchObject({ kind: "unresolved", record: { status: "unknown" } });
    expect(s.posts()).toBe(1);
    // the same person typed in lower case is the same person
    const lower = await s.service.placeOrderOnce(7, "a2b", request(CERT.toLowerCase()), summary("s1"));
    expect(lower.kind).toBe("unresolved");

    // another schedule, or another patient on this schedule, is not held up
    expect((await s.service.placeOrderOnce(7, "a3", request(), summary("s2"))).kind).toBe("placed");
    expect((await s.service.placeOrderOnce(7, "a4", request("11010119900307001X"), summary("s1"))).kind).toBe(
      "placed",
    );
    expect(s.posts()).toBe(3);

    if (again.kind !== "unresolved") throw new Error("expected unresolved");
    expect(await s.service.settleNotBooked(7, again.record.id)).toBe(true);
    expect(await s.records.get(7, again.record.id)).toMatchObject({ status: "not_booked" });
    expect((await s.service.placeOrderOnce(7, "a5", request(), summary("s1"))).kind).toBe("placed");
    expect(s.posts()).toBe(4);
  });

  it("treats a record left placing (the process died) like an unknown one, and lets no one settle a fresh one", async () => {
    const s = setup(async () => ({ orderId: "555100", hisTakeNo: "1" }));
    const stuck = {
      id: "u-dead",
      attemptId: "dead",
      orderId: null,
      takeNo: null,
      status: "placing" as const,
      placedAt: new Date().toISOString(),
    };
    // what a process that died after its write-ahead leaves behind
    const done = await s.service.placeOrderOnce(7, "x0", request(), summary("s9"));
    if (done.kind !== "placed") throw new Error("setup failed");
    const left = { ...done.record, ...stuck };
    await s.records.add(7, left);
    expect((await s.service.placeOrderOnce(7, "x1", request(), summary("s9"))).kind).toBe("unresolved");
    expect(await s.service.settleNotBooked(7, "u-dead")).toBe(false);
    // another user cannot settle it either, whatever the id
    expect(await s.service.settleNotBooked(8, "u-dead")).toBe(false);
  });
});

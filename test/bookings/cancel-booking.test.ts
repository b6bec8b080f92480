import { afterAll, describe, expect, it } from "vitest";
import { type CancelOutcome, createCancelService, parseReason } from "../../src/bookings/cancel-booking.js";
import { createBookingRecords } from "../../src/bookings/records-store.js";
import { API_CODES } from "../../src/hospital/error-codes.js";
import { HospitalApiError, HospitalUnavailableError } from "../../src/hospital/errors.js";
import { silentLogger } from "../../src/observability/logger.js";
import { cleanPrefix, testPrefix, testRedis } from "../support/redis.js";
import { type CancelCall, fakeHospital, record } from "./fixtures.js";

const redis = testRedis();
const prefixes: string[] = [];
// 2025-03-07 08:00 in China
const NOW = new Date("2025-03-07T00:00:00Z");

afterAll(async () => {
  for (const p of prefixes) await cleanPrefix(redis, p);
  await redis.quit();
});

function setup(cancel?: (call: CancelCall, nth: number) => Promise<void>) {
  const prefix = testPrefix("cancel-booking");
  prefixes.push(prefix);
  const hospital = fakeHospital(cancel);
  const records = createBookingRecords({ redis, prefix });
  const kinds: CancelOutcome["kind"][] = [];
  const make = () =>
    createCancelService({
      api: hospital.api,
      records,
      redis,
      prefix,
      logger: silentLogger(),
      now: () => NOW,
      onOutcome: (k) => kinds.push(k),
    });
  return { service: make(), another: make(), records, calls: hospital.calls, kinds };
}

const refusal =
  (code: string, msg = "refused") =>
  () =>
    Promise.reject(new HospitalApiError("cancel", code, msg));

describe("cancelling a booking", () => {
  it("cancels the patient's own booking at the hospital with the reason, and records it as cancelled", async () => {
    const { service, records, calls, kinds } = setup();
    await records.add(7, record({ id: "100001" }));

    expect(await service.check(7, "100001")).toMatchObject({ kind: "cancellable" });
    const outcome = await service.cancel(7, "100001", "时间冲突");

    expect(outcome).toMatchObject({ kind: "cancelled", record: { status: "cancelled" } });
    expect(calls).toEqual([{ orderId: "100001", reason: "时间冲突" }]);
    expect(await records.get(7, "100001")).toMatchObject({
      status: "cancelled",
      cancelledAt: NOW.toISOString(),
    });
    expect(kinds).toEqual(["cancelled"]);
  });

  it("answers someone else's order exactly like one that does not exist, and never asks the hospital", async () => {
    const { service, records, calls } = setup();
    await records.add(7, record({ id: "100001" }));

    const theirs = await service.cancel(8, "100001", "x");
    const nobodys = await service.cancel(8, "999999", "x");

    expect(theirs).toEqual({ kind: "not_found" });
    expect(nobodys).toEqual(theirs);
    expect(await service.check(8, "100001")).toEqual(await service.check(8, "999999"));
    expect(await service.cancel(8, "100001\n*", "x")).toEqual({ kind: "not_found" });
    expect(calls).toEqual([]);
    expect(await records.get(7, "100001")).toMatchObject({ status: "booked" });
  });

  it("refuses an appointment whose start has come (China time), without asking the hospital", async () => {
    const { service, records, calls } = setup();
    await records.add(
      7,
      record({ id: "1", beginTime: "2025-03-07 08:00:00", endTime: "2025-03-07 08:30:00" }),
    );
    await records.add(7, record({ id: "2", beginTime: "2025-03-06 15:00:00" }));
    await records.add(7, record({ id: "3", beginTime: "2025-03-07 08:01:00" }));

    expect(await service.cancel(7, "1", "x")).toMatchObject({ kind: "past" });
    expect(await service.cancel(7, "2", "x")).toMatchObject({ kind: "past" });
    expect(await service.check(7, "3")).toMatchObject({ kind: "cancellable" });
    expect(calls).toEqual([]);
  });

  it("never cancels an order whose outcome is unknown, nor one already cancelled", async () => {
    const { service, records, calls } = setup();
    await records.add(7, record({ id: "u-attempt1", orderId: null, takeNo: null, status: "unknown" }));
    await records.add(7, record({ id: "100002", status: "cancelled" }));

    expect(await service.cancel(7, "u-attempt1", "x")).toMatchObject({ kind: "unknown_outcome" });
    expect(await service.cancel(7, "100002", "x")).toMatchObject({ kind: "already_cancelled" });
    expect(calls).toEqual([]);
  });

  it("makes one hospital call when the same cancellation is sent twice at once, from two processes", async () => {
    let release = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const { service, another, records, calls } = setup(() => gate);
    await records.add(7, record({ id: "100001" }));

    const both = Promise.all([service.cancel(7, "100001", "a"), another.cancel(7, "100001", "b")]);
    await new Promise((r) => setTimeout(r, 50));
    release();
    const kinds = (await both).map((o) => o.kind).sort();

    expect(kinds).toEqual(["cancelled", "in_progress"]);
    expect(calls).toHaveLength(1);
    expect(await service.cancel(7, "100001", "again")).toMatchObject({ kind: "already_cancelled" });
    expect(calls).toHaveLength(1);
  });

  it("catches up when the hospital says the order was already cancelled elsewhere", async () => {
    const { service, records } = setup(refusal(API_CODES.orderAlreadyCancelled));
    await records.add(7, record({ id: "100001" }));

    expect(await service.cancel(7, "100001", "x")).toMatchObject({ kind: "already_cancelled" });
    expect(await records.get(7, "100001")).toMatchObject({ status: "cancelled" });
  });

  it.each([
    [API_CODES.cancelTooLate, { kind: "too_late" }],
    [API_CODES.orderNotFound, { kind: "hospital_not_found" }],
    [API_CODES.internal, { kind: "refused", code: API_CODES.internal, message: "系统繁忙" }],
  ])("keeps the booking booked when the hospital refuses with code %s", async (code, expected) => {
    const { service, records } = setup(refusal(code, "系统繁忙"));
    await records.add(7, record({ id: "100001" }));

    expect(await service.cancel(7, "100001", "x")).toMatchObject(expected);
    expect(await records.get(7, "100001")).toMatchObject({ status: "booked" });
  });

  it("lets the patient retry after the hospital could not be reached", async () => {
    const { service, records, calls } = setup(async (_call, nth) => {
      if (nth === 1) throw new HospitalUnavailableError("cancel", "timeout");
    });
    await records.add(7, record({ id: "100001" }));

    expect(await service.cancel(7, "100001", "x")).toEqual({ kind: "unavailable" });
    expect(await records.get(7, "100001")).toMatchObject({ status: "booked" });
    expect(await service.cancel(7, "100001", "x")).toMatchObject({ kind: "cancelled" });
    expect(calls).toHaveLength(2);
  });
});

describe("a cancellation reason", () => {
  it("is one line of at most 100 characters, counted as the patient sees them", () => {
    expect(parseReason("  临时\n 有事  ")).toEqual({ ok: true, reason: "临时 有事" });
    expect(parseReason("病".repeat(100))).toEqual({ ok: true, reason: "病".repeat(100) });
    expect(parseReason("😷".repeat(100))).toMatchObject({ ok: true });
    expect(parseReason("病".repeat(101))).toEqual({ ok: false, problem: "too_long" });
    expect(parseReason(" \n ")).toEqual({ ok: false, problem: "empty" });
  });
});

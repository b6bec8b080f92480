import { describe, expect, it } from "vitest";
import { cancellableBookings, splitBookings } from "../../src/bookings/bookings-view.js";
import { record } from "./fixtures.js";

// 2025-03-07 08:00 in China, still 2025-03-06 in most of the world
const NOW = new Date("2025-03-07T00:00:00Z");

describe("the bookings view", () => {
  it("lists upcoming appointments soonest first, then the last 30 days most recent first", () => {
    const records = [
      record({ id: "later", beginTime: "2025-03-20 14:00:00" }),
      record({ id: "soon", beginTime: "2025-03-07 08:30:00" }),
      record({ id: "this-morning", beginTime: "2025-03-07 07:30:00" }),
      record({ id: "last-month", beginTime: "2025-02-10 09:00:00" }),
      record({ id: "too-old", beginTime: "2025-01-20 09:00:00" }),
    ];

    const view = splitBookings(records, NOW);

    expect(view.upcoming.map((r) => r.id)).toEqual(["soon", "later"]);
    expect(view.past.map((r) => r.id)).toEqual(["this-morning", "last-month"]);
  });

  it("keeps unknown, placing, cancelled and not-booked records out of upcoming and past", () => {
    const records = [
      record({ id: "ahead", beginTime: "2025-03-20 14:00:00" }),
      record({ id: "cancelled", beginTime: "2025-03-10 09:00:00", status: "cancelled" }),
      record({ id: "not-booked", beginTime: "2025-03-11 09:00:00", status: "not_booked", orderId: null }),
      record({ id: "unknown", beginTime: "2025-03-12 09:00:00", status: "unknown", orderId: null }),
      record({ id: "placing", beginTime: "2025-03-05 09:00:00", status: "placing", orderId: null }),
      record({ id: "behind", beginTime: "2025-03-01 09:00:00" }),
    ];

    const view = splitBookings(records, NOW);

    expect(view.upcoming.map((r) => r.id)).toEqual(["ahead"]);
    expect(view.unresolved.map((r) => r.id)).toEqual(["placing", "unknown"]);
    expect(view.past.map((r) => r.id)).toEqual(["behind"]);
    expect(view.cancelled.map((r) => r.id)).toEqual(["cancelled", "not-booked"]);
  });

  it("offers only upcoming bookings that are booked for cancelling", () => {
    const records = [
      record({ id: "a", beginTime: "2025-03-08 09:00:00" }),
      record({ id: "b", beginTime: "2025-03-08 10:00:00", status: "cancelled" }),
      record({ id: "c", beginTime: "2025-03-08 11:00:00", status: "unknown", orderId: null }),
      record({ id: "d", beginTime: "2025-03-07 08:00:00" }),
    ];

    expect(cancellableBookings(records, NOW).map((r) => r.id)).toEqual(["a"]);
  });
});

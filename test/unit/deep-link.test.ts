import { describe, expect, it } from "vitest";
import { bookingLink, bookingPayload, parseBookingPayload } from "../../src/links/deep-link.js";

describe("booking deep links", () => {
  it("round-trips every form", () => {
    for (const choices of [
      {},
      { unitId: "100" },
      { unitId: "100", depId: "300" },
      { unitId: "100", depId: "300", doctorId: "700" },
      { unitId: "100", depId: "300", doctorId: "700", scheduleId: "101011202612031" },
    ]) {
      expect(parseBookingPayload(bookingPayload(choices))).toEqual(choices);
    }
    expect(bookingLink("b_bot", { unitId: "1" })).toBe("https://t.me/b_bot?start=book-1");
  });

  it("refuses to build a link with a gap", () => {
    expect(() => bookingPayload({ unitId: "1", doctorId: "3" })).toThrow(/needs the one before/);
    expect(() => bookingPayload({ depId: "2" })).toThrow(/needs the one before/);
  });

  it("reads anything else as no booking link", () => {
    for (const payload of [
      "",
      "hello",
      "book-",
      "book--1",
      "book-1-2-3-4-5",
      "book-1.2",
      "booking-1",
      "BOOK",
    ]) {
      expect(parseBookingPayload(payload)).toBeUndefined();
    }
  });
});

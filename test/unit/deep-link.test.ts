import { describe, expect, it } from "vitest";
import { bookingLink, bookingPayload, parseBookingPayload } from "../../src/links/deep-link.js";

describe("booking deep links", () => {
  it("round-trips every form", () => {
    for (const choices of [
      {},
      { unitId: "100" },
      { unitId: "100", depId: "300" },
      { unitId: "100", depId: "300", doctorId: "700" },
    ]) {
      expect(parseBookingPayload(bookingPayload(choices))).toEqual(choices);
    }
    expect(bookingLink("b_bot", { unitId: "1" })).toBe("https://t.me/b_bot?start=book-1");
  });

  it("reads anything else as no booking link", () => {
    for (const payload of [
      "",
      "hello",
      "book-",
      "book--1",
      "book-1-2-3-4",
      "book-1.2",
      "booking-1",
      "BOOK",
    ]) {
      expect(parseBookingPayload(payload)).toBeUndefined();
    }
  });
});

import { describe, expect, it } from "vitest";
import { isMainlandMobile, parseMobile } from "../../src/patient/mobile.js";

describe("mainland mobile numbers", () => {
  it("takes Telegram's shared contact with or without the plus", () => {
    expect(parseMobile("+8613812345678")).toEqual({ ok: true, value: "13812345678" });
    expect(parseMobile("8613812345678")).toEqual({ ok: true, value: "13812345678" });
    expect(parseMobile("008613812345678")).toEqual({ ok: true, value: "13812345678" });
  });

  it("ignores the spaces and dashes people type between groups", () => {
    expect(parseMobile("+86 138 1234 5678")).toEqual({ ok: true, value: "13812345678" });
    expect(parseMobile("138-1234-5678")).toEqual({ ok: true, value: "13812345678" });
    expect(parseMobile("１３８１２３４５６７８")).toEqual({ ok: true, value: "13812345678" });
  });

  it("refuses landlines, short numbers, other countries and second digits that no carrier uses", () => {
    for (const raw of [
      "0755-12345678",
      "1381234567",
      "138123456789",
      "+85291234567",
      "12812345678",
      "+1 415 555 0100",
    ]) {
      expect(parseMobile(raw)).toEqual({ ok: false, problem: "mobile.format" });
    }
  });

  it("answers yes or no for a quick check", () => {
    expect(isMainlandMobile("19912345678")).toBe(true);
    expect(isMainlandMobile("hello")).toBe(false);
  });
});

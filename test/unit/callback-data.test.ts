import { describe, expect, it } from "vitest";
import { decodeCallback, encodeCallback, newNonce } from "../../src/telegram/callback-data.js";

describe("button payloads", () => {
  it("round-trips a button and stays within Telegram's 64 bytes", () => {
    const data = { nonce: newNonce(), action: "pick" as const, arg: "10101101120261130101" };
    const raw = encodeCallback(data);
    expect(Buffer.byteLength(raw)).toBeLessThanOrEqual(64);
    expect(decodeCallback(raw)).toEqual(data);
  });

  it("refuses to build a payload that would not fit", () => {
    expect(() => encodeCallback({ nonce: "abcd", action: "pick", arg: "x".repeat(60) })).toThrow();
    expect(() => encodeCallback({ nonce: "abcd", action: "pick", arg: "深圳" })).toThrow();
  });

  it("reads forged, truncated and unknown payloads as nothing", () => {
    for (const raw of [
      "",
      "abcd|pick",
      "abcd|explode|1",
      "abcd|pick|1|2",
      "x".repeat(65),
      "ABCD|pick|1",
      42,
      null,
    ]) {
      expect(decodeCallback(raw)).toBeUndefined();
    }
  });

  it("never draws the global nonce for a menu", () => {
    for (let i = 0; i < 1000; i++) expect(newNonce()).not.toBe("0");
  });
});

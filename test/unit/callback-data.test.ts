import { describe, expect, it } from "vitest";
import { decodeCallback, encodeCallback, GLOBAL_NONCE, newNonce } from "../../src/telegram/callback-data.js";

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

  it("draws menu nonces that fit the codec and change from one drawing to the next", () => {
    // A menu's buttons are recognised as stale by their nonce: repeated nonces would let a tap on an
    // older menu pass for the current one.
    const drawn = Array.from({ length: 1000 }, () => newNonce());
    for (const nonce of drawn) {
      expect(decodeCallback(encodeCallback({ nonce, action: "pick", arg: "1" }))?.nonce).toBe(nonce);
      expect(nonce).not.toBe(GLOBAL_NONCE);
    }
    // 36^4 nonces: among 1000 drawn, a handful of repeats at most
    expect(new Set(drawn).size).toBeGreaterThan(990);
  });

  it("reads a menu-only action under the global nonce as forged", () => {
    expect(decodeCallback(`${GLOBAL_NONCE}|start|`)).toEqual({
      nonce: GLOBAL_NONCE,
      action: "start",
      arg: "",
    });
    for (const action of ["pick", "ok", "restart", "back"]) {
      expect(decodeCallback(`${GLOBAL_NONCE}|${action}|1`)).toBeUndefined();
    }
  });
});

// The cipher keeps personal data unreadable at rest and refuses anything it did not seal itself, for
// this very place, under a key it knows.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { silentLogger } from "../../src/observability/logger.js";
import { createPatientCipher, createUnreadableLog, keyIdOf } from "../../src/patients/cipher.js";

const SECRET = JSON.stringify({ name: "张三", certNo: "44030419900307123X", mobile: "13812345678" });

function flipOneBit(sealed: string, part: number): string {
  const parts = sealed.split(".");
  const bytes = Buffer.from(parts[part] ?? "", "base64url");
  bytes[0] = (bytes[0] ?? 0) ^ 1;
  parts[part] = bytes.toString("base64url");
  return parts.join(".");
}

describe("the patient-data cipher", () => {
  const key = randomBytes(32);
  const cipher = createPatientCipher({ key });

  it("round-trips text and never shows it in the ciphertext", () => {
    const sealed = cipher.seal(SECRET, "session:42");
    for (const clear of ["张三", "44030419900307123X", "13812345678", "1990"])
      expect(sealed).not.toContain(clear);
    expect(sealed.split(".")[1]).toBe(cipher.keyId);
    expect(cipher.open(sealed, "session:42")).toEqual({ ok: true, plaintext: SECRET, stale: false });
  });

  it("seals the same text differently each time (a fresh IV)", () => {
    expect(cipher.seal(SECRET, "c")).not.toBe(cipher.seal(SECRET, "c"));
  });

  it("refuses a tampered ciphertext, IV or tag", () => {
    const sealed = cipher.seal(SECRET, "session:42");
    expect(cipher.open(flipOneBit(sealed, 3), "session:42")).toEqual({ ok: false, reason: "tampered" });
    expect(cipher.open(flipOneBit(sealed, 2), "session:42")).toEqual({ ok: false, reason: "tampered" });
    expect(cipher.open(flipOneBit(sealed, 4), "session:42")).toEqual({ ok: false, reason: "tampered" });
  });

  it("refuses a ciphertext moved to another place (another user's key)", () => {
    const sealed = cipher.seal(SECRET, "patients:1:a");
    expect(cipher.open(sealed, "patients:2:a")).toEqual({ ok: false, reason: "tampered" });
  });

  it("refuses what it cannot parse", () => {
    for (const junk of ["", "p1", '{"name":"x"}', "p1.x.y.z.w", "p2.a.b.c.d"]) {
      const opened = cipher.open(junk, "c");
      expect(opened.ok).toBe(false);
    }
  });

  it("refuses a ciphertext under a key it does not know (a wrong key)", () => {
    const other = createPatientCipher({ key: randomBytes(32) });
    const sealed = other.seal(SECRET, "c");
    expect(cipher.open(sealed, "c")).toEqual({ ok: false, reason: "unknown_key" });
  });

  it("opens what a rotated-out key sealed and says it is stale", () => {
    const oldKey = randomBytes(32);
    const before = createPatientCipher({ key: oldKey });
    const sealed = before.seal(SECRET, "c");
    const after = createPatientCipher({ key, oldKeys: [oldKey] });
    expect(after.open(sealed, "c")).toEqual({ ok: true, plaintext: SECRET, stale: true });
    const resealed = after.seal(SECRET, "c");
    expect(resealed.split(".")[1]).toBe(keyIdOf(key));
    expect(after.open(resealed, "c")).toEqual({ ok: true, plaintext: SECRET, stale: false });
    // the old key alone can no longer read what was written back
    expect(before.open(resealed, "c").ok).toBe(false);
  });

  it("refuses keys that are not 32 bytes", () => {
    expect(() => createPatientCipher({ key: randomBytes(16) })).toThrow(/32 bytes/);
  });

  it("logs an unreadable value once, without its content or place", () => {
    const lines: unknown[] = [];
    const logger = silentLogger();
    logger.warn = ((obj: unknown, msg?: string) => {
      lines.push([obj, msg]);
    }) as typeof logger.warn;
    const report = createUnreadableLog(logger);
    report("saved-patient", "patients:7:a", "unknown_key");
    report("saved-patient", "patients:7:a", "unknown_key");
    report("saved-patient", "patients:7:b", "tampered");
    expect(lines).toHaveLength(2);
    expect(JSON.stringify(lines)).not.toContain("patients:7");
  });
});

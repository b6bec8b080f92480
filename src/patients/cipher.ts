// Personal data at rest: AES-256-GCM (node:crypto) under PATIENT_DATA_KEY. Every ciphertext names the
// key that made it (a key id derived from the key, never the key), so a rotated key still opens what the
// old one sealed (PATIENT_DATA_OLD_KEYS) and the caller learns it should write the value back under the
// current key. Each value is bound to where it is stored (the "context", e.g. the chat or the saved
// patient's id, as GCM's additional data): a ciphertext copied to another user's key, or altered by one
// bit, is refused. Refusals are typed, never thrown, and never carry the content.
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from "node:crypto";
import type { Logger } from "../observability/logger.js";

const VERSION = "p1";
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

export type OpenFailure = "malformed" | "unknown_key" | "tampered";

export type Opened = { ok: true; plaintext: string; stale: boolean } | { ok: false; reason: OpenFailure };

export interface PatientCipher {
  /** the current key's id, as written into every new ciphertext */
  readonly keyId: string;
  seal(plaintext: string, context: string): string;
  /** `stale` when an old key opened it: write it back sealed under the current key */
  open(sealed: string, context: string): Opened;
}

/** A short public name for a key: a hash of it, so a log line or a ciphertext never reveals the key. */
export function keyIdOf(key: Buffer): string {
  return createHash("sha256")
    .update("hbot patient-data key id\0")
    .update(key)
    .digest("base64url")
    .slice(0, 8);
}

/**
 * A secret for another use of the same key (the booking records' patient hash), derived with HKDF so that
 * neither use reveals anything about the other.
 */
export function patientKeySecret(key: Buffer): Buffer {
  return Buffer.from(hkdfSync("sha256", key, "", "hbot patient key v1", 32));
}

export function createPatientCipher(keys: { key: Buffer; oldKeys?: readonly Buffer[] }): PatientCipher {
  for (const k of [keys.key, ...(keys.oldKeys ?? [])]) {
    if (k.length !== KEY_BYTES) throw new Error(`a patient-data key must be ${KEY_BYTES} bytes`);
  }
  const keyId = keyIdOf(keys.key);
  const byId = new Map<string, Buffer>();
  for (const k of keys.oldKeys ?? []) byId.set(keyIdOf(k), k);
  byId.set(keyId, keys.key);
  const aad = (kid: string, context: string) => Buffer.from(`${VERSION}.${kid}|${context}`, "utf8");

  return {
    keyId,
    seal(plaintext, context) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv("aes-256-gcm", keys.key, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(aad(keyId, context));
      const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
      const tag = cipher.getAuthTag();
      return [
        VERSION,
        keyId,
        iv.toString("base64url"),
        body.toString("base64url"),
        tag.toString("base64url"),
      ].join(".");
    },
    open(sealed, context) {
      const parts = sealed.split(".");
      if (parts.length !== 5 || parts[0] !== VERSION) return { ok: false, reason: "malformed" };
      const [, kid = "", ivText = "", bodyText = "", tagText = ""] = parts;
      const key = byId.get(kid);
      if (!key) return { ok: false, reason: "unknown_key" };
      const iv = Buffer.from(ivText, "base64url");
      const tag = Buffer.from(tagText, "base64url");
      if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) return { ok: false, reason: "malformed" };
      try {
        const decipher = createDecipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
        decipher.setAAD(aad(kid, context));
        decipher.setAuthTag(tag);
        const plain = Buffer.concat([decipher.update(Buffer.from(bodyText, "base64url")), decipher.final()]);
        return { ok: true, plaintext: plain.toString("utf8"), stale: kid !== keyId };
      } catch {
        // GCM's tag check failed: altered text, IV or tag, another context, or a different key with a
        // colliding id; all the same to the caller
        return { ok: false, reason: "tampered" };
      }
    },
  };
}

/** Past this many remembered values the memory of what was already logged starts again. */
const LOGGED_LIMIT = 10_000;

/**
 * Reports a value that would not open once per stored value and process: an operator sees that data
 * became unreadable (a wrong or lost key) without a line per update, and never its content.
 */
export function createUnreadableLog(
  logger: Logger,
): (where: string, context: string, reason: OpenFailure) => void {
  const logged = new Set<string>();
  return (where, context, reason) => {
    const id = `${where}|${context}`;
    if (logged.has(id)) return;
    if (logged.size >= LOGGED_LIMIT) logged.clear();
    logged.add(id);
    logger.warn({ where, reason }, "stored personal data could not be decrypted; treated as absent");
  };
}

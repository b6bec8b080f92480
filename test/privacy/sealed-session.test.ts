// The session as stored: the personal part sealed and bound to its chat, everything else readable, and a
// sealed part that will not open treated as never given.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createSessionCodec } from "../../src/bot/sealed-session.js";
import type { BotSession } from "../../src/bot/session.js";
import { createPatientCipher, type OpenFailure } from "../../src/patients/cipher.js";

const NOW = new Date("2026-12-01T02:00:00Z");
const patient = {
  name: "张三",
  certKind: "id_card" as const,
  certNo: "44030419900307123X",
  mobile: "13812345678",
};

function codec(key = randomBytes(32)) {
  const lost: OpenFailure[] = [];
  const c = createSessionCodec({
    cipher: createPatientCipher({ key }),
    now: () => NOW,
    onUnreadable: (_w, _c, reason) => void lost.push(reason),
  });
  return { c, lost, key };
}

const session: BotSession = {
  lang: "zh",
  draft: { unitId: "21", depId: "3", question: "mobile", patient },
  saveOffer: { patient, unitId: "21", until: NOW.getTime() + 60_000 },
};

describe("the sealed session", () => {
  it("stores the answers and the save offer only as ciphertext, the choices in clear", () => {
    const { c } = codec();
    const json = JSON.stringify(c.serialize(session, "42"));
    for (const clear of ["张三", "44030419900307123X", "13812345678"]) expect(json).not.toContain(clear);
    const stored = JSON.parse(json);
    expect(stored.draft).toMatchObject({ unitId: "21", depId: "3", question: "mobile", patient: {} });
    expect(stored).not.toHaveProperty("saveOffer");
    expect(typeof stored.sealed).toBe("string");
    expect(c.parse(stored, "42")).toMatchObject(session);
  });

  it("writes a session without personal data as it is", () => {
    const { c } = codec();
    const plain: BotSession = { lang: "en", draft: { unitId: "21", patient: {} } };
    expect(c.serialize(plain, "42")).toEqual(plain);
  });

  it("drops a save offer nobody answered in time", () => {
    const { c } = codec();
    const stale: BotSession = { saveOffer: { patient, unitId: "21", until: NOW.getTime() - 1 } };
    expect(c.serialize(stale, "42")).toEqual({});
  });

  it("does not open a session copied to another chat", () => {
    const { c, lost } = codec();
    const stored = JSON.parse(JSON.stringify(c.serialize(session, "42")));
    const parsed = c.parse(stored, "43");
    expect(parsed?.draft?.patient).toEqual({});
    expect(lost).toEqual(["tampered"]);
  });

  it("under a wrong key keeps the choices, forgets the answers and the question they belonged to", () => {
    const writer = codec();
    const stored = JSON.parse(JSON.stringify(writer.c.serialize(session, "42")));
    const reader = codec();
    const parsed = reader.c.parse(stored, "42");
    expect(parsed?.draft).toEqual({ unitId: "21", depId: "3", patient: {} });
    expect(parsed?.saveOffer).toBeUndefined();
    expect(parsed?.lang).toBe("zh");
    expect(reader.lost).toEqual(["unknown_key"]);
  });

  it("still reads a session written before encryption, and seals it on the next save", () => {
    const { c } = codec();
    const old = { draft: { unitId: "21", patient } };
    const parsed = c.parse(old, "42");
    expect(parsed?.draft?.patient).toEqual(patient);
    expect(JSON.stringify(c.serialize(parsed ?? {}, "42"))).not.toContain("张三");
  });
});

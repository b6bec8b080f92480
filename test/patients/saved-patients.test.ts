// The saved-patient store against a real Redis: encrypted entries, one per document, at most ten,
// re-encrypted under a rotated key when read, left alone (and not shown) under a wrong key, and removed
// when unused for long enough.
import { randomBytes } from "node:crypto";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PatientDraft } from "../../src/bot/session.js";
import { makeIdCardNumber } from "../../src/patient/id-card.js";
import { toPatient } from "../../src/patient/questionnaire.js";
import { createPatientCipher, keyIdOf, type OpenFailure } from "../../src/patients/cipher.js";
import { createSavedPatients, draftFromSaved } from "../../src/patients/saved-patients.js";
import { cleanPrefix, testPrefix, testRedis } from "../support/redis.js";

const ADULT: PatientDraft = {
  name: "张三",
  certKind: "id_card",
  certNo: makeIdCardNumber("440304", "1990-03-07", 123),
  sex: "male",
  birthday: "1990-03-07",
  mobile: "13812345678",
  clinicNo: "A100234",
  address: "深圳市福田区福华路1号",
};

const CHILD: PatientDraft = {
  name: "张小宝",
  certKind: "id_card",
  certNo: makeIdCardNumber("440304", "2010-06-01", 23),
  sex: "male",
  birthday: "2010-06-01",
  mobile: "13812340000",
  clinicNo: null,
  address: "深圳市福田区福华路1号",
  guardianName: "张大山",
  guardianCertKind: "id_card",
  guardianCertNo: makeIdCardNumber("440304", "1985-05-05", 31),
  guardianSex: "male",
  guardianBirthday: "1985-05-05",
  guardianRelation: "father",
  guardianMobile: "13812349999",
};

describe("saved patients", () => {
  let redis: Redis;
  const prefix = testPrefix("saved-patients");
  let clock = new Date("2026-12-01T02:00:00Z");
  const now = () => clock;
  const keyA = randomBytes(32);
  const unreadable: OpenFailure[] = [];
  const store = (key = keyA, oldKeys: Buffer[] = []) =>
    createSavedPatients({
      redis,
      prefix,
      cipher: createPatientCipher({ key, oldKeys }),
      now,
      onUnreadable: (_where, _context, reason) => void unreadable.push(reason),
    });
  const raw = async (userId: number) =>
    Object.values(await redis.hgetall(`${prefix}patients:${userId}`)).join("\n");

  beforeAll(() => {
    redis = testRedis();
  });
  afterAll(async () => {
    await cleanPrefix(redis, prefix);
    await redis.quit();
  });

  it("stores the answers encrypted, with the card number under its hospital", async () => {
    const patients = store();
    const saved = await patients.save(1, ADULT, "u21");
    expect(saved.kind).toBe("saved");
    const stored = await raw(1);
    for (const clear of ["张三", ADULT.certNo ?? "", "13812345678", "福华路", "A100234"]) {
      expect(stored).not.toContain(clear);
    }
    const [listed] = await patients.list(1);
    expect(listed?.answers).toMatchObject({
      name: "张三",
      mobile: "13812345678",
      clinicNos: { u21: "A100234" },
    });
    expect(draftFromSaved(listed?.answers ?? { clinicNos: {} }, "u21").clinicNo).toBe("A100234");
    expect(draftFromSaved(listed?.answers ?? { clinicNos: {} }, "u99")).not.toHaveProperty("clinicNo");
  });

  it("keeps one entry per document, merging card numbers, and marks an entry used", async () => {
    const patients = store();
    await patients.save(2, ADULT, "u21");
    const again = await patients.save(2, { ...ADULT, mobile: "13900001111", clinicNo: "B7" }, "u22");
    expect(again).toMatchObject({ kind: "saved", replaced: true });
    const all = await patients.list(2);
    expect(all).toHaveLength(1);
    expect(all[0]?.answers).toMatchObject({
      mobile: "13900001111",
      clinicNos: { u21: "A100234", u22: "B7" },
    });
    clock = new Date(clock.getTime() + 86_400_000);
    await patients.touch(2, all[0]?.id ?? "", "u23", "C9");
    const touched = await patients.get(2, all[0]?.id ?? "");
    expect(touched?.usedAt).toEqual(clock);
    expect(touched?.answers.clinicNos).toMatchObject({ u23: "C9" });
  });

  it("refuses an eleventh patient", async () => {
    const patients = store();
    for (let i = 0; i < 10; i++) {
      expect(
        (await patients.save(3, { ...ADULT, certKind: "passport", certNo: `E0000${i}` }, "u")).kind,
      ).toBe("saved");
    }
    expect(await patients.save(3, { ...ADULT, certKind: "passport", certNo: "E99999" }, "u")).toEqual({
      kind: "full",
    });
    // the same document again is an update, not an eleventh
    expect((await patients.save(3, { ...ADULT, certKind: "passport", certNo: "E00003" }, "u")).kind).toBe(
      "saved",
    );
    expect(await patients.inventoryOf(3)).toMatchObject({ count: 10 });
  });

  it("keeps a minor's guardian, and a child who has turned 18 books without one", async () => {
    clock = new Date("2026-12-01T02:00:00Z");
    const patients = store();
    await patients.save(4, CHILD, "u21");
    const [saved] = await patients.list(4);
    expect(saved?.answers.guardianName).toBe("张大山");
    const draft = draftFromSaved(saved?.answers ?? { clinicNos: {} }, "u21");
    expect(toPatient({ ...draft, clinicNo: null }, "2026-12-01")?.guardian?.name).toBe("张大山");
    // on and after the 18th birthday the same saved answers make a complete adult patient
    const adult = toPatient({ ...draft, clinicNo: null }, "2028-06-01");
    expect(adult).toBeDefined();
    expect(adult?.guardian).toBeNull();
    // and saving them as an adult drops the guardian
    clock = new Date("2028-06-02T02:00:00Z");
    await patients.update(4, saved?.id ?? "", draft);
    expect((await patients.get(4, saved?.id ?? ""))?.answers.guardianName).toBeUndefined();
    clock = new Date("2026-12-01T02:00:00Z");
  });

  it("reads under a rotated-out key and writes the entry back under the current one", async () => {
    await store(keyA).save(5, ADULT, "u21");
    const keyB = randomBytes(32);
    expect(await raw(5)).toContain(`.${keyIdOf(keyA)}.`);
    const rotated = store(keyB, [keyA]);
    expect((await rotated.list(5))[0]?.answers.name).toBe("张三");
    expect(await raw(5)).toContain(`.${keyIdOf(keyB)}.`);
    expect(await raw(5)).not.toContain(`.${keyIdOf(keyA)}.`);
    // once rewritten, the new key alone reads it
    expect((await store(keyB).list(5))[0]?.answers.name).toBe("张三");
  });

  it("shows nothing under a wrong key, reports it (the log keeps one line), and leaves the entry", async () => {
    await store(keyA).save(6, ADULT, "u21");
    unreadable.length = 0;
    const wrong = store(randomBytes(32));
    expect(await wrong.list(6)).toEqual([]);
    expect(await wrong.list(6)).toEqual([]);
    expect(new Set(unreadable)).toEqual(new Set(["unknown_key"]));
    expect((await store(keyA).list(6))[0]?.answers.name).toBe("张三");
  });

  it("refuses an entry copied into another user's list", async () => {
    const patients = store();
    await patients.save(7, ADULT, "u21");
    const entries = await redis.hgetall(`${prefix}patients:7`);
    await redis.hset(`${prefix}patients:8`, entries);
    expect(await patients.list(8)).toEqual([]);
  });

  it("removes entries unused since the cutoff, for every user, and erases a user's list", async () => {
    const patients = store();
    clock = new Date("2025-01-01T00:00:00Z");
    await patients.save(9, ADULT, "u21");
    clock = new Date("2026-11-30T00:00:00Z");
    await patients.save(9, { ...ADULT, certKind: "passport", certNo: "E12345" }, "u21");
    const removed = await patients.removeIdleSince(new Date("2025-12-01T00:00:00Z"));
    expect(removed).toBeGreaterThanOrEqual(1);
    const left = await patients.list(9);
    expect(left.map((p) => p.answers.certNo)).toEqual(["E12345"]);
    await patients.eraseUser(9);
    expect(await redis.exists(`${prefix}patients:9`)).toBe(0);
  });
});

// The patients a Telegram user asked the bot to remember (就诊人), at most MAX_SAVED_PATIENTS each, in one
// Redis hash per user (`${prefix}patients:${userId}`). Each entry keeps its dates in the clear (for
// retention, which must work without the key) and every answer in one AES-GCM ciphertext bound to the
// user and the entry. An entry that no longer opens (a wrong key) is left alone and not shown; one that
// an old key opened is written back under the current key the first time it is read.
import { randomBytes } from "node:crypto";
import type { Redis, Result } from "ioredis";
import { z } from "zod";
import { type PatientDraft, patientDraftSchema } from "../bot/session.js";
import type { IsoDate, Patient } from "../hospital/types.js";
import { isMinor } from "../patient/age.js";
import { chinaToday } from "../time/china-time.js";
import type { OpenFailure, PatientCipher } from "./cipher.js";

export const MAX_SAVED_PATIENTS = 10;

/** The answers of one patient, as the questionnaire holds them, with a card number per hospital. */
export const savedAnswersSchema = patientDraftSchema.omit({ clinicNo: true }).extend({
  clinicNos: z.record(z.string(), z.string()).default({}),
});
export type SavedAnswers = z.infer<typeof savedAnswersSchema>;

export interface SavedPatient {
  id: string;
  answers: SavedAnswers;
  createdAt: Date;
  usedAt: Date;
}

export type SaveOutcome =
  | { kind: "saved"; patient: SavedPatient; replaced: boolean }
  /** already MAX_SAVED_PATIENTS others: delete one first */
  | { kind: "full" };

export interface SavedPatients {
  list(userId: number): Promise<SavedPatient[]>;
  get(userId: number, id: string): Promise<SavedPatient | undefined>;
  /** Remembers a booked patient; the same document again replaces the earlier entry. */
  save(userId: number, patient: PatientDraft, unitId: string): Promise<SaveOutcome>;
  /** New answers for an entry (from /patients' Edit); undefined when it is gone. */
  update(userId: number, id: string, patient: PatientDraft): Promise<SavedPatient | undefined>;
  /** A booking used the entry: it counts as used now, and a card number given for this hospital is kept. */
  touch(userId: number, id: string, unitId: string, clinicNo: string | null | undefined): Promise<void>;
  remove(userId: number, id: string): Promise<boolean>;
  /** how many entries, and since when the oldest; reads no ciphertext */
  inventoryOf(userId: number): Promise<{ count: number; since?: Date }>;
  eraseUser(userId: number): Promise<void>;
  /** removes every entry of every user last used before `cutoff`; returns how many */
  removeIdleSince(cutoff: Date): Promise<number>;
}

const entrySchema = z.object({
  id: z.string(),
  createdAt: z.number(),
  usedAt: z.number(),
  sealed: z.string(),
});
type Entry = z.infer<typeof entrySchema>;

/** Writes a field only while the hash has room for it (or already has it), in one atomic step. */
const PUT_WITHIN_LIMIT = `
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 and redis.call('HLEN', KEYS[1]) >= tonumber(ARGV[3]) then
  return 0
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return 1
`;
/** Replaces a field only if it still holds what was read, so a re-encryption never undoes an edit. */
const REPLACE_IF_UNCHANGED = `
if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
  return 1
end
return 0
`;

export interface SavedPatientsOptions {
  redis: Redis;
  prefix: string;
  cipher: PatientCipher;
  now: () => Date;
  onUnreadable: (where: string, context: string, reason: OpenFailure) => void;
}

/** The answers that belong to the person rather than to one booking; a guardian only for a minor. */
export function answersOf(patient: PatientDraft, today: IsoDate): Omit<SavedAnswers, "clinicNos"> {
  const { clinicNo: _clinicNo, ...rest } = patient;
  if (rest.birthday && isMinor(rest.birthday, today)) return rest;
  const {
    guardianName: _n,
    guardianCertKind: _k,
    guardianCertNo: _c,
    guardianSex: _s,
    guardianBirthday: _b,
    guardianRelation: _r,
    guardianMobile: _m,
    ...adult
  } = rest;
  return adult;
}

/** The questionnaire's draft for a booking at `unitId` with this saved patient. */
export function draftFromSaved(saved: SavedAnswers, unitId: string | undefined): PatientDraft {
  const { clinicNos, ...answers } = saved;
  const clinicNo = unitId === undefined ? undefined : clinicNos[unitId];
  return clinicNo === undefined ? answers : { ...answers, clinicNo };
}

/** A complete patient back as questionnaire answers (for the save offer after a booking). */
export function draftFromPatient(p: Patient): PatientDraft {
  const g = p.guardian;
  return {
    name: p.name,
    certKind: p.certificate.kind,
    certNo: p.certificate.number,
    sex: p.sex,
    birthday: p.birthday,
    mobile: p.mobile,
    clinicNo: p.clinicNo,
    address: p.address,
    ...(g
      ? {
          guardianName: g.name,
          guardianCertKind: g.certificate.kind,
          guardianCertNo: g.certificate.number,
          guardianSex: g.sex,
          guardianBirthday: g.birthday,
          guardianRelation: g.relation,
          guardianMobile: g.mobile,
        }
      : {}),
  };
}

export function createSavedPatients(opts: SavedPatientsOptions): SavedPatients {
  const { redis, cipher } = opts;
  const key = (userId: number) => `${opts.prefix}patients:${userId}`;
  const context = (userId: number, id: string) => `patients:${userId}:${id}`;
  redis.defineCommand("savedPatientPut", { numberOfKeys: 1, lua: PUT_WITHIN_LIMIT });
  redis.defineCommand("savedPatientReplace", { numberOfKeys: 1, lua: REPLACE_IF_UNCHANGED });

  const parseEntry = (raw: string): Entry | undefined => {
    try {
      const parsed = entrySchema.safeParse(JSON.parse(raw));
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  };

  const sealEntry = (userId: number, e: Omit<Entry, "sealed">, answers: SavedAnswers): string =>
    JSON.stringify({ ...e, sealed: cipher.seal(JSON.stringify(answers), context(userId, e.id)) });

  /** The entry's answers, or undefined (logged once) when they no longer open. */
  const openEntry = async (userId: number, raw: string): Promise<SavedPatient | undefined> => {
    const entry = parseEntry(raw);
    if (!entry) return undefined;
    const opened = cipher.open(entry.sealed, context(userId, entry.id));
    if (!opened.ok) {
      opts.onUnreadable("saved-patient", context(userId, entry.id), opened.reason);
      return undefined;
    }
    let answers: SavedAnswers;
    try {
      const parsed = savedAnswersSchema.safeParse(JSON.parse(opened.plaintext));
      if (!parsed.success) return undefined;
      answers = parsed.data;
    } catch {
      return undefined;
    }
    if (opened.stale) {
      await redis.savedPatientReplace(key(userId), entry.id, raw, sealEntry(userId, entry, answers));
    }
    return { id: entry.id, answers, createdAt: new Date(entry.createdAt), usedAt: new Date(entry.usedAt) };
  };

  const listAll = async (userId: number): Promise<SavedPatient[]> => {
    const all = await redis.hvals(key(userId));
    const opened = await Promise.all(all.map((raw) => openEntry(userId, raw)));
    return opened
      .filter((p): p is SavedPatient => p !== undefined)
      .sort((a, b) => b.usedAt.getTime() - a.usedAt.getTime() || a.id.localeCompare(b.id));
  };

  const get = async (userId: number, id: string): Promise<SavedPatient | undefined> => {
    const raw = await redis.hget(key(userId), id);
    return raw === null ? undefined : openEntry(userId, raw);
  };

  const write = async (userId: number, p: SavedPatient): Promise<boolean> => {
    const value = sealEntry(
      userId,
      { id: p.id, createdAt: p.createdAt.getTime(), usedAt: p.usedAt.getTime() },
      p.answers,
    );
    return (await redis.savedPatientPut(key(userId), p.id, value, MAX_SAVED_PATIENTS)) === 1;
  };

  const today = () => chinaToday(opts.now());

  return {
    list: listAll,
    get,
    async save(userId, patient, unitId) {
      const answers = answersOf(patient, today());
      const same = (await listAll(userId)).find(
        (p) => p.answers.certKind === answers.certKind && p.answers.certNo === answers.certNo,
      );
      const now = opts.now();
      const clinicNos = { ...(same?.answers.clinicNos ?? {}) };
      if (typeof patient.clinicNo === "string") clinicNos[unitId] = patient.clinicNo;
      const saved: SavedPatient = {
        id: same?.id ?? randomBytes(6).toString("base64url"),
        answers: { ...answers, clinicNos },
        createdAt: same?.createdAt ?? now,
        usedAt: now,
      };
      if (!(await write(userId, saved))) return { kind: "full" };
      return { kind: "saved", patient: saved, replaced: same !== undefined };
    },
    async update(userId, id, patient) {
      const current = await get(userId, id);
      if (!current) return undefined;
      const next: SavedPatient = {
        ...current,
        answers: { ...answersOf(patient, today()), clinicNos: current.answers.clinicNos },
      };
      return (await write(userId, next)) ? next : undefined;
    },
    async touch(userId, id, unitId, clinicNo) {
      const current = await get(userId, id);
      if (!current) return;
      const clinicNos = { ...current.answers.clinicNos };
      if (typeof clinicNo === "string") clinicNos[unitId] = clinicNo;
      await write(userId, { ...current, answers: { ...current.answers, clinicNos }, usedAt: opts.now() });
    },
    async remove(userId, id) {
      return (await redis.hdel(key(userId), id)) === 1;
    },
    async inventoryOf(userId) {
      const entries = (await redis.hvals(key(userId))).map(parseEntry).filter((e) => e !== undefined);
      const oldest = Math.min(...entries.map((e) => e.createdAt));
      return { count: entries.length, since: entries.length > 0 ? new Date(oldest) : undefined };
    },
    async eraseUser(userId) {
      await redis.del(key(userId));
    },
    async removeIdleSince(cutoff) {
      let removed = 0;
      let cursor = "0";
      do {
        const [next, keys] = await redis.scan(cursor, "MATCH", `${opts.prefix}patients:*`, "COUNT", 200);
        cursor = next;
        for (const k of keys) {
          const all = await redis.hgetall(k);
          const idle = Object.entries(all)
            .filter(([, raw]) => {
              const e = parseEntry(raw);
              return e !== undefined && e.usedAt < cutoff.getTime();
            })
            .map(([field]) => field);
          if (idle.length > 0) removed += await redis.hdel(k, ...idle);
        }
      } while (cursor !== "0");
      return removed;
    },
  };
}

declare module "ioredis" {
  interface RedisCommander<Context> {
    /** 1 when written, 0 when the hash is full and the field is new */
    savedPatientPut(key: string, field: string, value: string, max: number): Result<number, Context>;
    /** 1 when the field still held `expected` and was replaced */
    savedPatientReplace(key: string, field: string, expected: string, value: string): Result<number, Context>;
  }
}

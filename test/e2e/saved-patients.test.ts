// Patient stories for saved patients (就诊人): saved only when asked and answered, booked again with
// one tap, edited through the questionnaire's own checks, deleted; a child with a saved guardian; and the
// key behind them rotated, or replaced by a wrong one.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { zh } from "../../src/i18n/zh.js";
import { makeIdCardNumber } from "../../src/patient/id-card.js";
import { keyIdOf } from "../../src/patients/cipher.js";
import type { EmulatedUser } from "../../src/telegram-emulator/types.js";
import {
  agreeIfAsked,
  DEFAULT_PATIENT,
  firstButton,
  firstWithPlaces,
  startTestWorld,
  type TestWorld,
  turnText,
} from "../support/world.js";

const t = zh.savedPatients;
const label = (name: string, idNumber: string) => t.button(name, "身份证", idNumber.slice(-4));

/** /book through to the first free slot of the `hospital`-th hospital of the first city. */
async function toSlot(user: EmulatedUser, hospital = 0): Promise<string> {
  await user.say("/book");
  await user.press(firstButton(user));
  const hospitals = user.buttons().flat();
  await user.press(hospitals[hospital] ?? firstButton(user));
  await user.press(firstButton(user));
  await user.press(firstButton(user));
  await user.press(firstWithPlaces(user));
  await user.press(firstWithPlaces(user));
  return (await user.press(firstWithPlaces(user))).text;
}

async function answerAdult(user: EmulatedUser, clinicNo?: string): Promise<string> {
  await agreeIfAsked(user);
  await user.say(DEFAULT_PATIENT.name);
  await user.press("居民身份证");
  await user.say(DEFAULT_PATIENT.idNumber);
  await user.say(DEFAULT_PATIENT.mobile);
  if (clinicNo) await user.say(clinicNo);
  else await user.press("没有");
  return (await user.say(DEFAULT_PATIENT.address)).text;
}

describe("saved patients", () => {
  let world: TestWorld;
  beforeAll(async () => {
    world = await startTestWorld({ consent: "ask", flood: { points: 1000, durationSeconds: 10 } });
  });
  afterAll(async () => {
    await world?.stop();
  });
  const savedOf = (user: EmulatedUser) => world.app.deps.patients.list(user.id);

  it("asks to save after a booking, never pre-answered, and then books again with one tap", async () => {
    const user = world.user(5101);
    await toSlot(user);
    await answerAdult(user, "A100234");
    const booked = await user.press("✅ 确认预约");
    expect(turnText(booked)).toContain("预约成功");
    expect(booked.text).toBe(t.offer(DEFAULT_PATIENT.name));
    expect(user.buttons().flat()).toEqual([t.saveButton(DEFAULT_PATIENT.name), t.noThanks]);
    expect(await savedOf(user)).toEqual([]);
    expect((await user.press(t.saveButton(DEFAULT_PATIENT.name))).text).toBe(t.saved(DEFAULT_PATIENT.name));
    expect(await savedOf(user)).toHaveLength(1);

    // the same hospital again: one tap, straight to the summary with the card number kept
    expect(await toSlot(user)).toBe(t.pickPrompt);
    expect(user.buttons().flat()).toContain(label(DEFAULT_PATIENT.name, DEFAULT_PATIENT.idNumber));
    expect(user.buttons().flat()).toContain(t.someoneElse);
    const summary = await user.press(label(DEFAULT_PATIENT.name, DEFAULT_PATIENT.idNumber));
    expect(summary.text).toContain("请核对预约信息");
    expect(summary.text).toContain("张三（男，1990-03-07）");
    const again = await user.press("✅ 确认预约");
    expect(turnText(again)).toContain("预约成功");
    // booked with the saved patient: nothing to ask
    expect(again.text).not.toContain(t.offer(DEFAULT_PATIENT.name));
    const order = world.sandbox.orders().at(-1);
    expect(order?.body).toMatchObject({ clinicNo: "A100234", cardNo: DEFAULT_PATIENT.idNumber });

    // another hospital: only its outpatient card number is asked
    await toSlot(user, 1);
    const asked = await user.press(label(DEFAULT_PATIENT.name, DEFAULT_PATIENT.idNumber));
    expect(asked.text).toContain(zh.patient.askClinicNo);
    expect((await user.press("没有")).text).toContain("请核对预约信息");
  });

  it("answers No thanks by saving nothing, and Someone else asks every question", async () => {
    const user = world.user(5102);
    await world.bookFirstAvailable(user);
    expect((await user.press(t.noThanks)).text).toBe(t.notSaved);
    expect(await savedOf(user)).toEqual([]);

    await world.bookFirstAvailable(user);
    await user.press(t.saveButton(DEFAULT_PATIENT.name));
    await toSlot(user);
    const fresh = await user.press(t.someoneElse);
    expect(fresh.text).toContain(zh.patient.askName);
    // Back from the first question returns to the saved patients, and Back from there to the times
    expect((await user.press(zh.nav.back)).text).toBe(t.pickPrompt);
    expect((await user.press(zh.nav.back)).text).toContain(zh.slot.prompt("", "", "").split("\n")[1]);
  });

  it("edits a saved patient through the same questions and checks, and deletes it", async () => {
    const user = world.user(5103);
    await world.bookFirstAvailable(user);
    await user.press(t.saveButton(DEFAULT_PATIENT.name));

    const list = await user.say("/patients");
    expect(list.text).toBe(t.listTitle(1, 10));
    const details = await user.press(label(DEFAULT_PATIENT.name, DEFAULT_PATIENT.idNumber));
    expect(details.text).toContain("138****5678");
    expect(details.text).not.toContain(DEFAULT_PATIENT.idNumber);

    await user.press(t.editButton);
    expect(user.lastMessage()?.text).toBe(t.editWhat(DEFAULT_PATIENT.name));
    const askMobile = await user.press(t.fields.mobile);
    expect(askMobile.text).toContain(zh.patient.askMobile);
    expect((await user.say("12345")).text).toContain(zh.problems["mobile.format"]);
    const saved = await user.say("13900001111");
    expect(saved.text).toContain(t.editSaved(DEFAULT_PATIENT.name));
    const reopened = await user.press(label(DEFAULT_PATIENT.name, DEFAULT_PATIENT.idNumber));
    expect(reopened.text).toContain("139****1111");
    expect((await savedOf(user))[0]?.answers.mobile).toBe("13900001111");

    // the document: a passport asks sex and birthday, which an ID card answered itself
    await user.press(t.editButton);
    await user.press(t.fields.certificate);
    await user.press("护照");
    await user.say("E7654321");
    await user.press("男");
    const done = await user.say("1990-03-07");
    expect(done.text).toContain(t.editSaved(DEFAULT_PATIENT.name));
    expect((await savedOf(user))[0]?.answers).toMatchObject({ certKind: "passport", certNo: "E7654321" });

    await user.press(t.button(DEFAULT_PATIENT.name, "护照", "4321"));
    expect((await user.press(t.deleteButton)).text).toBe(t.confirmDelete(DEFAULT_PATIENT.name));
    const gone = await user.press(t.deleteYes);
    expect(gone.text).toContain(t.deleted(DEFAULT_PATIENT.name));
    expect(gone.text).toContain(t.empty);
    expect(await savedOf(user)).toEqual([]);
  });

  it("books for a child with the saved guardian in one tap", async () => {
    const user = world.user(5104);
    const childId = makeIdCardNumber("440304", "2016-06-01", 22);
    const guardianId = makeIdCardNumber("440304", "1985-05-05", 31);
    await toSlot(user);
    await agreeIfAsked(user);
    await user.say("张小宝");
    await user.press("居民身份证");
    await user.say(childId);
    // a minor's guardian comes first; the guardian's mobile is the booking's too
    await user.say("张大山");
    await user.press("居民身份证");
    await user.say(guardianId);
    await user.press("父亲");
    await user.say("13812349999");
    await user.say("C556677");
    const summary = await user.say("深圳市福田区福华路1号");
    expect(summary.text).toContain("监护人");
    await user.press("✅ 确认预约");
    await user.press(t.saveButton("张小宝"));

    await toSlot(user);
    const again = await user.press(label("张小宝", childId));
    expect(again.text).toContain("请核对预约信息");
    expect(again.text).toContain("👪 监护人：张** · 138****9999");
    await user.press("✅ 确认预约");
    const order = world.sandbox.orders().at(-1);
    const guardian = order?.body.guardian as Record<string, unknown> | undefined;
    expect(guardian?.guardianCardNo).toBe(guardianId);
    expect(guardian?.guardianMobile).toBe("13812349999");
  });

  it("keeps at most 10 saved patients per user", async () => {
    const user = world.user(5105);
    await world.bookFirstAvailable(user);
    for (let i = 0; i < 10; i++) {
      const saved = await world.app.deps.patients.save(
        user.id,
        {
          name: "李四",
          certKind: "passport",
          certNo: `E00000${i}`,
          sex: "male",
          birthday: "1980-01-01",
          mobile: "13800000000",
          address: "深圳市",
        },
        "u1",
      );
      expect(saved.kind).toBe("saved");
    }
    expect((await user.press(t.saveButton(DEFAULT_PATIENT.name))).text).toBe(t.full(10));
    expect(await savedOf(user)).toHaveLength(10);
  });
});

describe("the key behind saved patients", () => {
  const keyA = randomBytes(32).toString("base64");
  const keyB = randomBytes(32).toString("base64");
  let world: TestWorld;
  beforeAll(async () => {
    world = await startTestWorld({
      consent: "ask",
      env: { PATIENT_DATA_KEY: keyA },
      flood: { points: 1000, durationSeconds: 10 },
    });
  });
  afterAll(async () => {
    await world?.stop();
  });
  const storedPatients = async (userId: number) =>
    Object.values(await world.redis.hgetall(`${world.prefix}patients:${userId}`)).join("\n");
  const storedSession = async (userId: number) =>
    (await world.redis.get(`${world.prefix}session:${userId}`)) ?? "";

  it("reads what a rotated-out key wrote and writes it back under the new key", async () => {
    const user = world.user(5201);
    await world.bookFirstAvailable(user);
    await user.press(t.saveButton(DEFAULT_PATIENT.name));
    // a second booking half-way through the questions
    await toSlot(user);
    await user.press(t.someoneElse);
    await user.say("王五");
    expect(await storedSession(user.id)).toContain(`.${keyIdOf(Buffer.from(keyA, "base64"))}.`);

    await world.restartBot({ PATIENT_DATA_KEY: keyB, PATIENT_DATA_OLD_KEYS: keyA });
    // the answer given before the rotation is still there
    await user.press("居民身份证");
    expect(user.buttons().flat()).not.toContain("居民身份证");
    await user.say(DEFAULT_PATIENT.idNumber);
    await user.say(DEFAULT_PATIENT.mobile);
    await user.press("没有");
    const summary = await user.say(DEFAULT_PATIENT.address);
    expect(summary.text).toContain("王五");
    expect(await storedSession(user.id)).toContain(`.${keyIdOf(Buffer.from(keyB, "base64"))}.`);

    const newId = keyIdOf(Buffer.from(keyB, "base64"));
    expect(await storedPatients(user.id)).not.toContain(`.${newId}.`);
    expect((await user.say("/patients")).text).toBe(t.listTitle(1, 10));
    expect(await storedPatients(user.id)).toContain(`.${newId}.`);
  });

  it("treats what a wrong key cannot open as never given, and asks again without an error", async () => {
    const user = world.user(5202);
    await world.bookFirstAvailable(user);
    await user.press(t.saveButton(DEFAULT_PATIENT.name));
    await toSlot(user);
    await user.press(t.someoneElse);
    await user.say("王五");
    await user.press("居民身份证");

    await world.restartBot({ PATIENT_DATA_KEY: randomBytes(32).toString("base64") });
    const turn = await user.say(DEFAULT_PATIENT.idNumber);
    // the answers are gone with the key: the questions start again, politely
    expect(turn.text).toContain(zh.patient.askName);
    expect(turn.text).not.toContain(zh.errors.generic);
    expect((await user.say("/patients")).text).toBe(t.empty);
    // the unreadable entry is left for the right key, not destroyed
    expect(await storedPatients(user.id)).not.toBe("");
  });
});

// Patient stories at the patient questions, as people met them: typing at a list of buttons, booking for
// a child, sharing a contact card that is someone else's, a problem the bot had no words for, and a press
// on an inline-mode message. Every expectation is a locale text, so the stories hold in both languages.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { en } from "../../src/i18n/en.js";
import { zh } from "../../src/i18n/zh.js";
import { makeIdCardNumber } from "../../src/patient/id-card.js";
import type { EmulatedUser } from "../../src/telegram-emulator/types.js";
import {
  DEFAULT_PATIENT,
  firstButton,
  firstWithPlaces,
  literal,
  startTestWorld,
  type TestWorld,
} from "../support/world.js";

let world: TestWorld;
let nextUserId = 7600;
const newUser = (lang: "zh" | "en" = "zh") => world.user(nextUserId++, lang);

beforeAll(async () => {
  // a whole questionnaire and its revision tap faster than the flood limit a person never reaches
  world = await startTestWorld({ flood: { points: 200, durationSeconds: 10 } });
});
afterAll(async () => {
  await world?.stop();
});

const CHILD_ID = makeIdCardNumber("440304", "2015-03-07", 22); // an even sequence: a girl
const MOTHER_ID = makeIdCardNumber("440304", "1986-08-09", 24);
const TEEN_ID = makeIdCardNumber("440304", "2011-01-01", 13);
const GUARDIAN_MOBILE = "13912345678";
const NOW = () => Math.floor(Date.now() / 1000);

async function storedSession(user: EmulatedUser): Promise<Record<string, unknown> | undefined> {
  const raw = await world.redis.get(`${world.prefix}session:${user.id}`);
  return raw ? (JSON.parse(raw) as Record<string, unknown>) : undefined;
}

async function toPatientQuestions(user: EmulatedUser): Promise<void> {
  await user.say("/book");
  for (let i = 0; i < 4; i++) await user.press(firstButton(user));
  await user.press(firstWithPlaces(user));
  await user.press(firstWithPlaces(user));
  await user.press(firstWithPlaces(user));
}

const from = (u: EmulatedUser) => ({
  id: u.id,
  is_bot: false,
  first_name: `Patient${u.id}`,
  language_code: "zh-hans",
});
const chat = (u: EmulatedUser) => ({ id: u.id, type: "private", first_name: `Patient${u.id}` });

/** A contact card as a client sends it; `userId` undefined for a card of someone not on Telegram. */
async function sendContact(u: EmulatedUser, phone: string, userId: number | undefined): Promise<void> {
  await world.emulator.pushUpdate({
    message: {
      message_id: 90_000 + u.id,
      date: NOW(),
      from: from(u),
      chat: chat(u),
      contact: {
        phone_number: phone,
        first_name: "妈妈",
        ...(userId === undefined ? {} : { user_id: userId }),
      },
    },
  });
}

describe("typing at a question that offers buttons", () => {
  it("takes a typed document type, sex or relation that names one choice, in either language", async () => {
    const user = newUser();
    await toPatientQuestions(user);
    await user.say("王小丽");
    expect((await user.say("护照")).text).toContain(zh.patient.askCertNo(zh.certificate.passport));
    await user.say("E7654321");
    // the English word works in a Chinese chat too
    expect((await user.say("female")).text).toContain(zh.patient.askBirthday);
    const turn = await user.say("1990-05-06");
    expect(turn.text).toContain(zh.patient.askMobile);
  });

  it("narrows the buttons to what a word could mean, and says so when nothing fits", async () => {
    const user = newUser();
    await toPatientQuestions(user);
    await user.say("王小丽");
    const narrowed = await user.say("通行证");
    expect(narrowed.text).toContain(zh.flow.filterActive("通行证"));
    const labels = user.buttons().flat();
    expect(labels).toContain(zh.certificate.hk_macau_permit);
    expect(labels).toContain(zh.certificate.taiwan_permit);
    expect(labels).not.toContain(zh.certificate.passport);
    expect(labels).toContain(zh.flow.clearFilter);
    await user.press(zh.flow.clearFilter);
    expect(user.buttons().flat()).toContain(zh.certificate.passport);
    const none = await user.say("110101199003071234");
    expect(none.text).toContain(zh.flow.choiceNone("110101199003071234"));
    expect(user.buttons().flat()).toContain(zh.certificate.id_card);
    await user.say("身份证");
    expect(user.lastMessage()?.text).toContain(zh.patient.askCertNo(zh.certificate.id_card));
  });

  it("tells a patient who types at a tap-only step to tap, without promising a filter", async () => {
    const user = newUser();
    await user.say("/book");
    for (let i = 0; i < 4; i++) await user.press(firstButton(user));
    // the day step offers taps only: typing filters nothing there
    expect((await user.say("明天")).text).toBe(zh.flow.tapExpected);
  });
});

describe("a child as the patient", () => {
  it("asks for the guardian right after the child's ID number, and books with the guardian's mobile", async () => {
    const user = newUser();
    await toPatientQuestions(user);
    await user.say("张小宝");
    await user.press(zh.certificate.id_card);
    const afterId = await user.say(CHILD_ID);
    expect(afterId.text).toContain(zh.patient.derivedFromId("2015-03-07", zh.sex.female));
    expect(afterId.text).toContain(zh.patient.minorNotice);
    expect(afterId.text).toContain(zh.patient.askGuardianName);
    expect(afterId.text).not.toContain(zh.patient.askMobile);
    await user.say("李梅");
    await user.press(zh.certificate.id_card);
    expect((await user.say(CHILD_ID)).text).toContain(zh.problems["guardian.same_certificate"]);
    expect((await user.say(TEEN_ID)).text).toContain(zh.problems["guardian.minor"]);
    expect((await user.say(MOTHER_ID)).text).toContain(zh.patient.askGuardianRelation);
    // the ID number says the guardian is a woman: she is not the father
    expect((await user.press(zh.relation.father)).text).toContain(zh.problems["relation.sex_mismatch"]);
    const mobileQuestion = await user.press(zh.relation.mother);
    expect(mobileQuestion.text).toContain(zh.patient.askGuardianMobile);
    expect(user.replyKeyboard().flat()).toContain(zh.patient.shareContact);
    await user.say(GUARDIAN_MOBILE);
    // the child's own mobile is not asked for
    expect(user.lastMessage()?.text).toContain(zh.patient.askClinicNo);
    await user.press(zh.patient.noClinicNo);
    const summary = (await user.say(DEFAULT_PATIENT.address)).text;
    expect(summary).toContain("139****5678");
    await user.press(zh.confirm.confirmButton);
    const order = world.sandbox.orders().at(-1);
    expect(order?.body.cardNo).toBe(CHILD_ID);
    expect(order?.body.mobile).toBe(GUARDIAN_MOBILE);
    expect(order?.body.guardian).toEqual({
      guardianTrueName: "李梅",
      guardianMobile: GUARDIAN_MOBILE,
      guardianCardType: "1",
      guardianCardNo: MOTHER_ID,
      guardianSex: "1",
      guardianRelation: "mother",
      guardianBirthday: "1986-08-09",
    });
  });

  it("asks for the guardian right after a typed birthday shows a minor, and the relation must fit the typed sex", async () => {
    const user = newUser("en");
    await toPatientQuestions(user);
    await user.say("Mary O'Neil");
    await user.press(en.certificate.passport);
    await user.say("e1234567");
    await user.press(en.sex.female);
    const afterBirthday = await user.say("2015-03-07");
    expect(afterBirthday.text).toContain(en.patient.minorNotice);
    expect(afterBirthday.text).toContain(en.patient.askGuardianName);
    await user.say("Tom O'Neil");
    await user.press(en.certificate.passport);
    await user.say("E7777777");
    await user.press(en.sex.male);
    expect((await user.say("2012-01-01")).text).toContain(en.problems["guardian.minor"]);
    await user.say("1980-05-05");
    expect((await user.say("mother")).text).toContain(en.problems["relation.sex_mismatch"]);
    expect((await user.say("father")).text).toContain(en.patient.askGuardianMobile);
  });
});

describe("a child's booking mobile", () => {
  it("is the guardian's until another is given when the details are revised", async () => {
    const user = newUser();
    await toPatientQuestions(user);
    await user.say("张小宝");
    await user.press(zh.certificate.id_card);
    await user.say(CHILD_ID);
    await user.say("李梅");
    await user.press(zh.certificate.id_card);
    await user.say(MOTHER_ID);
    await user.press(zh.relation.mother);
    await user.say(GUARDIAN_MOBILE);
    await user.press(zh.patient.noClinicNo);
    await user.say(DEFAULT_PATIENT.address);
    await user.press(zh.confirm.changeButton);
    await user.press(zh.confirm.changePatient);
    await user.press(zh.patient.keep("张小宝"));
    await user.press(zh.certificate.id_card);
    await user.press(new RegExp(`^${literal(zh.patient.keep("4403"))}`));
    await user.press(zh.patient.keep("李梅"));
    await user.press(zh.certificate.id_card);
    await user.press(new RegExp(`^${literal(zh.patient.keep("4403"))}`));
    await user.press(zh.relation.mother);
    const guardianMobile = user.lastMessage()?.text ?? "";
    expect(guardianMobile).toContain(zh.patient.askGuardianMobile);
    const bookingMobile = await user.press(zh.patient.keep("139****5678"));
    expect(bookingMobile.text).toContain(zh.patient.askBookingMobile);
    expect(user.replyKeyboard().flat()).toContain(zh.patient.keep("139****5678"));
    await user.say("13700001111");
    await user.press(zh.patient.keep(zh.patient.noClinicNo));
    const summary = (await user.press(new RegExp(`^${literal(zh.patient.keep("深圳市"))}`))).text;
    expect(summary).toContain("137****1111");
    await user.press(zh.confirm.confirmButton);
    const order = world.sandbox.orders().at(-1);
    expect(order?.body.mobile).toBe("13700001111");
    expect((order?.body.guardian as Record<string, unknown> | undefined)?.guardianMobile).toBe(
      GUARDIAN_MOBILE,
    );
  });
});

describe("the mobile question", () => {
  it("refuses a contact card that is not the sender's own and takes the number typed instead", async () => {
    const user = newUser();
    await toPatientQuestions(user);
    await user.say(DEFAULT_PATIENT.name);
    await user.press(zh.certificate.id_card);
    await user.say(DEFAULT_PATIENT.idNumber);
    await sendContact(user, "+8613700001111", user.id + 1);
    expect(user.lastMessage()?.text).toContain(zh.problems["contact.not_own"]);
    expect(user.lastMessage()?.text).toContain(zh.patient.askMobile);
    await sendContact(user, "+8613700001111", undefined);
    expect(user.lastMessage()?.text).toContain(zh.problems["contact.not_own"]);
    const session = (await storedSession(user)) as { draft?: { patient?: { mobile?: string } } };
    expect(session.draft?.patient?.mobile).toBeUndefined();
    // the same number typed is taken: a patient may book with a family member's number
    expect((await user.say("13700001111")).text).toContain(zh.patient.askClinicNo);
    await user.press(zh.patient.noClinicNo);
    expect((await user.say(DEFAULT_PATIENT.address)).text).toContain("137****1111");
  });

  it("takes the sender's own shared contact", async () => {
    const user = newUser();
    await toPatientQuestions(user);
    await user.say(DEFAULT_PATIENT.name);
    await user.press(zh.certificate.id_card);
    await user.say(DEFAULT_PATIENT.idNumber);
    await sendContact(user, "+8613700002222", user.id);
    expect(user.lastMessage()?.text).toContain(zh.patient.askClinicNo);
  });
});

describe("problems the bot must have words for", () => {
  it("answers a choice that is not on the list with its own text, not the generic one", async () => {
    const user = newUser();
    await toPatientQuestions(user);
    await user.say(DEFAULT_PATIENT.name);
    const session = (await storedSession(user)) as { menu?: { nonce: string; messageId: number } };
    const menu = session.menu;
    if (!menu) throw new Error("no live menu at the document-type question");
    // data of the live menu's own shape that names no document type, as an older version could have drawn
    const turn = await user.pressData(`${menu.nonce}|pick|visa`, menu.messageId);
    expect(turn.text).toContain(zh.problems["choice.unknown"]);
    expect(turn.text).not.toContain(zh.problems["patient.mismatch"]);
  });
});

describe("a press on an inline-mode message", () => {
  it("is answered and changes nothing, even when its data is a global action", async () => {
    const user = newUser();
    await toPatientQuestions(user);
    await user.say(DEFAULT_PATIENT.name);
    const before = await storedSession(user);
    const sent = world.emulator.calls("sendMessage").length;
    const answers = world.emulator.calls("answerCallbackQuery").length;
    for (const data of ["0|start|", "0|mine|", "0|lang|en"]) {
      await world.emulator.pushUpdate({
        callback_query: {
          id: `inline-${data}`,
          from: from(user),
          chat_instance: "77",
          inline_message_id: "AgAAAB0BAAA",
          data,
        },
      });
    }
    expect(await storedSession(user)).toEqual(before);
    expect(world.emulator.calls("sendMessage")).toHaveLength(sent);
    const given = world.emulator.calls("answerCallbackQuery").slice(answers);
    expect(given.map((c) => c.payload.text)).toEqual([zh.flow.expired, zh.flow.expired, zh.flow.expired]);
    // the questions carry on where they were
    expect((await user.press(zh.certificate.id_card)).text).toContain(
      zh.patient.askCertNo(zh.certificate.id_card),
    );
  });
});

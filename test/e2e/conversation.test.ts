// Patient stories through the conversation: navigation, filtering, wrong answers, double taps, stale
// buttons, a restart mid-flow and a slot lost to someone else.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_CARD_TYPES } from "../../src/hospital/card-types.js";
import { orderSexCode } from "../../src/hospital/order-body.js";
import { en } from "../../src/i18n/en.js";
import { zh } from "../../src/i18n/zh.js";
import { makeIdCardNumber } from "../../src/patient/id-card.js";
import { maskCertificate } from "../../src/patient/mask.js";
import { formatFee } from "../../src/schedule/schedule-days.js";
import type { EmulatedUser } from "../../src/telegram-emulator/types.js";
import {
  DEFAULT_PATIENT,
  firstButton,
  firstWithPlaces,
  placedTitle,
  startTestWorld,
  summaryTitle,
  type TestWorld,
} from "../support/world.js";

let world: TestWorld;
let nextUserId = 7000;
const newUser = (lang: "zh" | "en" = "zh") => world.user(nextUserId++, lang);

beforeAll(async () => {
  world = await startTestWorld();
});
afterAll(async () => {
  await world?.stop();
});

async function storedSession(user: EmulatedUser): Promise<Record<string, unknown> | undefined> {
  const raw = await world.redis.get(`${world.prefix}session:${user.id}`);
  return raw ? (JSON.parse(raw) as Record<string, unknown>) : undefined;
}

/** Taps through to the first free slot of the first doctor with places; leaves the patient questions open. */
async function toPatientQuestions(user: EmulatedUser): Promise<void> {
  await user.say("/book");
  for (let i = 0; i < 4; i++) await user.press(firstButton(user));
  await user.press(firstWithPlaces(user));
  await user.press(firstWithPlaces(user));
  await user.press(firstWithPlaces(user));
}

async function answerAdult(user: EmulatedUser, idNumber = DEFAULT_PATIENT.idNumber): Promise<void> {
  await user.say(DEFAULT_PATIENT.name);
  await user.press(zh.certificate.id_card);
  await user.say(idNumber);
  await user.say(DEFAULT_PATIENT.mobile);
  await user.press(zh.patient.noClinicNo);
  await user.say(DEFAULT_PATIENT.address);
}

const PEOPLES_HOSPITAL = zh.hospital.button("深圳市人民医院", "三甲");

describe("finding a doctor", () => {
  it("pages through a city's hospitals and goes Back with the earlier choice still marked", async () => {
    const user = newUser();
    await user.say("/book");
    await user.press(/深圳市/);
    const firstPage = user.buttons().flat();
    expect(user.lastMessage()?.text).toContain(zh.nav.page(1, 2));
    await user.press(zh.nav.next);
    expect(user.lastMessage()?.text).toContain(zh.nav.page(2, 2));
    const secondPage = user.buttons().flat();
    expect(secondPage.filter((b) => firstPage.includes(b) && b.includes("医院"))).toEqual([]);
    await user.press(zh.nav.prev);
    await user.press(PEOPLES_HOSPITAL);
    expect(user.lastMessage()?.text.startsWith(zh.department.prompt("深圳市人民医院"))).toBe(true);
    await user.press(zh.nav.back);
    expect(user.buttons().flat()).toContain(`✓ ${PEOPLES_HOSPITAL}`);
    // the menu was edited in place, not sent anew at each tap
    expect(user.messages().filter((m) => m.fromBot)).toHaveLength(1);
  });

  it("filters hospitals by pinyin initials and departments by name", async () => {
    const user = newUser();
    await user.say("/book");
    await user.press(/深圳市/);
    await user.say("szrm");
    expect(user.lastMessage()?.text).toContain(zh.flow.filterActive("szrm"));
    expect(user.buttons()[0]?.[0]).toBe(PEOPLES_HOSPITAL);
    await user.press(PEOPLES_HOSPITAL);
    await user.say("儿");
    const labels = user.buttons().flat();
    const controls = [zh.nav.back, zh.nav.cancel, zh.flow.clearFilter];
    expect(labels.some((l) => l.includes("儿"))).toBe(true);
    expect(labels.filter((l) => !l.includes("儿") && !controls.includes(l))).toEqual([]);
    await user.say("zzzzqqq");
    expect(user.lastMessage()?.text).toContain(zh.flow.filterNone("zzzzqqq"));
    await user.press(zh.flow.clearFilter);
    expect(user.buttons().flat().length).toBeGreaterThan(5);
  });

  it("shows sessions with period, level, fee and places, and does not offer a full one", async () => {
    const user = newUser();
    await user.say("/book");
    await user.press(/深圳市/);
    await user.press(/深圳市人民医院/);
    await user.press(/内科/);
    const doctors = user.buttons().flat();
    // the sandbox makes the department's fourth doctor fully booked
    const full = doctors[3];
    if (!full) throw new Error(`expected four doctors, got ${doctors.join(", ")}`);
    await user.press(full);
    expect(user.lastMessage()?.text).toContain(zh.date.allFull);
    const days = user.buttons().flat();
    const fullDay = days.find((d) => d.endsWith(zh.date.dayButton("", 0)));
    if (!fullDay) throw new Error(`no full day among ${days.join(", ")}`);
    await user.press(fullDay);
    const sessions = user
      .buttons()
      .flat()
      .filter((b) => b.startsWith("🚫 "));
    // each session as the hospital lists it, shown full and not offered
    const session = (await storedSession(user)) as {
      draft: { unitId: string; depId: string; doctorId: string };
      __scenes: { state: { day: string } };
    };
    const { unitId, depId, doctorId } = session.draft;
    const day = session.__scenes.state.day;
    const listed = await world.app.catalog.schedules(unitId, depId, doctorId, day, day);
    const expected = listed.map(
      (x) => `🚫 ${zh.date.sessionLine(x.period, x.levelName, formatFee(x.fee), 0)}`,
    );
    expect(expected.length).toBeGreaterThan(0);
    expect([...sessions].sort()).toEqual(expected.sort());
    const turn = await user.press(sessions[0] ?? "");
    expect(turn.answer?.text).toBe(zh.date.sessionFull);
    const dayLabel = fullDay.slice(0, -zh.date.dayButton("", 0).length);
    expect(user.lastMessage()?.text.startsWith(zh.date.sessionsPrompt(full, dayLabel))).toBe(true);
  });
});

describe("entering the patient's details", () => {
  it("re-asks with a specific hint after each kind of wrong answer and keeps what was answered", async () => {
    const user = newUser();
    await toPatientQuestions(user);
    const p = zh.problems;
    expect((await user.say("张3")).text).toContain(p["name.characters"]);
    expect((await user.sendSticker()).text).toContain(zh.patient.textExpected);
    await user.say("李四");
    expect((await user.say("110101199003071234")).text).toContain(zh.flow.choiceNone("110101199003071234"));
    await user.press(zh.certificate.id_card);
    const good = makeIdCardNumber("110101", "1985-12-01", 124);
    const wrongCheck = `${good.slice(0, 17)}${good.endsWith("0") ? "1" : "0"}`;
    expect((await user.say(wrongCheck)).text).toContain(p["id_card.checksum"]);
    expect((await user.say("11010119851301124X")).text).toContain(p["id_card.birthday"]);
    expect((await user.say("12345")).text).toContain(p["id_card.length"]);
    expect((await user.say(good)).text).toContain(zh.patient.derivedFromId("1985-12-01", zh.sex.female));
    expect((await user.say("1381234567")).text).toContain(p["mobile.format"]);
    await user.say("+86 138 1234 5678");
    expect((await user.say("!!!")).text).toContain(p["clinic_no.characters"]);
    await user.press(zh.patient.noClinicNo);
    expect((await user.say("短")).text).toContain(p["address.length"]);
    const summary = (await user.say("北京市东城区帅府园1号")).text;
    expect(summary).toContain(zh.confirm.patientLine("李四", zh.sex.female, "1985-12-01"));
    expect(summary).toContain(`${zh.certificate.id_card} 1101**********124`);
    expect(summary).toContain("138****5678");
    expect(summary).not.toContain(good);
  });

  it("asks sex and birthday for a passport and a guardian for a minor", async () => {
    const user = newUser("en");
    await toPatientQuestions(user);
    await user.say("Mary O'Neil");
    await user.press(en.certificate.passport);
    await user.say("e1234567");
    await user.press(en.sex.female);
    expect((await user.say("2015/02/30")).text).toContain(en.problems["birthday.not_a_date"]);
    // the guardian comes as soon as the birthday shows a minor, and the mobile asked is the guardian's
    const guardianPrompt = (await user.say("2015年3月7日")).text;
    expect(guardianPrompt).toContain(en.patient.minorNotice);
    expect((await user.say("Tom O'Neil")).text).toContain(en.patient.askGuardianCertType);
    await user.press(en.certificate.id_card);
    expect((await user.say(makeIdCardNumber("440304", "2010-01-01", 11))).text).toContain(
      en.problems["guardian.minor"],
    );
    await user.say(makeIdCardNumber("440304", "1980-05-05", 11));
    await user.press(en.relation.father);
    await user.say("13712345678");
    await user.press(en.patient.noClinicNo);
    const summary = (await user.say("1 Main Street, Shenzhen")).text;
    expect(summary.startsWith(summaryTitle(en))).toBe(true);
    expect(summary).toContain("T** O'N***");
    await user.press(en.confirm.confirmButton);
    const order = world.sandbox.orders().at(-1);
    expect(order?.body.sex).toBe(orderSexCode("female"));
    expect(order?.body.birthday).toBe("2015-03-07");
    expect(order?.body.cardType).toBe(DEFAULT_CARD_TYPES.passport);
    expect(order?.body.cardNo).toBe("E1234567");
    const guardian = order?.body.guardian as Record<string, unknown> | undefined;
    expect(guardian?.guardianSex).toBe(String(orderSexCode("male")));
    expect(guardian?.guardianBirthday).toBe("1980-05-05");
    expect(order?.body.mobile).toBe("13712345678");
  });

  it("lets the patient change details from the summary, offering each earlier answer to keep", async () => {
    const user = newUser();
    await toPatientQuestions(user);
    await answerAdult(user);
    const keep = zh.patient.keep;
    await user.press(zh.confirm.changeButton);
    await user.press(zh.confirm.changePatient);
    expect(user.buttons().flat()).toContain(keep(DEFAULT_PATIENT.name));
    await user.say("王五");
    await user.press(zh.certificate.id_card);
    await user.press(keep(maskCertificate(DEFAULT_PATIENT.idNumber)));
    await user.tapReplyKeyboard(keep("138****5678"));
    await user.press(keep(zh.patient.noClinicNo));
    const summary = (await user.press(keep(DEFAULT_PATIENT.address))).text;
    expect(summary).toContain(zh.confirm.patientLine("王五", zh.sex.male, "1990-03-07"));
  });
});

describe("confirming", () => {
  it("places one order when Confirm is tapped twice", async () => {
    const user = newUser();
    await toPatientQuestions(user);
    await answerAdult(user);
    const before = world.sandbox.requestCount("/appointment/order");
    await Promise.all([user.press(zh.confirm.confirmButton), user.press(zh.confirm.confirmButton)]);
    expect(world.sandbox.requestCount("/appointment/order")).toBe(before + 1);
    expect(user.lastMessage()?.text.startsWith(placedTitle(zh))).toBe(true);
    expect(await storedSession(user)).not.toHaveProperty("draft");
  });

  it("goes back to the slots when someone else took the slot before Confirm", async () => {
    const user = newUser();
    await toPatientQuestions(user);
    await answerAdult(user);
    const session = await storedSession(user);
    const draft = session?.draft as { slot?: { resourceId: string } } | undefined;
    const resourceId = draft?.slot?.resourceId;
    expect(resourceId).toBeDefined();
    world.sandbox.takeSlot(resourceId ?? "");
    const turn = await user.press(zh.confirm.confirmButton);
    expect(turn.sent.map((m) => m.text)).toContain(zh.confirm.slotTaken);
    expect(user.lastMessage()?.text).toContain(zh.slot.prompt("", "", "").split("\n")[1]);
    // the details are kept: choosing another slot goes straight to the summary
    const summary = (await user.press(firstWithPlaces(user))).text;
    expect(summary.startsWith(summaryTitle(zh))).toBe(true);
  });
});

describe("stale and interrupted conversations", () => {
  it("answers a button from an older menu with 'expired' and changes nothing", async () => {
    const user = newUser();
    await user.say("/book");
    const oldMenu = user.lastMessage();
    await user.press(firstButton(user));
    await user.say("/book");
    const before = await storedSession(user);
    const turn = await user.press(/医院/, { messageId: oldMenu?.messageId });
    expect(turn.answer?.text).toBe(zh.flow.expired);
    expect(await storedSession(user)).toEqual(before);
  });

  it("takes a double tap on a list as one tap, without calling the menu expired", async () => {
    const user = newUser();
    await user.say("/book");
    const cities = user.lastMessage();
    const markup = cities?.replyMarkup;
    const first = markup && "inline_keyboard" in markup ? markup.inline_keyboard[0]?.[0] : undefined;
    const data = first && "callback_data" in first ? first.callback_data : "";
    const taps = await Promise.all([
      user.pressData(data, cities?.messageId),
      user.pressData(data, cities?.messageId),
    ]);
    expect(taps.every((t) => t.answer !== undefined)).toBe(true);
    expect(taps.map((t) => t.answer?.text)).not.toContain(zh.flow.expired);
    const draft = (await storedSession(user))?.draft as { city?: string } | undefined;
    expect(draft).toMatchObject({ city: expect.any(String) });
    expect(user.lastMessage()?.text.startsWith(zh.hospital.prompt(draft?.city ?? ""))).toBe(true);
    // the same old button pressed later is a stale press, and says so
    const late = await user.pressData(data, cities?.messageId);
    expect(late.answer?.text).toBe(zh.flow.expired);
  });

  it("answers forged callback data politely", async () => {
    const user = newUser();
    await user.say("/book");
    const turn = await user.pressData("not|a|button|at|all");
    expect(turn.answer?.text).toBe(zh.flow.expired);
  });

  it("offers a fresh start when the session has expired", async () => {
    const user = newUser();
    await user.say("/book");
    await world.redis.del(`${world.prefix}session:${user.id}`);
    const turn = await user.press(firstButton(user));
    expect(turn.answer?.text).toBe(zh.flow.expired);
    expect(user.buttons().flat()).toEqual([zh.nav.startAgain]);
    await user.press(zh.nav.startAgain);
    expect(user.lastMessage()?.text).toBe(zh.city.prompt);
  });

  it("carries on after the bot restarts mid-flow", async () => {
    const user = newUser();
    await user.say("/book");
    await user.press(firstButton(user));
    await user.press(firstButton(user));
    await world.restartBot();
    await user.press(firstButton(user));
    await user.press(firstButton(user));
    await user.press(firstWithPlaces(user));
    await user.press(firstWithPlaces(user));
    await user.press(firstWithPlaces(user));
    await answerAdult(user);
    await user.press(zh.confirm.confirmButton);
    expect(user.lastMessage()?.text.startsWith(placedTitle(zh))).toBe(true);
  });

  it("leaves the flow on Cancel and forgets what was entered", async () => {
    const user = newUser();
    await toPatientQuestions(user);
    await user.say("赵六");
    await user.press(zh.nav.cancel);
    expect(user.lastMessage()?.text).toBe(zh.flow.cancelled);
    expect(JSON.stringify(await storedSession(user))).not.toContain("赵六");
  });
});

// Patient stories for leaving the questions halfway: /book or /start asks before throwing the answers
// away (Keep going / Start over), and every way out of the mobile question takes its reply keyboard
// with it, so a label tapped later cannot arrive as the answer to another question.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { zh } from "../../src/i18n/zh.js";
import type { EmulatedUser } from "../../src/telegram-emulator/types.js";
import {
  DEFAULT_PATIENT,
  firstButton,
  firstWithPlaces,
  startTestWorld,
  type TestWorld,
} from "../support/world.js";

let world: TestWorld;
let nextUserId = 9300;
const newUser = () => world.user(nextUserId++, "zh");

beforeAll(async () => {
  world = await startTestWorld();
});
afterAll(async () => {
  await world?.stop();
});

async function storedSession(user: EmulatedUser): Promise<string> {
  return (await world.redis.get(`${world.prefix}session:${user.id}`)) ?? "";
}

async function toQuestions(user: EmulatedUser): Promise<void> {
  await user.say("/book");
  for (let i = 0; i < 4; i++) await user.press(firstButton(user));
  for (let i = 0; i < 3; i++) await user.press(firstWithPlaces(user));
}

/** Up to the mobile question, with its reply keyboard on screen. */
async function toMobileQuestion(user: EmulatedUser): Promise<void> {
  await toQuestions(user);
  await user.say(DEFAULT_PATIENT.name);
  await user.press(zh.certificate.id_card);
  await user.say(DEFAULT_PATIENT.idNumber);
  expect(user.lastMessage()?.text).toContain(zh.patient.askMobile);
  expect(user.replyKeyboard().flat()).toEqual([zh.patient.shareContact, zh.nav.back, zh.nav.cancel]);
}

describe("/book and /start in the middle of the questions", () => {
  it("/book asks first; Keep going returns to the question with the answers kept", async () => {
    const user = newUser();
    await toQuestions(user);
    await user.say("赵六");
    const asked = await user.say("/book");
    expect(asked.text).toBe(zh.restart.question);
    const kept = await user.press(zh.restart.keepGoing);
    expect(kept.text).toBe(zh.patient.askCertType);
    expect(await storedSession(user)).toContain("赵六");
  });

  it("/book then Start over begins again at the city, without the answers", async () => {
    const user = newUser();
    await toQuestions(user);
    await user.say("赵六");
    await user.say("/book");
    const over = await user.press(zh.restart.startOver);
    expect(over.text).toBe(zh.city.prompt);
    expect(await storedSession(user)).not.toContain("赵六");
  });

  it("/start then Start over greets, without the answers", async () => {
    const user = newUser();
    await toQuestions(user);
    await user.say("赵六");
    expect((await user.say("/start")).text).toBe(zh.restart.question);
    const over = await user.press(zh.restart.startOver);
    expect(over.text).toBe(zh.start.greeting(`Patient${user.id}`));
    expect(await storedSession(user)).not.toContain("赵六");
  });

  it("does not ask when nothing would be lost", async () => {
    const user = newUser();
    await user.say("/book");
    await user.press(firstButton(user));
    expect((await user.say("/book")).text).toBe(zh.city.prompt);
  });
});

describe("the mobile question's reply keyboard", () => {
  it("goes with Back, and the question before is asked again", async () => {
    const user = newUser();
    await toMobileQuestion(user);
    const back = await user.tapReplyKeyboard(zh.nav.back);
    expect(user.replyKeyboard()).toEqual([]);
    expect(back.text).toContain(zh.patient.askCertNo(zh.certificate.id_card));
  });

  it("goes with Cancel", async () => {
    const user = newUser();
    await toMobileQuestion(user);
    const cancelled = await user.tapReplyKeyboard(zh.nav.cancel);
    expect(user.replyKeyboard()).toEqual([]);
    expect(cancelled.text).toBe(zh.flow.cancelled);
    expect(await storedSession(user)).not.toContain(DEFAULT_PATIENT.idNumber);
  });

  it("goes with /book, whether the patient keeps going or starts over", async () => {
    const user = newUser();
    await toMobileQuestion(user);
    await user.say("/book");
    expect(user.replyKeyboard()).toEqual([]);
    // keeping going asks the mobile again, with its keyboard
    await user.press(zh.restart.keepGoing);
    expect(user.replyKeyboard().flat()).toContain(zh.patient.shareContact);
    await user.say("/book");
    await user.press(zh.restart.startOver);
    expect(user.replyKeyboard()).toEqual([]);
    expect(user.lastMessage()?.text).toBe(zh.city.prompt);
  });

  it("goes with /start", async () => {
    const user = newUser();
    await toMobileQuestion(user);
    await user.say("/start");
    expect(user.replyKeyboard()).toEqual([]);
    await user.press(zh.restart.startOver);
    expect(user.replyKeyboard()).toEqual([]);
  });

  it("goes with Start again on an old menu", async () => {
    const user = newUser();
    await toMobileQuestion(user);
    const certNoQuestion = zh.patient.askCertNo(zh.certificate.id_card);
    const oldMenu = user.messages().findLast((m) => m.fromBot && m.text.includes(certNoQuestion));
    const stale = await user.press(zh.nav.back, { messageId: oldMenu?.messageId });
    expect(stale.answer?.text).toBe(zh.flow.expired);
    await user.press(zh.nav.startAgain);
    expect(user.replyKeyboard()).toEqual([]);
    await user.press(zh.restart.startOver);
    expect(user.lastMessage()?.text).toBe(zh.city.prompt);
  });

  it("goes when a valid mobile is typed", async () => {
    const user = newUser();
    await toMobileQuestion(user);
    await user.say(DEFAULT_PATIENT.mobile);
    expect(user.replyKeyboard()).toEqual([]);
  });
});

// Stories around the flow: greeting, help, language, the command menu, sharing a contact, every button
// answered, and a refused order that can be retried.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publishCommandMenus } from "../../src/bot/commands.js";
import { API_CODES } from "../../src/hospital/error-codes.js";
import { en } from "../../src/i18n/en.js";
import { zh } from "../../src/i18n/zh.js";
import {
  DEFAULT_PATIENT,
  firstButton,
  firstWithPlaces,
  placedTitle,
  startTestWorld,
  type TestWorld,
} from "../support/world.js";

let world: TestWorld;
beforeAll(async () => {
  world = await startTestWorld();
});
afterAll(async () => {
  await world?.stop();
});

describe("commands", () => {
  it("greets in the patient's language and offers to book", async () => {
    const zhUser = world.user(8001, "zh");
    expect((await zhUser.say("/start")).text).toBe(zh.start.greeting("Patient8001"));
    expect(zhUser.buttons().flat()).toEqual([zh.start.bookButton, zh.start.myBookingsButton]);
    const enUser = world.user(8002, "en");
    expect((await enUser.say("/start")).text).toBe(en.start.greeting("Patient8002"));
    await enUser.press(en.start.bookButton);
    expect(enUser.lastMessage()?.text).toBe(en.city.prompt);
  });

  it("switches language with /language and keeps the choice", async () => {
    const user = world.user(8003, "zh");
    await user.say("/language");
    await user.press(en.languageName);
    expect(user.lastMessage()?.text).toBe(en.language.changed);
    expect((await user.say("/help")).text).toBe(en.help.text);
  });

  it("registers the command menu in Chinese and English", async () => {
    await publishCommandMenus(world.app.bot.telegram);
    expect(world.emulator.commands("zh")).toContainEqual({ command: "book", description: zh.commands.book });
    expect(world.emulator.commands()).toContainEqual({ command: "book", description: en.commands.book });
  });

  it("nudges towards /book when text arrives outside a booking", async () => {
    const user = world.user(8004, "zh");
    expect((await user.say("你好")).text).toBe(zh.flow.noActiveFlow);
  });
});

describe("around the confirm step", () => {
  it("answers every button press, takes a shared contact, and retries a refused order", async () => {
    const user = world.user(8005, "zh");
    await user.say("/book");
    for (let i = 0; i < 4; i++) await user.press(firstButton(user));
    for (let i = 0; i < 3; i++) await user.press(firstWithPlaces(user));
    await user.say(DEFAULT_PATIENT.name);
    await user.press(zh.certificate.id_card);
    await user.say(DEFAULT_PATIENT.idNumber);
    expect(user.replyKeyboard().flat()).toContain(zh.patient.shareContact);
    const shared = await user.shareContact("+8613987654321");
    expect(shared.sent.map((m) => m.text)).toContain("📱 139****4321 ✓");
    await user.press(zh.patient.noClinicNo);
    await user.say(DEFAULT_PATIENT.address);
    world.sandbox.knobs.failNext.push({
      endpoint: "/appointment/order",
      code: API_CODES.badParameter,
      msg: "证件号码与姓名不符",
    });
    const refused = await user.press(zh.confirm.confirmButton);
    expect(refused.text).toBe(zh.confirm.failed("证件号码与姓名不符"));
    const placed = await user.press(zh.confirm.retry);
    expect(placed.text.startsWith(placedTitle(zh))).toBe(true);
    const order = world.sandbox.orders().at(-1);
    expect(order?.body.mobile).toBe("13987654321");
    const presses = world.emulator.calls("answerCallbackQuery").filter((c) => c.payload.callback_query_id);
    const failed = presses.filter((c) => c.error);
    expect(failed).toEqual([]);
    expect(user.callbackAnswers().length).toBe(11);
  });
});

// Stories around the flow: greeting, help, language, the command menu, sharing a contact, every button
// answered, and a refused order that can be retried.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publishCommandMenus } from "../../src/bot/commands.js";
import {
  agreeIfAsked,
  DEFAULT_PATIENT,
  firstButton,
  firstWithPlaces,
  startTestWorld,
  type TestWorld,
  turnText,
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
    const zh = world.user(8001, "zh");
    expect((await zh.say("/start")).text).toContain("您好");
    expect(zh.buttons().flat()).toEqual(["📅 预约挂号", "📋 我的预约"]);
    const en = world.user(8002, "en");
    expect((await en.say("/start")).text).toContain("Hello");
    await en.press("📅 Book an appointment");
    expect(en.lastMessage()?.text).toBe("Choose a city:");
  });

  it("switches language with /language and keeps the choice", async () => {
    const user = world.user(8003, "zh");
    await user.say("/language");
    await user.press("English");
    expect(user.lastMessage()?.text).toBe("Language set to English.");
    expect((await user.say("/help")).text).toContain("How to use this bot");
  });

  it("registers the command menu in Chinese and English", async () => {
    await publishCommandMenus(world.app.bot.telegram);
    expect(JSON.stringify(world.emulator.commands("zh"))).toContain("预约挂号");
    expect(JSON.stringify(world.emulator.commands())).toContain("Book an appointment");
  });

  it("nudges towards /book when text arrives outside a booking", async () => {
    const user = world.user(8004, "zh");
    expect((await user.say("你好")).text).toContain("发送 /book 开始预约");
  });
});

describe("around the confirm step", () => {
  it("answers every button press, takes a shared contact, and retries a refused order", async () => {
    const user = world.user(8005, "zh");
    await user.say("/book");
    for (let i = 0; i < 4; i++) await user.press(firstButton(user));
    for (let i = 0; i < 3; i++) await user.press(firstWithPlaces(user));
    await agreeIfAsked(user);
    await user.say(DEFAULT_PATIENT.name);
    await user.press("居民身份证");
    await user.say(DEFAULT_PATIENT.idNumber);
    expect(user.replyKeyboard().flat()).toContain("📱 分享手机号");
    const shared = await user.shareContact("+8613987654321");
    expect(shared.sent.map((m) => m.text)).toContain("📱 139****4321 ✓");
    await user.press("没有");
    await user.say(DEFAULT_PATIENT.address);
    world.sandbox.knobs.failNext.push({
      endpoint: "/appointment/order",
      code: "20001",
      msg: "证件号码与姓名不符",
    });
    const refused = await user.press("✅ 确认预约");
    expect(refused.text).toContain("医院系统未能完成预约：证件号码与姓名不符");
    const placed = await user.press("🔁 重试");
    expect(turnText(placed)).toContain("预约成功");
    const order = world.sandbox.orders().at(-1);
    expect(order?.body.mobile).toBe("13987654321");
    const presses = world.emulator.calls("answerCallbackQuery").filter((c) => c.payload.callback_query_id);
    const failed = presses.filter((c) => c.error);
    expect(failed).toEqual([]);
    expect(user.callbackAnswers().length).toBe(12);
  });
});

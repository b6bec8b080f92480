// Patient stories through the conversation: navigation, filtering, wrong answers, double taps, stale
// buttons, a restart mid-flow and a slot lost to someone else.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeIdCardNumber } from "../../src/patient/id-card.js";
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
  await agreeIfAsked(user);
}

async function answerAdult(user: EmulatedUser, idNumber = DEFAULT_PATIENT.idNumber): Promise<void> {
  await agreeIfAsked(user);
  await user.say(DEFAULT_PATIENT.name);
  await user.press("居民身份证");
  await user.say(idNumber);
  await user.say(DEFAULT_PATIENT.mobile);
  await user.press("没有");
  await user.say(DEFAULT_PATIENT.address);
}

describe("finding a doctor", () => {
  it("pages through a city's hospitals and goes Back with the earlier choice still marked", async () => {
    const user = newUser();
    await user.say("/book");
    await user.press(/深圳市/);
    const firstPage = user.buttons().flat();
    expect(user.lastMessage()?.text).toContain("第 1/2 页");
    await user.press("下一页 ▶️");
    expect(user.lastMessage()?.text).toContain("第 2/2 页");
    const secondPage = user.buttons().flat();
    expect(secondPage.filter((b) => firstPage.includes(b) && b.includes("医院"))).toEqual([]);
    await user.press("◀️ 上一页");
    await user.press(/深圳市人民医院/);
    expect(user.lastMessage()?.text).toContain("深圳市人民医院");
    await user.press("⬅️ 返回");
    expect(user.buttons().flat()).toContain("✓ 深圳市人民医院 · 三甲");
    // the menu was edited in place, not sent anew at each tap
    expect(user.messages().filter((m) => m.fromBot)).toHaveLength(1);
  });

  it("filters hospitals by pinyin initials and departments by name", async () => {
    const user = newUser();
    await user.say("/book");
    await user.press(/深圳市/);
    await user.say("szrm");
    expect(user.lastMessage()?.text).toContain("筛选");
    expect(user.buttons()[0]?.[0]).toBe("深圳市人民医院 · 三甲");
    await user.press("深圳市人民医院 · 三甲");
    await user.say("儿");
    const labels = user.buttons().flat();
    expect(labels.some((l) => l.includes("儿"))).toBe(true);
    expect(labels.filter((l) => !l.includes("儿") && !/返回|取消|清除/.test(l))).toEqual([]);
    await user.say("zzzzqqq");
    expect(user.lastMessage()?.text).toContain("没有找到与“zzzzqqq”匹配的项");
    await user.press("清除筛选");
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
    expect(user.lastMessage()?.text).toMatch(/已全部约满|满/);
    const days = user.buttons().flat();
    expect(days.some((d) => d.includes("（满）"))).toBe(true);
    await user.press(days[0] ?? "");
    const sessions = user
      .buttons()
      .flat()
      .filter((b) => b.includes("¥"));
    expect(sessions.length).toBeGreaterThan(0);
    for (const s of sessions) expect(s).toMatch(/^🚫 (上午|下午|晚上) · .+号 · ¥[\d.]+ · 已满$/);
    const turn = await user.press(sessions[0] ?? "");
    expect(turn.answer?.text).toBe("该时段已约满");
    expect(user.lastMessage()?.text).toContain("请选择时段");
  });
});

describe("entering the patient's details", () => {
  it("re-asks with a specific hint after each kind of wrong answer and keeps what was answered", async () => {
    const user = newUser();
    await toPatientQuestions(user);
    expect((await user.say("张3")).text).toContain("姓名只能包含汉字");
    expect((await user.sendSticker()).text).toContain("请用文字回答");
    await user.say("李四");
    expect((await user.say("110101199003071234")).text).toContain("请点击上方的按钮");
    await user.press("居民身份证");
    const good = makeIdCardNumber("110101", "1985-12-01", 124);
    const wrongCheck = `${good.slice(0, 17)}${good.endsWith("0") ? "1" : "0"}`;
    expect((await user.say(wrongCheck)).text).toContain("校验位不正确");
    expect((await user.say("11010119851301124X")).text).toMatch(/出生日期无效|校验位/);
    expect((await user.say("12345")).text).toContain("应为 18 位");
    expect((await user.say(good)).text).toContain("出生日期 1985-12-01，性别 女");
    expect((await user.say("1381234567")).text).toContain("11 位数字");
    await user.say("+86 138 1234 5678");
    expect((await user.say("!!!")).text).toMatch(/门诊卡号/);
    await user.press("没有");
    expect((await user.say("短")).text).toContain("4 到 100 个字");
    const summary = (await user.say("北京市东城区帅府园1号")).text;
    expect(summary).toContain("李四（女，1985-12-01）");
    expect(summary).toContain("居民身份证 1101**********124");
    expect(summary).toContain("138****5678");
    expect(summary).not.toContain(good);
  });

  it("asks sex and birthday for a passport and a guardian for a minor", async () => {
    const user = newUser("en");
    await toPatientQuestions(user);
    await user.say("Mary O'Neil");
    await user.press("Passport");
    await user.say("e1234567");
    await user.press("female");
    expect((await user.say("2015/02/30")).text).toContain("does not exist");
    const guardianPrompt = (await user.say("2015年3月7日")).text;
    await user.say("13912345678");
    await user.press("None");
    const afterAddress = (await user.say("1 Main Street, Shenzhen")).text;
    expect(guardianPrompt).not.toContain("under 18");
    expect(afterAddress).toContain("under 18");
    expect((await user.say("Tom O'Neil")).text).toContain("Guardian's type of identity document");
    await user.press("Resident ID card");
    expect((await user.say(makeIdCardNumber("440304", "2010-01-01", 11))).text).toContain("at least 18");
    await user.say(makeIdCardNumber("440304", "1980-05-05", 11));
    await user.press("Father");
    const summary = (await user.say("13712345678")).text;
    expect(summary).toContain("Please check your booking");
    expect(summary).toContain("Guardian: T** O'N***");
    await user.press(/Confirm/);
    const order = world.sandbox.orders().at(-1);
    expect(order?.body.sex).toBe(1);
    expect(order?.body.birthday).toBe("2015-03-07");
    expect(order?.body.cardType).toBe(3);
    expect(order?.body.cardNo).toBe("E1234567");
    const guardian = order?.body.guardian as Record<string, unknown> | undefined;
    expect(guardian?.guardianSex).toBe("0");
    expect(guardian?.guardianBirthday).toBe("1980-05-05");
  });

  it("lets the patient change details from the summary, offering each earlier answer to keep", async () => {
    const user = newUser();
    await toPatientQuestions(user);
    await answerAdult(user);
    await user.press("✏️ 修改");
    await user.press("👤 就诊人信息");
    expect(user.buttons().flat()).toContain("保持不变：张三");
    await user.say("王五");
    await user.press("居民身份证");
    await user.press(/保持不变：4403/);
    await user.press("保持不变：138****5678");
    await user.press("保持不变：没有");
    const summary = (await user.press(/保持不变：深圳市/)).text;
    expect(summary).toContain("王五（男，1990-03-07）");
  });
});

describe("confirming", () => {
  it("places one order when Confirm is tapped twice", async () => {
    const user = newUser();
    await toPatientQuestions(user);
    await answerAdult(user);
    const before = world.sandbox.requestCount("/appointment/order");
    await Promise.all([user.press("✅ 确认预约"), user.press("✅ 确认预约")]);
    expect(world.sandbox.requestCount("/appointment/order")).toBe(before + 1);
    expect(user.lastMessage()?.text).toContain("预约成功");
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
    const turn = await user.press("✅ 确认预约");
    expect(turn.sent.map((m) => m.text).join("\n")).toContain("被其他人约走了");
    expect(user.lastMessage()?.text).toContain("请选择就诊时间");
    // the details are kept: choosing another slot goes straight to the summary
    const summary = (await user.press(firstWithPlaces(user))).text;
    expect(summary).toContain("请核对预约信息");
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
    expect(turn.answer?.text).toBe("此菜单已过期");
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
    expect(taps.map((t) => t.answer?.text)).not.toContain("此菜单已过期");
    expect(user.lastMessage()?.text).toContain("请选择医院");
    expect((await storedSession(user))?.draft).toMatchObject({ city: expect.any(String) });
    // the same old button pressed later is a stale press, and says so
    const late = await user.pressData(data, cities?.messageId);
    expect(late.answer?.text).toBe("此菜单已过期");
  });

  it("answers forged callback data politely", async () => {
    const user = newUser();
    await user.say("/book");
    const turn = await user.pressData("not|a|button|at|all");
    expect(turn.answer?.text).toBe("此菜单已过期");
  });

  it("offers a fresh start when the session has expired", async () => {
    const user = newUser();
    await user.say("/book");
    await world.redis.del(`${world.prefix}session:${user.id}`);
    const turn = await user.press(firstButton(user));
    expect(turn.answer?.text).toBe("此菜单已过期");
    expect(user.buttons().flat()).toEqual(["🔄 重新开始"]);
    await user.press("🔄 重新开始");
    expect(user.lastMessage()?.text).toContain("请选择城市");
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
    expect(turnText(await user.press("✅ 确认预约"))).toContain("预约成功");
  });

  it("leaves the flow on Cancel and forgets what was entered", async () => {
    const user = newUser();
    await toPatientQuestions(user);
    await user.say("赵六");
    await user.press("✖️ 取消");
    expect(user.lastMessage()?.text).toContain("已退出预约");
    expect(JSON.stringify(await storedSession(user))).not.toContain("赵六");
  });
});

// Patient stories for privacy: nothing personal in clear in Redis at any moment of a booking, the
// privacy notice before the first personal question (and again for a new version), /privacy's inventory,
// and /deletedata leaving nothing of the user behind.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { zh } from "../../src/i18n/zh.js";
import { makeIdCardNumber } from "../../src/patient/id-card.js";
import type { EmulatedUser } from "../../src/telegram-emulator/types.js";
import { chinaToday } from "../../src/time/china-time.js";
import { findInRedis } from "../support/redis-scan.js";
import {
  agreeIfAsked,
  firstButton,
  firstWithPlaces,
  startTestWorld,
  type TestWorld,
  turnText,
} from "../support/world.js";

const PATIENT = {
  name: "诸葛晴川",
  idNumber: makeIdCardNumber("110105", "1988-08-18", 517),
  mobile: "13698765432",
  address: "北京市朝阳区建国路88号",
};
const needles = [PATIENT.name, PATIENT.idNumber, PATIENT.mobile];
/** the notice with the default periods: 24 h of session, 180 days after a visit, 365 days unused */
const NOTICE = zh.consent.notice({ sessionHours: 24, bookingDays: 180, idleDays: 365 });

let world: TestWorld;
beforeAll(async () => {
  world = await startTestWorld({ consent: "ask" });
});
afterAll(async () => {
  await world?.stop();
});

async function toSlot(user: EmulatedUser): Promise<string> {
  await user.say("/book");
  for (let i = 0; i < 4; i++) await user.press(firstButton(user));
  await user.press(firstWithPlaces(user));
  await user.press(firstWithPlaces(user));
  return (await user.press(firstWithPlaces(user))).text;
}

const inClear = () => findInRedis(world.redis, world.prefix, needles);

describe("personal data at rest", () => {
  it("keeps no name, document number or mobile in clear in Redis during and after a booking", async () => {
    const user = world.user(913_527_401);
    await toSlot(user);
    await agreeIfAsked(user);
    const seen: Array<Awaited<ReturnType<typeof inClear>>> = [];
    await user.say(PATIENT.name);
    seen.push(await inClear());
    await user.press("居民身份证");
    await user.say(PATIENT.idNumber);
    seen.push(await inClear());
    await user.say(PATIENT.mobile);
    seen.push(await inClear());
    await user.press("没有");
    const summary = await user.say(PATIENT.address);
    expect(summary.text).toContain("请核对预约信息");
    seen.push(await inClear());
    const booked = await user.press("✅ 确认预约");
    expect(turnText(booked)).toContain("预约成功");
    seen.push(await inClear());
    // the save offer holds the answers (encrypted) until the patient answers it
    await user.press(zh.savedPatients.saveButton(PATIENT.name));
    seen.push(await inClear());
    expect(seen.flat()).toEqual([]);

    // the hospital did get everything, and the session really holds the answers (sealed) meanwhile
    const order = world.sandbox.orders().at(-1);
    expect(order?.body.cardNo).toBe(PATIENT.idNumber);
    expect(order?.body.mobile).toBe(PATIENT.mobile);
  });
});

describe("consent", () => {
  it("asks before the first personal question; Decline ends the booking politely and records nothing", async () => {
    const user = world.user(913_527_402);
    const shown = await toSlot(user);
    expect(shown).toBe(NOTICE);
    expect(shown).toContain("91160");
    expect(user.buttons().flat()).toEqual([zh.consent.agreeButton, zh.consent.declineButton]);
    const declined = await user.press(zh.consent.declineButton);
    expect(declined.text).toBe(zh.consent.declined);
    expect(await world.redis.exists(`${world.prefix}consent:${user.id}`)).toBe(0);
    const session = JSON.parse((await world.redis.get(`${world.prefix}session:${user.id}`)) ?? "{}");
    expect(session).not.toHaveProperty("draft");
    // the next booking asks again
    expect(await toSlot(user)).toBe(NOTICE);
  });

  it("records Agree with its time and version, asks once, and asks again for a new notice", async () => {
    const user = world.user(913_527_403);
    await toSlot(user);
    const agreed = await user.press(zh.consent.agreeButton);
    expect(agreed.text).toContain(zh.patient.askName);
    const record = JSON.parse((await world.redis.get(`${world.prefix}consent:${user.id}`)) ?? "{}");
    expect(record).toMatchObject({ version: world.app.deps.consent.version });
    expect(Date.parse(record.at)).toBeGreaterThan(0);

    // a later booking goes straight to the questions
    await user.press(zh.nav.cancel);
    expect(await toSlot(user)).toContain(zh.patient.askName);

    // an agreement to an older notice is not an agreement to this one
    await world.redis.set(
      `${world.prefix}consent:${user.id}`,
      JSON.stringify({ version: "2020-01-01", at: new Date().toISOString() }),
    );
    await world.redis.del(`${world.prefix}session:${user.id}`);
    expect(await toSlot(user)).toBe(NOTICE);
  });
});

describe("/privacy and /deletedata", () => {
  const userId = 913_527_404;

  it("shows what is kept and for how long, then erases everything and leaves no trace in Redis", async () => {
    const user = world.user(userId);
    await toSlot(user);
    await agreeIfAsked(user);
    await user.say(PATIENT.name);
    await user.press("居民身份证");
    await user.say(PATIENT.idNumber);
    await user.say(PATIENT.mobile);
    await user.press("没有");
    await user.say(PATIENT.address);
    const booked = await user.press("✅ 确认预约");
    const orderId = /订单号[:：]\s*(\S+)/.exec(turnText(booked))?.[1] ?? "";
    expect(orderId).not.toBe("");
    await user.press(zh.savedPatients.saveButton(PATIENT.name));
    // a second booking left half-way: its answers are in the session
    await toSlot(user);
    await user.press(/诸葛晴川 · 身份证/);

    const report = await user.say("/privacy");
    const today = chinaToday(world.app.deps.now());
    expect(report.text).toContain(zh.privacy.savedPatients(1, 365));
    expect(report.text).toContain(zh.privacy.bookings(1, 180));
    expect(report.text).toContain(zh.privacy.consent(today, world.app.deps.consent.version));
    expect(report.text).toContain(zh.privacy.session(1, 24));
    expect(report.text).not.toContain(PATIENT.idNumber);

    const asked = await user.say("/deletedata");
    expect(asked.text).toBe(zh.deleteData.ask);
    expect(asked.text).toContain("/cancel");
    const done = await user.press(zh.deleteData.yes);
    expect(done.text).toBe(zh.deleteData.done);

    const left = await findInRedis(world.redis, world.prefix, [String(userId), ...needles, orderId]);
    expect(left).toEqual([]);

    // afterwards the bot knows nothing: no bookings, no saved patients, and the notice comes again
    const after = await user.say("/privacy");
    expect(after.text).toContain(zh.privacy.savedPatients(0, 365));
    expect(after.text).toContain(zh.privacy.bookings(0, 180));
    expect(after.text).toContain(zh.privacy.consent(undefined, world.app.deps.consent.version));
    expect((await user.say("/mybookings")).text).toContain(zh.bookings.empty);
    expect(await toSlot(user)).toBe(NOTICE);
    // the hospital still has the order: that is said, not hidden
    expect(world.sandbox.orders().some((o) => String(o.orderId) === orderId)).toBe(true);
  });

  it("keeps everything when the patient changes their mind", async () => {
    const user = world.user(913_527_405);
    await world.bookFirstAvailable(user);
    await user.say("/deletedata");
    const kept = await user.press(zh.deleteData.no);
    expect(kept.text).toBe(zh.deleteData.kept);
    expect((await user.say("/mybookings")).text).toContain("即将就诊");
  });
});

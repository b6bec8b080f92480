// Patient stories for /mybookings and /cancel: a booking is the patient's own, shown in China time,
// cancelled once, and the hospital hears only about cancellations it should.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BookingRecord } from "../../src/bookings/record.js";
import { addDaysIso, chinaToday } from "../../src/time/china-time.js";
import { record } from "../bookings/fixtures.js";
import { firstButton, startTestWorld, type TestWorld } from "../support/world.js";

const CANCEL_PATH = "/appointment/cancel";

describe("my bookings and cancelling", () => {
  let world: TestWorld;
  beforeAll(async () => {
    world = await startTestWorld();
  });
  afterAll(async () => {
    await world?.stop();
  });

  const sandboxOrder = (orderId: string) => world.sandbox.orders().find((o) => String(o.orderId) === orderId);
  const store = (userId: number, r: BookingRecord) => world.app.deps.bookings.add(userId, r);
  const daysFromToday = (days: number) => addDaysIso(chinaToday(), days);

  /** The callback data of a button on the latest menu, for pressing it more than once. */
  function buttonData(
    user: ReturnType<TestWorld["user"]>,
    label: RegExp,
  ): { data: string; messageId: number } {
    const message = user.lastMessage();
    const markup = message?.replyMarkup;
    if (!message || !markup || !("inline_keyboard" in markup)) throw new Error("no inline keyboard");
    const button = markup.inline_keyboard.flat().find((b) => label.test(b.text));
    if (!button || !("callback_data" in button)) throw new Error(`no button ${label}`);
    return { data: button.callback_data, messageId: message.messageId };
  }

  it("books, lists the booking, cancels it with a reason, and then lists it as cancelled", async () => {
    const user = world.user(6001);
    const { orderId, takeNo } = await world.bookFirstAvailable(user);

    // the confirmation's own "My bookings" button opens the same view as /mybookings
    const listed = await user.press(/我的预约/);
    expect(listed.text).toContain("即将就诊");
    expect(listed.text).toContain(`订单号 ${orderId} · 取号密码 ${takeNo}`);
    expect(listed.text).toContain("张*");
    expect(listed.text).not.toContain("张三");
    expect(listed.text).toContain("✅ 已预约");

    const asked = await user.press(/取消第 1 项/);
    expect(asked.text).toContain("请选择取消原因");
    const review = await user.press("时间冲突");
    expect(review.text).toContain("原因：时间冲突");
    const done = await user.press(/确认取消预约/);
    expect(done.text).toContain(`订单号 ${orderId}`);
    expect(done.text).toContain("已取消");

    expect(sandboxOrder(orderId)).toMatchObject({ status: "cancelled", cancelReason: "时间冲突" });
    const again = await user.say("/mybookings");
    expect(again.text).toContain("🚫 已取消");
    expect(
      user
        .buttons()
        .flat()
        .some((b) => b.includes("取消第")),
    ).toBe(false);
  });

  it("sends a typed reason and opens an order straight from /cancel <orderId>, in English too", async () => {
    const user = world.user(6002, "en");
    const { orderId } = await world.bookFirstAvailable(user);

    const asked = await user.say(`/cancel ${orderId}`);
    expect(asked.text).toContain("Why are you cancelling?");
    expect((await user.say("x".repeat(101))).text).toContain("100 characters");
    const review = await user.say("Stuck abroad");
    expect(review.text).toContain("Reason: Stuck abroad");
    const done = await user.press(/Yes, cancel it/);
    expect(done.text).toContain(`Booking ${orderId}`);
    expect(sandboxOrder(orderId)).toMatchObject({ status: "cancelled", cancelReason: "Stuck abroad" });
  });

  it("answers someone else's order number exactly like one that does not exist, and never asks the hospital", async () => {
    const owner = world.user(6003);
    const { orderId } = await world.bookFirstAvailable(owner);
    const before = world.sandbox.requestCount(CANCEL_PATH);
    const stranger = world.user(6004);

    expect((await stranger.say("/mybookings")).text).toContain("您还没有通过本助手预约");
    const viaButton = await stranger.pressData(`0|cancel|${orderId}`);
    const theirs = await stranger.say(`/cancel ${orderId}`);
    const nobodys = await stranger.say("/cancel 987654");

    expect(theirs.text).toBe("没有找到这个预约。发送 /mybookings 查看您的预约。");
    expect(nobodys.text).toBe(theirs.text);
    expect(viaButton.text).toBe(theirs.text);
    expect(world.sandbox.requestCount(CANCEL_PATH)).toBe(before);
    expect(sandboxOrder(orderId)?.status).toBe("booked");
  });

  it("lists a past appointment under the past and will not cancel it", async () => {
    const user = world.user(6005);
    const day = daysFromToday(-2);
    await store(
      user.id,
      record({
        id: "700001",
        beginTime: `${day} 09:00:00`,
        endTime: `${day} 09:30:00`,
        hospital: "过去医院",
      }),
    );
    const before = world.sandbox.requestCount(CANCEL_PATH);

    const listed = await user.say("/mybookings");
    expect(listed.text).toContain("近 30 天的记录");
    expect(listed.text).toContain("已过就诊时间");
    expect(
      user
        .buttons()
        .flat()
        .some((b) => b.includes("取消第")),
    ).toBe(false);
    expect((await user.say("/cancel 700001")).text).toContain("就诊时间已过，不能取消");
    expect((await user.say("/cancel")).text).toContain("您没有可以取消的预约");
    expect(world.sandbox.requestCount(CANCEL_PATH)).toBe(before);
  });

  it("makes one cancel request when the final button is tapped twice", async () => {
    const user = world.user(6006);
    const { orderId } = await world.bookFirstAvailable(user);
    await user.say("/cancel");
    await user.press(firstButton(user));
    await user.press("病情好转");
    const before = world.sandbox.requestCount(CANCEL_PATH);
    const { data, messageId } = buttonData(user, /确认取消预约/);

    const taps = await Promise.all([user.pressData(data, messageId), user.pressData(data, messageId)]);

    // the second press came while the first was redrawing the message: answered, silently
    expect(taps.every((t) => t.answer !== undefined)).toBe(true);
    expect(taps.map((t) => t.answer?.text)).toEqual(expect.arrayContaining(["正在取消…", undefined]));

    expect(world.sandbox.requestCount(CANCEL_PATH)).toBe(before + 1);
    expect(sandboxOrder(orderId)).toMatchObject({ status: "cancelled", cancelReason: "病情好转" });
  });

  it("says why when the hospital refuses, keeps the booking, and retries after an outage", async () => {
    const user = world.user(6007);
    const { orderId } = await world.bookFirstAvailable(user);
    await user.say(`/cancel ${orderId}`);
    await user.press("预约信息有误");

    world.sandbox.knobs.failNext.push({
      endpoint: CANCEL_PATH,
      code: "40099",
      msg: "该订单已锁定，请到窗口办理",
    });
    const refused = await user.press(/确认取消预约/);
    expect(refused.text).toContain("医院系统拒绝取消：该订单已锁定，请到窗口办理");
    expect(sandboxOrder(orderId)?.status).toBe("booked");
    expect((await user.say("/mybookings")).text).toContain("✅ 已预约");

    await user.say(`/cancel ${orderId}`);
    await user.press("预约信息有误");
    world.sandbox.knobs.failNext.push({ endpoint: CANCEL_PATH, status: 503 });
    const down = await user.press(/确认取消预约/);
    expect(down.text).toContain("医院系统暂时无法访问");
    const retried = await user.press(/重试/);
    expect(retried.text).toContain("已取消");
    expect(sandboxOrder(orderId)?.status).toBe("cancelled");
  });

  it("shows an order whose outcome is unknown with guidance, and will not cancel it", async () => {
    const user = world.user(6008);
    const day = daysFromToday(3);
    await store(
      user.id,
      record({
        id: "u-attempt6008",
        orderId: null,
        takeNo: null,
        status: "unknown",
        beginTime: `${day} 10:00:00`,
        endTime: `${day} 10:30:00`,
      }),
    );
    const before = world.sandbox.requestCount(CANCEL_PATH);

    const listed = await user.say("/mybookings");
    expect(listed.text).toContain("⚠️ 结果未知，请向医院确认");
    expect(listed.text).toContain("请致电医院确认");
    expect(
      user
        .buttons()
        .flat()
        .some((b) => b.includes("取消第")),
    ).toBe(false);
    expect((await user.say("/cancel u-attempt6008")).text).toContain("无法在线取消");
    expect(world.sandbox.requestCount(CANCEL_PATH)).toBe(before);
  });

  it("looks at bookings halfway through booking and comes back to the same step", async () => {
    const user = world.user(6009);
    await user.say("/book");
    await user.press(firstButton(user));
    const step = user.lastMessage()?.text ?? "";

    const listed = await user.say("/mybookings");
    expect(listed.text).toContain("您还没有通过本助手预约");
    const back = await user.press(/继续刚才的预约/);
    expect(back.text).toBe(step);
  });
});

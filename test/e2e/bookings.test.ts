// Patient stories for /mybookings and /cancel: a booking is the patient's own, shown in China time,
// cancelled once, and the hospital hears only about cancellations it should.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PAST_DAYS_SHOWN } from "../../src/bookings/bookings-view.js";
import type { BookingRecord } from "../../src/bookings/record.js";
import { en } from "../../src/i18n/en.js";
import { zh } from "../../src/i18n/zh.js";
import { addDaysIso, chinaToday } from "../../src/time/china-time.js";
import { record } from "../bookings/fixtures.js";
import {
  ending,
  firstButton,
  lineWith,
  literal,
  opening,
  startTestWorld,
  type TestWorld,
} from "../support/world.js";

const CANCEL_PATH = "/appointment/cancel";
/** A refusal code the bot has no words of its own for: the hospital's (scrubbed) reason is shown. */
const UNLISTED_CODE = "40099";

/** The n-th booking's Cancel button on /mybookings, whatever its date. */
const cancelButtonOf = (n: number) =>
  new RegExp(`^${literal(opening((w) => zh.bookings.cancelButton(n, w)))}`);
const CANCEL_MARK = zh.bookings.cancelButton(1, "").split(" ")[0] ?? "";
/** The line of a /mybookings entry with the order number and pickup code. */
const orderLine = (orderId: string, takeNo: string) =>
  lineWith(
    zh.bookings.entry({
      n: 1,
      when: "",
      hospital: "",
      department: "",
      doctor: "",
      patient: "",
      fee: "",
      status: "",
      orderId,
      takeNo,
    }),
    orderId,
  );
const reviewLine = (t: typeof zh, reason: string) =>
  lineWith(t.cancel.review({ when: "", hospital: "", department: "", doctor: "", reason }), reason);

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
    const listed = await user.press(zh.start.myBookingsButton);
    expect(listed.text).toContain(zh.bookings.upcoming);
    expect(listed.text).toContain(orderLine(orderId, takeNo));
    expect(listed.text).toContain("张*");
    expect(listed.text).not.toContain("张三");
    expect(listed.text).toContain(zh.bookings.status.booked);

    const asked = await user.press(cancelButtonOf(1));
    expect(asked.text).toContain(ending(zh.cancel.askReason));
    const reason = zh.cancel.reasons.schedule;
    const review = await user.press(reason);
    expect(review.text).toContain(reviewLine(zh, reason));
    const done = await user.press(zh.cancel.confirmButton);
    expect(done.text.startsWith(opening((when) => zh.cancel.done(orderId, when)))).toBe(true);

    // the hospital's staff read the reason in Chinese
    expect(sandboxOrder(orderId)).toMatchObject({ status: "cancelled", cancelReason: reason });
    const again = await user.say("/mybookings");
    expect(again.text).toContain(zh.bookings.status.cancelled);
    expect(
      user
        .buttons()
        .flat()
        .some((b) => b.startsWith(CANCEL_MARK)),
    ).toBe(false);
  });

  it("sends a typed reason and opens an order straight from /cancel <orderId>, in English too", async () => {
    const user = world.user(6002, "en");
    const { orderId } = await world.bookFirstAvailable(user);

    const asked = await user.say(`/cancel ${orderId}`);
    expect(asked.text).toContain(ending(en.cancel.askReason));
    expect((await user.say("x".repeat(101))).text).toBe(en.cancel.reasonTooLong);
    const review = await user.say("Stuck abroad");
    expect(review.text).toContain(reviewLine(en, "Stuck abroad"));
    const done = await user.press(en.cancel.confirmButton);
    expect(done.text.startsWith(opening((when) => en.cancel.done(orderId, when)))).toBe(true);
    expect(sandboxOrder(orderId)).toMatchObject({ status: "cancelled", cancelReason: "Stuck abroad" });
  });

  it("answers someone else's order number exactly like one that does not exist, and never asks the hospital", async () => {
    const owner = world.user(6003);
    const { orderId } = await world.bookFirstAvailable(owner);
    const before = world.sandbox.requestCount(CANCEL_PATH);
    const stranger = world.user(6004);

    expect((await stranger.say("/mybookings")).text).toBe(zh.bookings.empty);
    const viaButton = await stranger.pressData(`0|cancel|${orderId}`);
    const theirs = await stranger.say(`/cancel ${orderId}`);
    const nobodys = await stranger.say("/cancel 987654");

    expect(theirs.text).toBe(zh.cancel.notFound);
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
    expect(listed.text).toContain(zh.bookings.past(PAST_DAYS_SHOWN));
    expect(listed.text).toContain(zh.bookings.status.elapsed);
    expect(
      user
        .buttons()
        .flat()
        .some((b) => b.startsWith(CANCEL_MARK)),
    ).toBe(false);
    expect((await user.say("/cancel 700001")).text).toBe(zh.cancel.past);
    expect((await user.say("/cancel")).text).toBe(zh.cancel.none);
    expect(world.sandbox.requestCount(CANCEL_PATH)).toBe(before);
  });

  it("makes one cancel request when the final button is tapped twice", async () => {
    const user = world.user(6006);
    const { orderId } = await world.bookFirstAvailable(user);
    await user.say("/cancel");
    await user.press(firstButton(user));
    await user.press(zh.cancel.reasons.recovered);
    const before = world.sandbox.requestCount(CANCEL_PATH);
    const { data, messageId } = buttonData(user, new RegExp(`^${literal(zh.cancel.confirmButton)}$`));

    const taps = await Promise.all([user.pressData(data, messageId), user.pressData(data, messageId)]);

    // the second press came while the first was redrawing the message: answered, silently
    expect(taps.every((t) => t.answer !== undefined)).toBe(true);
    expect(taps.map((t) => t.answer?.text)).toEqual(expect.arrayContaining([zh.cancel.working, undefined]));

    expect(world.sandbox.requestCount(CANCEL_PATH)).toBe(before + 1);
    expect(sandboxOrder(orderId)).toMatchObject({
      status: "cancelled",
      cancelReason: zh.cancel.reasons.recovered,
    });
  });

  it("says why when the hospital refuses, keeps the booking, and retries after an outage", async () => {
    const user = world.user(6007);
    const { orderId } = await world.bookFirstAvailable(user);
    await user.say(`/cancel ${orderId}`);
    await user.press(zh.cancel.reasons.mistake);

    world.sandbox.knobs.failNext.push({
      endpoint: CANCEL_PATH,
      code: UNLISTED_CODE,
      msg: "该订单已锁定，请到窗口办理",
    });
    const refused = await user.press(zh.cancel.confirmButton);
    expect(refused.text).toBe(zh.cancel.refused("该订单已锁定，请到窗口办理"));
    expect(sandboxOrder(orderId)?.status).toBe("booked");
    expect((await user.say("/mybookings")).text).toContain(zh.bookings.status.booked);

    await user.say(`/cancel ${orderId}`);
    await user.press(zh.cancel.reasons.mistake);
    world.sandbox.knobs.failNext.push({ endpoint: CANCEL_PATH, status: 503 });
    const down = await user.press(zh.cancel.confirmButton);
    expect(down.text).toBe(zh.cancel.unavailable);
    const retried = await user.press(zh.confirm.retry);
    expect(retried.text.startsWith(opening((when) => zh.cancel.done(orderId, when)))).toBe(true);
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
    expect(listed.text).toContain(zh.bookings.status.unknown);
    expect(listed.text).toContain(zh.bookings.unknownGuidance);
    expect(
      user
        .buttons()
        .flat()
        .some((b) => b.startsWith(CANCEL_MARK)),
    ).toBe(false);
    expect((await user.say("/cancel u-attempt6008")).text).toBe(zh.cancel.unknownOutcome);
    expect(world.sandbox.requestCount(CANCEL_PATH)).toBe(before);
  });

  it("looks at bookings halfway through booking and comes back to the same step", async () => {
    const user = world.user(6009);
    await user.say("/book");
    await user.press(firstButton(user));
    const step = user.lastMessage()?.text ?? "";

    const listed = await user.say("/mybookings");
    expect(listed.text).toBe(zh.bookings.empty);
    const back = await user.press(zh.bookings.resumeButton);
    expect(back.text).toBe(step);
  });
});

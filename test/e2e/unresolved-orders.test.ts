// Stories about bookings whose outcome is not known, and how /mybookings lays bookings out: an order
// that timed out is never posted again for the same patient and schedule until the patient has seen it
// and said they checked with the hospital; /mybookings keeps unknown, upcoming, past and cancelled
// bookings under headings of their own.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { zh } from "../../src/i18n/zh.js";
import { addDaysIso, chinaToday } from "../../src/time/china-time.js";
import { record } from "../bookings/fixtures.js";
import {
  opening,
  placedTitle,
  startTestWorld,
  type TestWorld,
  turnText,
  walkToSummary,
} from "../support/world.js";

const ORDER = "/appointment/order";

describe("bookings whose outcome is unknown", () => {
  let world: TestWorld;
  beforeAll(async () => {
    // two whole funnels in a few seconds: more taps than the flood gate lets a person make
    world = await startTestWorld({
      env: { HOSPITAL_ORDER_TIMEOUT_MS: "500" },
      flood: { points: 1000, durationSeconds: 10 },
    });
  });
  afterAll(async () => {
    await world?.stop();
  });

  it("shows the unknown booking instead of posting the same schedule again, until the patient says it was not booked", async () => {
    const user = world.user(6501);
    await walkToSummary(user);
    world.sandbox.knobs.hangOrders = true;
    const timedOut = await user.press(zh.confirm.confirmButton);
    expect(timedOut.text.startsWith(opening(zh.confirm.outcomeUnknown))).toBe(true);
    world.sandbox.knobs.hangOrders = false;
    const posted = world.sandbox.requestCount(ORDER);

    // at once, the same patient and the same schedule again
    await walkToSummary(user);
    const held = await user.press(zh.confirm.confirmButton);
    expect(world.sandbox.requestCount(ORDER)).toBe(posted);
    expect(held.text).toContain(zh.bookings.status.unknown);
    expect(held.text).not.toContain(placedTitle(zh));
    expect(user.buttons().flat()).not.toContain(zh.confirm.confirmButton);
    expect(user.buttons().flat()).toContain(zh.confirm.notBookedButton);

    const noted = await user.press(zh.confirm.notBookedButton);
    expect(noted.answer?.text).toBe(zh.confirm.notBookedNoted);
    const placed = await user.press(zh.confirm.confirmButton);
    expect(turnText(placed).startsWith(placedTitle(zh))).toBe(true);
    expect(world.sandbox.requestCount(ORDER)).toBe(posted + 1);

    const mine = await user.say("/mybookings");
    expect(mine.text).toContain(zh.bookings.status.not_booked);
    expect(mine.text.indexOf(zh.bookings.status.not_booked)).toBeGreaterThan(
      mine.text.indexOf(zh.bookings.cancelledTitle),
    );
  });

  it("lists unknown, upcoming, past and cancelled bookings apart, and a record left placing as outcome unknown", async () => {
    const user = world.user(6502);
    const day = (n: number, time: string) => `${addDaysIso(chinaToday(), n)} ${time}`;
    const add = (r: Parameters<typeof record>[0]) => world.app.deps.bookings.add(user.id, record(r));
    await add({ id: "200001", beginTime: day(3, "09:00:00"), endTime: day(3, "09:30:00") });
    await add({ id: "200002", beginTime: day(-3, "09:00:00"), endTime: day(-3, "09:30:00") });
    await add({
      id: "200003",
      beginTime: day(4, "09:00:00"),
      endTime: day(4, "09:30:00"),
      status: "cancelled",
    });
    await add({
      id: "u-left",
      orderId: null,
      takeNo: null,
      status: "placing",
      beginTime: day(5, "10:00:00"),
      endTime: day(5, "10:30:00"),
    });

    const text = (await user.say("/mybookings")).text;
    const at = (s: string) => {
      const i = text.indexOf(s);
      expect(i, s).toBeGreaterThanOrEqual(0);
      return i;
    };
    expect(at(zh.bookings.status.placing)).toBeGreaterThan(at(zh.bookings.unresolvedTitle));
    expect(at(zh.bookings.upcoming)).toBeGreaterThan(at(zh.bookings.status.placing));
    expect(at("订单号 200001")).toBeGreaterThan(at(zh.bookings.upcoming));
    expect(at(zh.bookings.past(30))).toBeGreaterThan(at("订单号 200001"));
    expect(at("订单号 200002")).toBeGreaterThan(at(zh.bookings.past(30)));
    expect(at(zh.bookings.cancelledTitle)).toBeGreaterThan(at("订单号 200002"));
    expect(at("订单号 200003")).toBeGreaterThan(at(zh.bookings.cancelledTitle));
    expect(text).toContain(zh.bookings.unknownGuidance);
    // only the upcoming booked one can be cancelled
    expect(
      user
        .buttons()
        .flat()
        .filter((b) => b.startsWith("❌")),
    ).toHaveLength(1);
  });
});

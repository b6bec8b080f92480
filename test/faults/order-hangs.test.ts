// The order POST gets no answer: the hospital may or may not have booked, so the bot must neither claim
// success nor post again. It records the outcome as unknown, says so, and /mybookings shows it that way.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { zh } from "../../src/i18n/zh.js";
import type { EmulatedUser } from "../../src/telegram-emulator/types.js";
import {
  DEFAULT_PATIENT,
  opening,
  placedTitle,
  startTestWorld,
  type TestWorld,
  walkToSummary,
} from "../support/world.js";

const ORDER = "/appointment/order";

describe("an order POST that never gets an answer", () => {
  let world: TestWorld;
  beforeAll(async () => {
    world = await startTestWorld({ env: { HOSPITAL_ORDER_TIMEOUT_MS: "500" } });
  });
  afterAll(async () => {
    await world?.stop();
  });

  /** The whole funnel up to the summary with its Confirm button. */

  function confirmButtonData(user: EmulatedUser): string {
    const markup = user.lastMessage()?.replyMarkup;
    const rows = markup && "inline_keyboard" in markup ? markup.inline_keyboard : [];
    const button = rows.flat().find((b) => b.text === zh.confirm.confirmButton);
    if (!button || !("callback_data" in button)) throw new Error("no Confirm button on the summary");
    return button.callback_data;
  }

  it("records the outcome as unknown, tells the patient, and never posts the order twice", async () => {
    const user = world.user(6301);
    await walkToSummary(user);
    world.sandbox.knobs.hangOrders = true;
    const posted = world.sandbox.requestCount(ORDER);
    const summary = user.lastMessage()?.messageId;
    const confirmData = confirmButtonData(user);

    // an impatient double tap: both reach the bot, one after the other
    const [first, second] = await Promise.all([
      user.press(zh.confirm.confirmButton, { messageId: summary }),
      user.press(zh.confirm.confirmButton, { messageId: summary }),
    ]);
    const texts = [first.text, second.text];
    expect(texts.some((t) => t.startsWith(opening(zh.confirm.outcomeUnknown)))).toBe(true);
    expect(texts.some((t) => t.includes(placedTitle(zh)))).toBe(false);
    // and once more, later, with the very button data of the old summary
    const late = await user.pressData(confirmData, summary);
    expect(late.answer?.text).toBe(zh.flow.expired);

    expect(world.sandbox.requestCount(ORDER) - posted).toBe(1);
    // the hospital did take it: exactly the one order, which the patient must confirm with the hospital
    expect(world.sandbox.orders().filter((o) => o.body.cardNo === DEFAULT_PATIENT.idNumber)).toHaveLength(1);

    const records = await world.app.deps.bookings.list(user.id);
    expect(records.map((r) => r.status)).toEqual(["unknown"]);
    const mine = await user.say("/mybookings");
    expect(mine.text).toContain(zh.bookings.status.unknown);
    expect(mine.text).toContain(zh.bookings.unknownGuidance);
  });
});

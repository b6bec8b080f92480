// Redis stops while the order POST is on its way: the hospital books the slot, and the bot must not lose
// it. The booking record was written before the POST (placing, with the attempt id); the patient is shown
// the order number and pickup code the hospital returned; the confirmation is kept in memory and written
// once Redis is back, so /mybookings shows the booking and /cancel can reach it.
import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bookingRecordSchema } from "../../src/bookings/record.js";
import { zh } from "../../src/i18n/zh.js";
import { lineWith, startTestWorld, type TestWorld, walkToSummary } from "../support/world.js";
import { type OwnRedis, startOwnRedis } from "./own-redis.js";

const ORDER = "/appointment/order";

async function until(what: string, check: () => Promise<boolean> | boolean, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("Redis fails while an order is in flight", () => {
  let redis: OwnRedis;
  let world: TestWorld;
  let admin: Redis;
  beforeAll(async () => {
    redis = await startOwnRedis();
    world = await startTestWorld({ env: { REDIS_URL: redis.url, HOSPITAL_ORDER_TIMEOUT_MS: "8000" } });
    admin = redis.admin();
  });
  afterAll(async () => {
    await world?.stop();
    await redis?.close();
  });

  const storedRecords = async (userId: number) =>
    Object.values(await admin.hgetall(`${world.prefix}bookings:${userId}`)).map((raw) =>
      bookingRecordSchema.parse(JSON.parse(raw)),
    );

  it("shows the order number and pickup code, and records the booking once Redis is back", async () => {
    const user = world.user(6401);
    await walkToSummary(user);
    const posted = world.sandbox.requestCount(ORDER);
    const summary = user.lastMessage()?.messageId;
    const markup = user.lastMessage()?.replyMarkup;
    const confirm = (markup && "inline_keyboard" in markup ? markup.inline_keyboard : [])
      .flat()
      .find((b) => b.text === zh.confirm.confirmButton);
    if (!confirm || !("callback_data" in confirm)) throw new Error("no Confirm button");
    // the hospital takes its time over the order, long enough to stop Redis under it
    world.sandbox.knobs.latencyMs = 1_500;
    const turn = user.press(zh.confirm.confirmButton);
    await until("the order POST", () => world.sandbox.requestCount(ORDER) > posted);

    // written ahead: the record exists, placing, before the hospital has answered
    const ahead = await storedRecords(user.id);
    expect(ahead).toHaveLength(1);
    expect(ahead[0]).toMatchObject({ status: "placing", orderId: null });
    expect(ahead[0]?.attemptId).toMatch(/^[\w-]{8,}$/);

    await redis.stop();
    await turn;
    // the order may outlast the turn (polling carries on past a slow update): wait for the answer
    await until("the hospital's answer", () => world.sandbox.orders().length > 0);
    world.sandbox.knobs.latencyMs = 0;
    const order = world.sandbox.orders().at(-1);
    if (!order) throw new Error("the hospital took no order");
    const shown = () =>
      user
        .messages()
        .map((m) => m.text)
        .join("\n---\n");
    const orderNumberLine = lineWith(
      zh.confirm.placed({ orderId: String(order.orderId), takeNo: "", when: "", hospital: "" }),
      String(order.orderId),
    );
    await until("the order number on screen", () => shown().includes(orderNumberLine));
    await until("the update to finish", () => world.app.deps.orders.unsavedCount() === 1);
    const texts = shown();
    expect(texts).toContain(`订单号：${order.orderId}`);
    expect(texts).toContain(`取号密码：${order.hisTakeNo}`);
    expect(texts).toContain(zh.confirm.unsavedNote);
    expect(texts).not.toContain(zh.errors.generic);
    // the conversation could not be saved: no promise that nothing was lost
    expect(texts).not.toContain(zh.errors.sessionUnavailable);
    expect(world.app.deps.orders.unsavedCount()).toBe(1);

    await redis.start();
    await until(
      "the kept confirmation to be written",
      async () => (await storedRecords(user.id).catch(() => []))[0]?.status === "booked",
    );
    expect(await storedRecords(user.id)).toEqual([
      expect.objectContaining({ id: String(order.orderId), status: "booked", takeNo: order.hisTakeNo }),
    ]);
    expect(world.app.deps.orders.unsavedCount()).toBe(0);
    expect(world.sandbox.requestCount(ORDER) - posted).toBe(1);

    await until("the bot's Redis client", () => world.app.redis.status === "ready");
    // the conversation was not saved, so the old summary is still live: its Confirm again, once the
    // interrupted update's lock has run out, posts nothing and shows the same order number
    let again = { text: "" };
    await until(
      "Confirm to answer again",
      async () => {
        again = await user.pressData(confirm.callback_data, summary);
        return again.text.includes(zh.confirm.alreadyPlaced);
      },
      20_000,
    );
    expect(again.text).toContain(`订单号：${order.orderId}`);
    expect(world.sandbox.requestCount(ORDER) - posted).toBe(1);
    const mine = await user.say("/mybookings");
    expect(mine.text).toContain(`订单号 ${order.orderId} · 取号密码 ${order.hisTakeNo}`);
    expect(mine.text).toContain(zh.bookings.status.booked);
  });
});

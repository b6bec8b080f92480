// Patient stories: the whole funnel to a placed order, checked on the hospital's side.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_CARD_TYPES } from "../../src/hospital/card-types.js";
import { orderSexCode } from "../../src/hospital/order-body.js";
import { ADULT_ID, startTestWorld, type TestWorld } from "../support/world.js";

describe("booking an appointment", () => {
  let world: TestWorld;
  beforeAll(async () => {
    world = await startTestWorld();
  });
  afterAll(async () => {
    await world?.stop();
  });

  it("books the first free slot and shows the order number and pickup code", async () => {
    const user = world.user(5001);
    const { orderId, takeNo } = await world.bookFirstAvailable(user);
    const order = world.sandbox.orders().find((o) => String(o.orderId) === orderId);
    expect(order).toBeDefined();
    expect(order?.hisTakeNo).toBe(takeNo);
    expect(order?.body.sex).toBe(orderSexCode("male"));
    expect(order?.body.birthday).toBe("1990-03-07");
    expect(order?.body.cardType).toBe(DEFAULT_CARD_TYPES.id_card);
    expect(order?.body.cardNo).toBe(ADULT_ID);
    expect(order?.body.mobile).toBe("13812345678");
  });
});

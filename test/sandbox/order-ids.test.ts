// Booking records are kept a year, so the sandbox's order ids must not start over when it restarts: a
// second demo run would otherwise hand out the first run's order numbers again.
import { describe, expect, it } from "vitest";
import { startSandbox } from "../../src/sandbox/server.js";
import { CHINA_0900, firstFreeSlot, orderBody, post } from "./client.js";

const ORDER = "/appointment/order";

async function placeOne(): Promise<number> {
  const sb = await startSandbox({ now: () => CHINA_0900 });
  try {
    const found = await firstFreeSlot(sb, "2026-03-11", "2026-03-24");
    const res = await post(sb, ORDER, orderBody(found, found.slot.resourceId));
    const { orderId } = res.body.data as { orderId: number };
    return orderId;
  } finally {
    await sb.close();
  }
}

describe("the sandbox's order ids", () => {
  it("never repeat across restarts, even with the same seed and the same clock", async () => {
    const first = await placeOne();
    const second = await placeOne();
    expect(Number.isSafeInteger(first)).toBe(true);
    expect(second).not.toBe(first);
    // a later start begins above every id an earlier one gave out
    expect(second).toBeGreaterThan(first);
  });
});

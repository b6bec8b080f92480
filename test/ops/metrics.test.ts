// /metrics in Prometheus' text format: after a booking and a cancellation, what an operator watches is
// there (updates by kind, handling time, hospital calls by endpoint, bookings, Redis round trips, chats
// in conversation) and each process starts from zero.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { zh } from "../../src/i18n/zh.js";
import { createMetrics } from "../../src/observability/metrics.js";
import { bookFirstAvailable } from "../support/world.js";
import { type OpsWorld, startOpsWorld } from "./support.js";

/** the value of one series, e.g. value(text, 'hbot_orders_total{outcome="placed"}') */
function value(text: string, series: string): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe("/metrics", () => {
  let world: OpsWorld;
  beforeAll(async () => {
    world = await startOpsWorld();
  });
  afterAll(async () => {
    await world?.stop();
  });

  it("counts a booking, a cancellation and what they cost", async () => {
    const user = world.user(7201);
    const { orderId } = await bookFirstAvailable(user);
    await user.say(`/cancel ${orderId}`);
    await user.press(zh.cancel.reasons.schedule);
    await world.user(7202).say("/help");
    const done = await user.press(zh.cancel.confirmButton);
    expect(done.text.startsWith(zh.cancel.done(orderId, "").split("，")[0] ?? "")).toBe(true);

    const res = await fetch(`${world.service.http.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/plain");
    const text = await res.text();

    expect(value(text, 'hbot_orders_total{outcome="placed"}')).toBe(1);
    expect(value(text, 'hbot_cancellations_total{outcome="cancelled"}')).toBe(1);
    expect(value(text, 'hbot_updates_total{kind="command",outcome="ok"}')).toBe(3);
    expect(value(text, 'hbot_updates_total{kind="callback_query",outcome="ok"}')).toBeGreaterThan(5);
    expect(value(text, 'hbot_updates_total{kind="text",outcome="ok"}')).toBeGreaterThanOrEqual(4);
    expect(value(text, 'hbot_update_duration_seconds_count{kind="callback_query"}')).toBeGreaterThan(5);
    expect(value(text, 'hbot_hospital_calls_total{endpoint="order",outcome="ok"}')).toBe(1);
    expect(value(text, 'hbot_hospital_calls_total{endpoint="cancel",outcome="ok"}')).toBe(1);
    expect(value(text, 'hbot_hospital_call_duration_seconds_count{endpoint="order"}')).toBe(1);
    expect(value(text, 'hbot_redis_round_trips_total{op="lock-and-load"}')).toBeGreaterThan(10);
    expect(value(text, 'hbot_telegram_calls_total{method="sendMessage",outcome="ok"}')).toBeGreaterThan(0);
    expect(value(text, "hbot_active_conversations")).toBe(2);
    expect(value(text, "hbot_process_resident_memory_bytes")).toBeGreaterThan(0);
  });

  it("gives each bot a registry of its own", async () => {
    const a = createMetrics({ defaultMetrics: false });
    const b = createMetrics({ defaultMetrics: false });
    a.hooks.onOrder("placed");
    expect(value(await a.render(), 'hbot_orders_total{outcome="placed"}')).toBe(1);
    expect(value(await b.render(), 'hbot_orders_total{outcome="placed"}')).toBeUndefined();
  });

  it("forgets a conversation after 15 quiet minutes", async () => {
    let now = 0;
    const m = createMetrics({ defaultMetrics: false, now: () => now });
    const update = { kind: "text", ms: 5, step: undefined, outcome: "ok" as const };
    m.hooks.onUpdate({ ...update, chat: 1 });
    now = 10 * 60_000;
    m.hooks.onUpdate({ ...update, chat: 2 });
    expect(value(await m.render(), "hbot_active_conversations")).toBe(2);
    now = 16 * 60_000;
    expect(value(await m.render(), "hbot_active_conversations")).toBe(1);
  });
});

// What an operator sees of watching: polls, offers and notifications by outcome, how late patients
// hear of a place, how many watch and are polled, and how long ago a poll last succeeded.
import { describe, expect, it } from "vitest";
import { createMetrics } from "../../src/observability/metrics.js";

function value(text: string, series: string): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe("watch metrics", () => {
  it("counts the engine's events and reads the shared gauges when scraped", async () => {
    let now = 1_000_000;
    const m = createMetrics({ defaultMetrics: false, now: () => now });
    const lastSuccess = now - 90_000;
    m.watchStats(async () => ({ active: 12, targets: 3, lastSuccess }));
    m.hooks.watch.onPoll?.("ok", 1);
    m.hooks.watch.onPoll?.("rate_limited", 1);
    m.hooks.watch.onOffer?.("offered");
    m.hooks.watch.onOffer?.("expired");
    m.hooks.watch.onNotify?.("offer", "sent");
    m.hooks.watch.onNotify?.("offer", "blocked");
    m.hooks.watch.onSeenToNotified?.(0.3);
    now += 10_000;
    const text = await m.render();
    expect(value(text, 'hbot_watch_polls_total{outcome="ok"}')).toBe(1);
    expect(value(text, 'hbot_watch_polls_total{outcome="rate_limited"}')).toBe(1);
    expect(value(text, 'hbot_watch_offers_total{outcome="expired"}')).toBe(1);
    expect(value(text, 'hbot_watch_notifications_total{kind="offer",outcome="blocked"}')).toBe(1);
    expect(value(text, "hbot_watch_seen_to_notified_seconds_count")).toBe(1);
    expect(value(text, 'hbot_watch_seen_to_notified_seconds_bucket{le="0.5"}')).toBe(1);
    expect(value(text, "hbot_watch_active")).toBe(12);
    expect(value(text, "hbot_watch_targets")).toBe(3);
    expect(value(text, "hbot_watch_last_poll_age_seconds")).toBe(100);
  });
});

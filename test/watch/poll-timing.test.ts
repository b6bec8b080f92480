// The pace a hospital sees from one watched target: the interval with its jitter, bursts around the
// daily release, and exponential backoff while polls fail.
import { describe, expect, it } from "vitest";
import { chinaWallClockToInstant } from "../../src/time/china-time.js";
import { nextPollAt } from "../../src/watch/poll-timing.js";

const pace = { intervalMs: 120_000, releaseIntervalMs: 10_000, releaseWindowMs: 3 * 60_000 };
const at = (wall: string) => chinaWallClockToInstant(wall).getTime();
const open = { hour: 8, minute: 0 };

describe("when a target is polled next", () => {
  it("waits the interval, jittered by at most 20%, and spreads targets across it", () => {
    const now = at("2026-12-02 10:00:00");
    const gaps = Array.from({ length: 200 }, () => nextPollAt({ now, pace, open, failures: 0 }) - now);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(96_000);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(144_000);
    expect(new Set(gaps.map((g) => Math.floor(g / 8_000))).size).toBeGreaterThan(4);
  });

  it("does not sleep through the release: the poll before it is moved to the start of the burst", () => {
    const now = at("2026-12-02 07:59:00");
    expect(nextPollAt({ now, pace, open, failures: 0, random: () => 0.99 })).toBe(at("2026-12-02 07:59:50"));
  });

  it("polls every release interval from just before the release to the end of the window, then slows down", () => {
    for (const wall of ["2026-12-02 07:59:55", "2026-12-02 08:00:00", "2026-12-02 08:02:50"]) {
      const now = at(wall);
      const gap = nextPollAt({ now, pace, open, failures: 0 }) - now;
      expect(gap).toBeGreaterThanOrEqual(8_000);
      expect(gap).toBeLessThanOrEqual(12_000);
    }
    const after = at("2026-12-02 08:03:00");
    expect(nextPollAt({ now: after, pace, open, failures: 0 }) - after).toBeGreaterThanOrEqual(96_000);
  });

  it("finds tomorrow's release when today's has passed", () => {
    const now = at("2026-12-02 23:59:00");
    const midnight = { hour: 0, minute: 0 };
    expect(nextPollAt({ now, pace, open: midnight, failures: 0, random: () => 0.99 })).toBe(
      at("2026-12-02 23:59:50"),
    );
  });

  it("backs off exponentially while polls fail, up to 30 minutes, and ignores the release meanwhile", () => {
    const now = at("2026-12-02 07:59:00");
    const mid = () => 0.5;
    expect(nextPollAt({ now, pace, open, failures: 1, random: mid }) - now).toBe(240_000);
    expect(nextPollAt({ now, pace, open, failures: 3, random: mid }) - now).toBe(960_000);
    expect(nextPollAt({ now, pace, open, failures: 12, random: mid }) - now).toBe(30 * 60_000);
  });
});

// The watch benchmark's judge must be able to fail: a place offered to a later watcher while an earlier
// one was free and wanted it is unfair, and the same place told twice to one watcher is a duplicate.
import { describe, expect, it } from "vitest";
import type { CreatedWatch, OfferEvent } from "../../bench/watch/ipc.js";
import { verify } from "../../bench/watch/verify.js";

const HOLD = 20_000;
const watch = (id: string, createdAt: number, over: Partial<CreatedWatch> = {}): CreatedWatch => ({
  id,
  userId: createdAt,
  tid: "t",
  from: "2026-12-01",
  to: "2026-12-14",
  periods: ["am", "pm", "em"],
  createdAt,
  ...over,
});
const offer = (watchId: string, decidedAt: number, n = 1): OfferEvent => ({
  tid: "t",
  scheduleId: "s",
  n,
  watchId,
  userId: 0,
  decidedAt,
  first: false,
  date: "2026-12-03",
  period: "am",
  doctorId: "d",
  replica: 0,
});

describe("the watch benchmark's judge", () => {
  const watches = [watch("a", 1), watch("b", 2), watch("c", 3)];

  it("passes a place handed down the queue in order", () => {
    expect(
      verify([offer("a", 100), offer("b", 100 + HOLD), offer("c", 100 + 2 * HOLD)], watches, HOLD),
    ).toMatchObject({
      unfair: 0,
      duplicates: 0,
    });
  });

  it("finds a later watcher served before a free earlier one", () => {
    expect(verify([offer("b", 100)], watches, HOLD).unfair).toBe(1);
  });

  it("does not count an earlier watcher who holds another place, or does not want the session", () => {
    expect(verify([offer("a", 50, 2), offer("b", 100)], watches, HOLD).unfair).toBe(0);
    const picky = [watch("a", 1, { periods: ["pm"] }), watch("b", 2)];
    expect(verify([offer("b", 100)], picky, HOLD).unfair).toBe(0);
  });

  it("finds a watcher told twice about one place", () => {
    expect(verify([offer("a", 100), offer("a", 200)], watches, HOLD).duplicates).toBe(1);
  });
});

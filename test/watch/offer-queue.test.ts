// The fair queue as a pure function: places minted as they appear, held one watcher at a time in the
// order watchers came, passed on when a hold ends, never offered twice to the same watcher.
import { describe, expect, it } from "vitest";
import type { Schedule } from "../../src/hospital/types.js";
import { emptyState, reconcile, type TargetState } from "../../src/watch/offer-queue.js";
import type { Watch } from "../../src/watch/watch.js";

const HOLD = 180_000;
let ids = 0;
const newOfferId = () => `o${++ids}`;

function watch(id: string, createdAt: number, over: Partial<Watch> = {}): Watch {
  return {
    id,
    userId: createdAt,
    chatId: createdAt,
    lang: "zh",
    target: { kind: "doctor", unitId: "1", depId: "2", doctorId: "3" },
    from: "2026-12-01",
    to: "2026-12-14",
    periods: ["am", "pm", "em"],
    createdAt,
    expiresAt: Number.MAX_SAFE_INTEGER,
    ...over,
  };
}

function session(available: number, over: Partial<Schedule> = {}): Schedule {
  return {
    scheduleId: "s1",
    unitId: "1",
    depId: "2",
    doctorId: "3",
    date: "2026-12-03",
    period: "am",
    levelName: "普通",
    fee: 50,
    capacity: 10,
    available,
    ...over,
  };
}

function run(state: TargetState, now: number, watchers: Watch[], observed?: Schedule[]) {
  return reconcile({ state, observed, watchers, now, holdMs: HOLD, newOfferId });
}

describe("the fair queue", () => {
  const w1 = watch("a", 1);
  const w2 = watch("b", 2);
  const w3 = watch("c", 3);

  it("offers nothing while the session is full", () => {
    expect(run(emptyState(), 0, [w1, w2], [session(0)]).offers).toEqual([]);
  });

  it("offers a freed place to the first watcher only, and again to nobody while the hold lasts", () => {
    const r1 = run(
      emptyState(),
      0,
      [w2, w1],
      [session(1)].map((s) => s),
    );
    // the watchers are served in the order given (first come first): the caller sorts them
    expect(r1.offers.map((o) => o.watch.id)).toEqual(["b"]);
    const r2 = run(r1.state, 60_000, [w1, w2, w3], [session(1)]);
    expect(r2.offers).toEqual([]);
  });

  it("passes the place on when the hold ends, and after everyone had it offers it to nobody", () => {
    let r = run(emptyState(), 0, [w1, w2, w3], [session(1)]);
    const told = r.offers.map((o) => o.watch.id);
    for (let t = HOLD; t <= 5 * HOLD; t += HOLD) {
      r = run(r.state, t, [w1, w2, w3], [session(1)]);
      told.push(...r.offers.map((o) => o.watch.id));
    }
    expect(told).toEqual(["a", "b", "c"]);
    expect(r.ended.map((e) => e.outcome)).toEqual([]);
  });

  it("reports a held place taken when the session fills again, and mints a new place when one frees again", () => {
    const r1 = run(emptyState(), 0, [w1, w2], [session(1)]);
    const r2 = run(r1.state, 1_000, [w1, w2], [session(0)]);
    expect(r2.ended).toMatchObject([{ watchId: "a", outcome: "taken" }]);
    const r3 = run(r2.state, 2_000, [w1, w2], [session(1)]);
    // a new place: the first in line may hear of it, as it is not the place offered before
    expect(r3.offers.map((o) => [o.watch.id, o.place.n])).toEqual([["a", 2]]);
  });

  it("gives a watcher one place at a time, and only sessions they want", () => {
    const morning = watch("m", 1, { periods: ["am"] });
    const anyTime = watch("x", 2);
    const r = run(
      emptyState(),
      0,
      [morning, anyTime],
      [session(2, { scheduleId: "am1", period: "am" }), session(1, { scheduleId: "pm1", period: "pm" })],
    );
    expect(r.offers.map((o) => [o.watch.id, o.session.scheduleId])).toEqual([
      ["m", "am1"],
      ["x", "am1"],
    ]);
    const out = watch("late", 3, { from: "2026-12-10" });
    expect(run(emptyState(), 0, [out], [session(1)]).offers).toEqual([]);
  });

  it("releases a hold the watcher gave up, only for the offer they answered", () => {
    const r1 = run(emptyState(), 0, [w1, w2], [session(1)]);
    const offerId = r1.offers[0]?.offerId ?? "";
    const stale = reconcile({
      state: r1.state,
      watchers: [w1, w2],
      now: 1_000,
      holdMs: HOLD,
      newOfferId,
      released: [{ watchId: "a", offerId: "an-older-offer", outcome: "passed" }],
    });
    expect(stale.offers).toEqual([]);
    const r2 = reconcile({
      state: r1.state,
      watchers: [w1, w2],
      now: 1_000,
      holdMs: HOLD,
      newOfferId,
      released: [{ watchId: "a", offerId, outcome: "passed" }],
    });
    expect(r2.ended).toMatchObject([{ watchId: "a", outcome: "passed" }]);
    expect(r2.offers.map((o) => o.watch.id)).toEqual(["b"]);
  });

  it("forgets an erased watch entirely", () => {
    const r1 = run(emptyState(), 0, [w1, w2], [session(1)]);
    const r2 = reconcile({
      state: r1.state,
      watchers: [w2],
      now: 1_000,
      holdMs: HOLD,
      newOfferId,
      forget: ["a"],
    });
    expect(JSON.stringify(r2.state)).not.toContain('"a"');
    expect(r2.offers.map((o) => o.watch.id)).toEqual(["b"]);
  });

  it("takes a place booked through its offer out of the queue", () => {
    const r1 = run(emptyState(), 0, [w1, w2], [session(1)]);
    const r2 = reconcile({
      state: r1.state,
      watchers: [w2],
      now: 1_000,
      holdMs: HOLD,
      newOfferId,
      released: [{ watchId: "a", outcome: "booked" }],
    });
    expect(r2.ended).toMatchObject([{ watchId: "a", outcome: "booked" }]);
    expect(r2.offers).toEqual([]);
  });
});

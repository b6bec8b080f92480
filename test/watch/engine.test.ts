// The watch engine's promises, on the sandbox hospital and Redis with a clock the test moves: a freed
// place reaches the first watcher in line, passes to the next when the hold ends, reaches nobody twice,
// and costs the hospital one poll per interval however many watchers and processes there are.
import { afterEach, describe, expect, it } from "vitest";
import { en } from "../../src/i18n/en.js";
import { zh } from "../../src/i18n/zh.js";
import { blockedChatKey } from "../../src/telegram/blocked-chats.js";
import { pollJob } from "../../src/watch/engine.js";
import { targetText } from "../../src/watch/messages.js";
import { doctorTarget, SETTINGS, startWatchWorld, type WatchWorld } from "./support.js";

const OFFER_TITLE_ZH =
  zh.watch
    .offer({ doctor: "", place: "", day: "", session: "", times: "", left: 0, fee: "", holdMinutes: 0 })
    .split("\n")[0] ?? "";
const OFFER_TITLE_EN =
  en.watch
    .offer({ doctor: "", place: "", day: "", session: "", times: "", left: 0, fee: "", holdMinutes: 0 })
    .split("\n")[0] ?? "";
const INTERVAL_MS = SETTINGS.intervalSeconds * 1000;
const HOLD_MS = SETTINGS.holdSeconds * 1000;
/** past the longest jittered interval */
const ONE_INTERVAL = INTERVAL_MS * 1.25;

let world: WatchWorld | undefined;
afterEach(async () => {
  await world?.stop();
  world = undefined;
});

function offersTo(w: WatchWorld, chatId: number) {
  return w.sent.filter(
    (m) => m.chatId === chatId && (m.text.startsWith(OFFER_TITLE_ZH) || m.text.startsWith(OFFER_TITLE_EN)),
  );
}

describe("watching a full doctor", () => {
  it("tells the watcher when a place frees, with the session, fee and the three buttons", async () => {
    world = await startWatchWorld();
    const a = await world.addProcess();
    const { doctor, schedule } = world.fullDoctor();
    const made = await a.watches.create({
      userId: 11,
      chatId: 11,
      lang: "zh",
      target: doctorTarget(doctor),
      days: "window",
      sessions: "any",
    });
    expect(made.kind).toBe("created");
    await world.settle();
    expect(world.sent).toEqual([]);
    expect(world.sandbox.freePlace(schedule.scheduleId)).toBeDefined();
    world.clock.advance(ONE_INTERVAL);
    await world.settle();
    const offers = offersTo(world, 11);
    expect(offers).toHaveLength(1);
    const text = offers[0]?.text ?? "";
    expect(text).toContain(doctor.name);
    expect(text).toContain(zh.period[schedule.period]);
    expect(text).toContain(`¥${schedule.level.fee}`);
    expect(offers[0]?.rows.flat().map((b) => b.text)).toEqual([
      zh.watch.bookNow,
      zh.watch.keepWatching,
      zh.watch.stop,
    ]);
  });
});

describe("three watchers and one place", () => {
  it("offers it to the first, then to the second when the first's hold passes, then to the third; to nobody twice", async () => {
    world = await startWatchWorld();
    const w = world;
    const a = await world.addProcess();
    const { doctor, schedule } = world.fullDoctor();
    for (const user of [21, 22, 23]) {
      await a.watches.create({
        userId: user,
        chatId: user,
        lang: "en",
        target: doctorTarget(doctor),
        days: "window",
        sessions: "any",
      });
      world.clock.advance(1_000);
    }
    await world.settle();
    world.sandbox.freePlace(schedule.scheduleId);
    world.clock.advance(ONE_INTERVAL);
    await world.settle();
    expect([21, 22, 23].map((u) => offersTo(w, u).length)).toEqual([1, 0, 0]);

    // the first lets the hold pass: the place goes to the second, and to nobody else
    world.clock.advance(HOLD_MS);
    await world.settle();
    expect([21, 22, 23].map((u) => offersTo(w, u).length)).toEqual([1, 1, 0]);

    // the second taps Keep watching: the third hears at once, before any hold passes
    const second = offersTo(world, 22)[0];
    const keep = second?.rows.flat().find((b) => b.text === en.watch.keepWatching);
    expect(keep?.action).toBe("wkeep");
    expect(await a.watches.keepWatching(22, keep?.arg ?? "")).toBe(true);
    await world.settle();
    expect([21, 22, 23].map((u) => offersTo(w, u).length)).toEqual([1, 1, 1]);

    // everyone has been offered this place: however long it stays free, nobody is told again
    for (let i = 0; i < 5; i++) {
      world.clock.advance(ONE_INTERVAL + HOLD_MS);
      await world.settle();
    }
    expect([21, 22, 23].map((u) => offersTo(w, u).length)).toEqual([1, 1, 1]);
  });

  it("offers two places to the first two at once, in the order they started watching", async () => {
    world = await startWatchWorld();
    const a = await world.addProcess();
    const { doctor, schedule } = world.fullDoctor();
    for (const user of [31, 32, 33]) {
      await a.watches.create({
        userId: user,
        chatId: user,
        lang: "zh",
        target: doctorTarget(doctor),
        days: "window",
        sessions: "any",
      });
      world.clock.advance(1_000);
    }
    await world.settle();
    world.sandbox.freePlace(schedule.scheduleId);
    world.sandbox.freePlace(schedule.scheduleId);
    world.clock.advance(ONE_INTERVAL);
    await world.settle();
    expect(world.sent.map((m) => m.chatId)).toEqual([31, 32]);
  });
});

describe("one poll per target", () => {
  it("two processes sharing Redis poll once per interval and notify once", async () => {
    world = await startWatchWorld();
    const a = await world.addProcess();
    const b = await world.addProcess();
    const { doctor, schedule } = world.fullDoctor();
    // many watchers of one doctor, set through both processes
    for (let user = 41; user <= 50; user++) {
      const via = user % 2 === 0 ? a : b;
      await via.watches.create({
        userId: user,
        chatId: user,
        lang: "zh",
        target: doctorTarget(doctor),
        days: "window",
        sessions: "any",
      });
      world.clock.advance(1);
    }
    await world.settle();
    // twenty minutes in steps of ten seconds
    const step = 10_000;
    const total = 20 * 60_000;
    for (let t = 0; t < total; t += step) {
      if (t === total / 2) world.sandbox.freePlace(schedule.scheduleId);
      world.clock.advance(step);
      await world.settle();
    }
    const polls = a.calls.schedules + b.calls.schedules;
    // one at the start, then one per jittered interval (±20%): never one per watcher or per process
    expect(polls).toBeGreaterThanOrEqual(1 + Math.floor(total / (1.2 * INTERVAL_MS + step)));
    expect(polls).toBeLessThanOrEqual(1 + Math.ceil(total / (0.8 * INTERVAL_MS)));
    expect(a.calls.schedules).toBeGreaterThan(0);
    // the place went round the queue in order, one hold after another, each watcher told once
    const told = world.sent.map((m) => m.chatId);
    const holds = Math.ceil(total / 2 / HOLD_MS);
    expect(told).toEqual([41, 42, 43, 44, 45, 46, 47, 48, 49, 50].slice(0, told.length));
    expect(told.length).toBeGreaterThanOrEqual(holds - 1);
    expect(told.length).toBeLessThanOrEqual(holds + 1);
    expect(await a.jobs.pending(pollJob)).toHaveLength(1);
  });

  it("a process killed mid-poll has its poll taken over by another, which notifies once", async () => {
    world = await startWatchWorld();
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    let entered: () => void = () => {};
    const inPoll = new Promise<void>((r) => {
      entered = r;
    });
    // process A hangs inside its hospital call, then dies
    const a = await world.addProcess({
      lockMs: 600,
      api: (real) => ({
        ...real,
        listSchedules: async (q) => {
          entered();
          await gate;
          return real.listSchedules(q);
        },
      }),
    });
    const { doctor, schedule } = world.fullDoctor();
    world.sandbox.freePlace(schedule.scheduleId);
    await a.watches.create({
      userId: 61,
      chatId: 61,
      lang: "zh",
      target: doctorTarget(doctor),
      days: "window",
      sessions: "any",
    });
    await inPoll;
    await world.closeProcess(a, true);
    const b = await world.addProcess({ lockMs: 600 });
    // B's stalled-job check finds A's poll without its lock and runs it again (real time: lockMs)
    const deadline = Date.now() + 10_000;
    while (b.calls.schedules === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await world.settle();
    expect(b.calls.schedules).toBe(1);
    expect(world.sent.map((m) => m.chatId)).toEqual([61]);
    // A comes back to life late: it finds the target moved on and neither notifies nor forks the polls
    release();
    // A's late poll runs to its end (it finds the target moved on) before the story looks again
    await new Promise((r) => setTimeout(r, 1_000));
    await world.settle();
    expect(world.sent.map((m) => m.chatId)).toEqual([61]);
    expect(await b.jobs.pending(pollJob)).toHaveLength(1);
  });
});

describe("restarts", () => {
  it("lose no watch and repeat no notification", async () => {
    world = await startWatchWorld();
    const a = await world.addProcess();
    const { doctor, schedule } = world.fullDoctor();
    await a.watches.create({
      userId: 65,
      chatId: 65,
      lang: "zh",
      target: doctorTarget(doctor),
      days: "window",
      sessions: "any",
    });
    world.sandbox.freePlace(schedule.scheduleId);
    await world.settle();
    expect(world.sent.map((m) => m.chatId)).toEqual([65]);
    await world.closeProcess(a, false);
    // the redeployed process polls the same target on, and tells nobody again of the same place
    const b = await world.addProcess();
    for (let i = 0; i < 3; i++) {
      world.clock.advance(ONE_INTERVAL);
      await world.settle();
    }
    expect(b.calls.schedules).toBeGreaterThanOrEqual(2);
    expect(await b.watches.list(65)).toHaveLength(1);
    expect(world.sent.map((m) => m.chatId)).toEqual([65]);
  });
});

describe("a hospital that fails", () => {
  it("backs off exponentially while polls fail, tells nobody anything meanwhile, and offers once when it recovers", async () => {
    world = await startWatchWorld();
    const a = await world.addProcess();
    const { doctor, schedule } = world.fullDoctor();
    await a.watches.create({
      userId: 71,
      chatId: 71,
      lang: "zh",
      target: doctorTarget(doctor),
      days: "window",
      sessions: "any",
    });
    await world.settle();
    world.sandbox.freePlace(schedule.scheduleId);
    world.sandbox.knobs.errorRate = 1;
    const gaps: number[] = [];
    for (let i = 0; i < 4; i++) {
      const [next] = await a.jobs.pending(pollJob);
      if (!next) throw new Error("no poll scheduled");
      gaps.push(next.runAt.getTime() - world.clock.now().getTime());
      world.clock.advance(next.runAt.getTime() - world.clock.now().getTime());
      await world.settle();
    }
    const [after] = await a.jobs.pending(pollJob);
    gaps.push((after?.runAt.getTime() ?? 0) - world.clock.now().getTime());
    // the first gap is the ordinary interval; after each failure 2, 4, 8 intervals (jittered ±20%), at
    // most 30 minutes
    for (const [i, wait] of [2, 4, 8, 16].map((f) => Math.min(f * INTERVAL_MS, 30 * 60_000)).entries()) {
      expect(gaps[i + 1]).toBeGreaterThanOrEqual(0.8 * wait);
      expect(gaps[i + 1]).toBeLessThanOrEqual(1.2 * wait);
    }
    expect(world.sent).toEqual([]);
    world.sandbox.knobs.errorRate = 0;
    world.clock.advance(gaps[4] ?? 0);
    await world.settle();
    expect(world.sent.map((m) => m.chatId)).toEqual([71]);
    // and back to the ordinary pace
    const [resumed] = await a.jobs.pending(pollJob);
    expect((resumed?.runAt.getTime() ?? 0) - world.clock.now().getTime()).toBeLessThanOrEqual(
      1.2 * INTERVAL_MS,
    );
  });

  it("pauses every target's polls when the hospital says they come too often", async () => {
    world = await startWatchWorld();
    const a = await world.addProcess();
    const doctors = world.sandbox.world
      .doctors()
      .filter((d) => d.pattern === "full")
      .slice(0, 3);
    for (const [i, d] of doctors.entries()) {
      await a.watches.create({
        userId: 80 + i,
        chatId: 80 + i,
        lang: "zh",
        target: doctorTarget(d),
        days: "window",
        sessions: "any",
      });
    }
    await world.settle();
    const before = a.calls.schedules;
    world.sandbox.knobs.failNext.push({
      endpoint: "/appointment/scheduleList",
      status: 429,
      code: "50000",
      msg: "请求过于频繁",
    });
    // the next round of polls, one due time after the other: the first is refused as too many, the
    // others find all watch polling paused
    const due = (await a.jobs.pending(pollJob)).map((p) => p.runAt.getTime()).sort((x, y) => x - y);
    for (const at of due) {
      world.clock.advance(Math.max(0, at - world.clock.now().getTime()));
      await world.settle();
    }
    expect(a.calls.schedules - before).toBe(1);
    for (const p of await a.jobs.pending(pollJob)) {
      expect(p.runAt.getTime() - world.clock.now().getTime()).toBeGreaterThan(60_000);
    }
  });
});

describe("the patient's watches", () => {
  it("allows at most WATCH_MAX_PER_USER watches; a second watch of the same doctor replaces the first", async () => {
    world = await startWatchWorld({ settings: { maxPerUser: 2 } });
    const a = await world.addProcess();
    const [d1, d2, d3] = world.sandbox.world.doctors();
    if (!d1 || !d2 || !d3) throw new Error("too few doctors");
    const make = (d: typeof d1, sessions: "am" | "any") => {
      world?.clock.advance(1_000);
      return a.watches.create({
        userId: 90,
        chatId: 90,
        lang: "en",
        target: doctorTarget(d),
        days: "7",
        sessions,
      });
    };
    expect((await make(d1, "any")).kind).toBe("created");
    expect((await make(d2, "any")).kind).toBe("created");
    expect(await make(d3, "any")).toEqual({ kind: "limit", max: 2 });
    expect((await make(d1, "am")).kind).toBe("created");
    const list = await a.watches.list(90);
    expect(list.map((w) => [w.target.kind === "doctor" && w.target.doctorId, w.periods])).toEqual([
      [String(d1.doctorId), ["am"]],
      [String(d2.doctorId), ["am", "pm", "em"]],
    ]);
  });

  it("ends a watch when its days have passed and tells the patient once", async () => {
    world = await startWatchWorld();
    const a = await world.addProcess();
    const { doctor } = world.fullDoctor();
    await a.watches.create({
      userId: 95,
      chatId: 95,
      lang: "en",
      target: doctorTarget(doctor),
      days: "3",
      sessions: "any",
    });
    await world.settle();
    for (let hour = 0; hour < 4 * 24; hour++) {
      world.clock.advance(3_600_000);
      await world.settle();
    }
    const what = await targetText(en, a.catalog, doctorTarget(doctor));
    expect(world.sent.filter((m) => m.chatId === 95).map((m) => m.text)).toEqual([en.watch.ended.days(what)]);
    expect(await a.watches.list(95)).toEqual([]);
    // nobody watches the doctor any more: it is no longer polled
    const polls = a.calls.schedules;
    world.clock.advance(10 * INTERVAL_MS);
    await world.settle();
    expect(a.calls.schedules).toBe(polls);
    expect(await a.jobs.pending(pollJob)).toEqual([]);
  });

  it("Stop ends the watch and passes its hold on to the next in line", async () => {
    world = await startWatchWorld();
    const a = await world.addProcess();
    const { doctor, schedule } = world.fullDoctor();
    for (const user of [101, 102]) {
      await a.watches.create({
        userId: user,
        chatId: user,
        lang: "zh",
        target: doctorTarget(doctor),
        days: "window",
        sessions: "any",
      });
      world.clock.advance(1_000);
    }
    world.sandbox.freePlace(schedule.scheduleId);
    await world.settle();
    expect(world.sent.map((m) => m.chatId)).toEqual([101]);
    const stop = world.sent[0]?.rows.flat().find((b) => b.action === "wstop");
    expect(await a.watches.stop(101, stop?.arg ?? "")).toBeDefined();
    await world.settle();
    expect(world.sent.map((m) => m.chatId)).toEqual([101, 102]);
    expect(await a.watches.list(101)).toEqual([]);
  });

  it("pauses the watches of a patient who blocked the bot and gives their place to the next", async () => {
    world = await startWatchWorld();
    const a = await world.addProcess();
    const { doctor, schedule } = world.fullDoctor();
    world.chatAnswers.set(111, "blocked");
    for (const user of [111, 112]) {
      await a.watches.create({
        userId: user,
        chatId: user,
        lang: "zh",
        target: doctorTarget(doctor),
        days: "window",
        sessions: "any",
      });
      world.clock.advance(1_000);
    }
    world.sandbox.freePlace(schedule.scheduleId);
    await world.settle();
    expect(world.sent.map((m) => m.chatId)).toEqual([112]);
    world.sandbox.freePlace(schedule.scheduleId);
    world.clock.advance(ONE_INTERVAL);
    await world.settle();
    // paused: not offered the second place either
    expect(world.sent.map((m) => m.chatId)).toEqual([112]);
    // the patient writes to the bot again (the session clears the mark): their watch runs again
    world.chatAnswers.delete(111);
    await world.redis.del(blockedChatKey(world.prefix, 111));
    world.sandbox.freePlace(schedule.scheduleId);
    world.clock.advance(ONE_INTERVAL);
    await world.settle();
    expect(world.sent.filter((m) => m.chatId === 111)).toHaveLength(1);
  });

  it("erases a patient's watches, offers and queue places, and reports them before", async () => {
    world = await startWatchWorld();
    const a = await world.addProcess();
    const { doctor, schedule } = world.fullDoctor();
    await a.watches.create({
      userId: 121,
      chatId: 121,
      lang: "zh",
      target: doctorTarget(doctor),
      days: "window",
      sessions: "any",
    });
    world.sandbox.freePlace(schedule.scheduleId);
    await world.settle();
    expect(world.sent.map((m) => m.chatId)).toEqual([121]);
    expect(await a.watches.inventoryOf(121)).toEqual({ count: 1, since: world.clock.now() });
    await a.watches.eraseUser(121);
    expect(await a.watches.inventoryOf(121)).toEqual({ count: 0 });
    const keys = await world.redis.keys(`${world.prefix}*`);
    const values = await Promise.all(
      keys.map(async (k) =>
        (await world?.redis.type(k)) === "string" ? ((await world?.redis.get(k)) ?? "") : "",
      ),
    );
    expect(keys.filter((k) => k.includes(":121:") || k.endsWith(":121"))).toEqual([]);
    expect(values.filter((v) => v.includes('"userId":121'))).toEqual([]);
    const queue = await world.redis.zrange(
      `${world.prefix}watch:q:${"doc"}-${doctor.unitId}-${doctor.depId}-${doctor.doctorId}`,
      0,
      -1,
    );
    expect(queue).toEqual([]);
  });
});

// Patient stories of watching a full doctor, through the emulator, the sandbox and Redis, on a clock
// the story moves (polls and holds are jobs due by it): the place frees, the patient hears of it first,
// Book now goes straight to that session's times and books, and the watch has done its job.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { en } from "../../src/i18n/en.js";
import { zh } from "../../src/i18n/zh.js";
import type { SandboxDoctor, SandboxSchedule } from "../../src/sandbox/model.js";
import { chinaToday, chinaWallClockToInstant } from "../../src/time/china-time.js";
import { DEFAULT_PATIENT, startTestWorld, type TestWorld } from "../support/world.js";

const INTERVAL_MS = 120_000;
const HOLD_MS = 180_000;

/** 09:00 China time today, moved on by the story (and by the real time it takes) */
function storyClock() {
  const started = Date.now();
  const morning = chinaWallClockToInstant(`${chinaToday(new Date(started))} 09:00:00`).getTime();
  let offset = 0;
  return {
    now: () => new Date(morning + offset + (Date.now() - started)),
    advance(ms: number) {
      offset += ms;
    },
  };
}

describe("watching a full doctor", () => {
  let world: TestWorld;
  const clock = storyClock();
  let full: { doctor: SandboxDoctor; schedule: SandboxSchedule };

  beforeAll(async () => {
    world = await startTestWorld({ now: clock.now, env: { WATCH_RELEASE_WINDOW_MINUTES: "0" } });
    const today = chinaToday(clock.now());
    const found = world.sandbox.world
      .doctors()
      .filter((d) => d.pattern === "full")
      .flatMap((doctor) => {
        const h = world.sandbox.world.hospital(doctor.unitId);
        const dates = h ? world.sandbox.world.openDates(h, clock.now()).filter((d) => d > today) : [];
        const schedule = dates.flatMap((d) => world.sandbox.world.schedulesFor(doctor, d))[0];
        return schedule ? [{ doctor, schedule }] : [];
      })[0];
    if (!found) throw new Error("no full doctor");
    full = found;
  });
  afterAll(async () => {
    await world?.stop();
  });

  async function settle(): Promise<void> {
    for (let i = 0; i < 20; i++) {
      const promoted = await world.app.jobs.promoteDue();
      await world.app.jobs.idle(15_000);
      if (promoted === 0) return;
    }
  }

  const target = () => ({
    kind: "doctor" as const,
    unitId: String(full.doctor.unitId),
    depId: String(full.doctor.depId),
    doctorId: String(full.doctor.doctorId),
  });

  it("tells the first watcher, lets the hold pass to the second, and Book now books with the watch ended", async () => {
    const first = world.user(8101, "zh");
    const second = world.user(8102, "en");
    for (const [user, lang] of [
      [first, "zh"],
      [second, "en"],
    ] as const) {
      await user.say("/start");
      await world.app.watches.create({
        userId: user.id,
        chatId: user.id,
        lang,
        target: target(),
        days: "window",
        sessions: "any",
      });
      clock.advance(1_000);
    }
    await settle();
    world.sandbox.freePlace(full.schedule.scheduleId);
    clock.advance(INTERVAL_MS * 1.25);
    await settle();
    const offer = first.lastMessage();
    expect(offer?.text.split("\n")[0]).toBe(
      zh.watch
        .offer({ doctor: "", place: "", day: "", session: "", times: "", left: 0, fee: "", holdMinutes: 0 })
        .split("\n")[0],
    );
    expect(offer?.text).toContain(full.doctor.name);
    expect(first.buttons()).toEqual([[zh.watch.bookNow], [zh.watch.keepWatching, zh.watch.stop]]);
    expect(second.messages().some((m) => m.text.includes(en.watch.bookNow))).toBe(false);

    clock.advance(HOLD_MS);
    await settle();
    const passed = second.lastMessage();
    expect(passed?.text.split("\n")[0]).toBe("🔔 A place is free!");
    expect(second.buttons()).toEqual([[en.watch.bookNow], [en.watch.keepWatching, en.watch.stop]]);

    // the second books through it: straight to that session's times
    const slots = await second.press(en.watch.bookNow);
    expect(slots.text).toContain(full.doctor.name);
    expect(slots.text).toContain(en.period[full.schedule.period]);
    const slot = second
      .buttons()
      .flat()
      .find((l) => /\d+ left/.test(l));
    if (!slot) throw new Error(`no free slot: ${JSON.stringify(second.buttons())}`);
    await second.press(slot);
    await second.say(DEFAULT_PATIENT.name);
    await second.press(/Resident ID/);
    await second.say(DEFAULT_PATIENT.idNumber);
    await second.say(DEFAULT_PATIENT.mobile);
    await second.press(/^None$/);
    await second.say(DEFAULT_PATIENT.address);
    const booked = await second.press(/Confirm/);
    expect(booked.text).toContain("Booked");
    const order = world.sandbox.orders().at(-1);
    expect(order?.resourceId.startsWith(full.schedule.scheduleId)).toBe(true);
    expect(await world.app.watches.list(second.id)).toEqual([]);
    const list = await second.say("/watches");
    expect(list.text).toBe(en.watch.list.empty);
    // the first is still watching; their Stop button on the old offer ends it
    const stopped = await first.press(zh.watch.stop);
    expect(stopped.text).toContain(zh.watch.stopped("").slice(0, 6));
    expect(await world.app.watches.list(first.id)).toEqual([]);
  });

  it("lists watches in /watches and stops one there", async () => {
    const user = world.user(8201, "zh");
    await user.say("/start");
    await world.app.watches.create({
      userId: user.id,
      chatId: user.id,
      lang: "zh",
      target: target(),
      days: "7",
      sessions: "am",
    });
    const listed = await user.say("/watches");
    expect(listed.text).toContain(zh.watch.list.title);
    expect(listed.text).toContain(full.doctor.name);
    expect(listed.text).toContain(zh.watch.sessions.am);
    const stopped = await user.press(zh.watch.list.stopButton(1));
    expect(stopped.text).toContain(zh.watch.stopped("").slice(0, 6));
    expect(stopped.text).toContain(zh.watch.list.empty);
    expect(await world.app.watches.list(user.id)).toEqual([]);
  });

  it("says 'taken; still watching' when the place went before Book now, and keeps the watch", async () => {
    const user = world.user(8301, "zh");
    await user.say("/start");
    await world.app.watches.create({
      userId: user.id,
      chatId: user.id,
      lang: "zh",
      target: target(),
      days: "window",
      sessions: "any",
    });
    world.sandbox.freePlace(full.schedule.scheduleId);
    clock.advance(INTERVAL_MS * 1.25);
    await settle();
    expect(user.buttons()).toEqual([[zh.watch.bookNow], [zh.watch.keepWatching, zh.watch.stop]]);
    for (const slot of full.schedule.slots) world.sandbox.takeSlot(slot.resourceId);
    const answer = await user.press(zh.watch.bookNow);
    expect(answer.text).toBe(zh.watch.taken);
    expect(await world.app.watches.list(user.id)).toHaveLength(1);
    await user.say("/watches");
    await user.press(zh.watch.list.stopButton(1));
  });
});

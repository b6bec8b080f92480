// Patient stories of watching, through the emulator, the sandbox and Redis, on a clock the story moves
// (polls and holds are jobs due by it, promoted with jobs.promoteDue()): a watch set with 🔔 on a full
// doctor's days fires when a place frees; three watchers share one place in turn; Book now books and
// ends the watch; Stop, /watches and the end of a watch's days; a whole department; zh and en.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { en } from "../../src/i18n/en.js";
import type { Locale } from "../../src/i18n/index.js";
import { zh } from "../../src/i18n/zh.js";
import type { SandboxDoctor, SandboxSchedule } from "../../src/sandbox/model.js";
import type { EmulatedUser } from "../../src/telegram-emulator/types.js";
import { morningManualClock } from "../support/clock.js";
import { type FullDoctor, fullDoctors } from "../support/watch-world.js";
import { DEFAULT_PATIENT, placedTitle, startTestWorld, type TestWorld, turnText } from "../support/world.js";

const INTERVAL_MS = 120_000;
const HOLD_MS = 180_000;
const ONE_INTERVAL = INTERVAL_MS * 1.25;

const offerTitle = (t: Locale) =>
  t.watch
    .offer({ doctor: "", place: "", day: "", session: "", times: "", left: 0, fee: "", holdMinutes: 0 })
    .split("\n")[0];
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

describe("watching a full doctor", () => {
  let world: TestWorld;
  const clock = morningManualClock();
  /** each story watches a full doctor of its own, so no place freed in one is left over for another */
  let fulls: FullDoctor[] = [];
  let full: { doctor: SandboxDoctor; schedule: SandboxSchedule };

  beforeAll(async () => {
    world = await startTestWorld({ now: clock.now, env: { WATCH_RELEASE_WINDOW_MINUTES: "0" } });
    fulls = fullDoctors(world, clock.now(), 3);
  });

  /** the full doctor of the story's number */
  function story(n: number): void {
    const f = fulls[n];
    if (!f) throw new Error(`no full doctor no. ${n}`);
    full = f;
  }
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

  /** through the lists to the full doctor's days, typing each name to filter the list first */
  async function toDoctorList(user: EmulatedUser): Promise<void> {
    const hospital = world.sandbox.world.hospital(full.doctor.unitId);
    const department = world.sandbox.world.department(full.doctor.depId);
    if (!hospital || !department) throw new Error("no such hospital");
    await user.say("/book");
    for (const name of [hospital.city.name, hospital.name, department.name]) {
      await user.say(name);
      await user.press(new RegExp(`^(✓ )?${escapeRe(name)}`));
    }
  }

  async function toDays(user: EmulatedUser) {
    await toDoctorList(user);
    await user.say(full.doctor.name);
    return user.press(new RegExp(`^(✓ )?${escapeRe(full.doctor.name)}`));
  }

  /** 🔔 on the doctor's days, the whole window, any session */
  async function watchFull(user: EmulatedUser, t: Locale) {
    const days = await toDays(user);
    // every session full: the watch button comes first
    expect(user.buttons()[0]).toEqual([t.watch.watchButton]);
    expect(days.text).toContain(t.date.allFull);
    const asked = await user.press(t.watch.watchButton);
    expect(asked.text).toContain(full.doctor.name);
    await user.press(t.watch.days.window);
    return user.press(t.watch.sessions.any);
  }

  it("a watch set with 🔔 on a full doctor's days fires when a place frees (zh)", async () => {
    story(0);
    const user = world.user(8001, "zh");
    const set = await watchFull(user, zh);
    // back on the doctor's days, and one line: what, until when, how to stop
    const line = user.messages().at(-1)?.text ?? "";
    expect(line.startsWith("🔔 已开始候补")).toBe(true);
    expect(line).toContain(full.doctor.name);
    expect(line).toContain("/watches");
    expect(set.edited.length + set.sent.length).toBeGreaterThan(0);
    await settle();
    world.sandbox.freePlace(full.schedule.scheduleId);
    clock.advance(ONE_INTERVAL);
    await settle();
    const offer = user.messages().at(-1);
    expect(offer?.text.split("\n")[0]).toBe(offerTitle(zh));
    expect(offer?.text).toContain(full.doctor.name);
    expect(offer?.text).toContain(zh.period[full.schedule.period]);
    expect(user.buttons()).toEqual([[zh.watch.bookNow], [zh.watch.keepWatching, zh.watch.stop]]);
    // Stop on the message ends the watch
    const stopped = await user.press(zh.watch.stop);
    expect(stopped.text.startsWith("🛑 已停止候补")).toBe(true);
    expect(await world.app.watches.list(user.id)).toEqual([]);
  });

  it("three watchers and one place: the first is offered it, then the second when the first's hold passes; Book now books (en)", async () => {
    story(1);
    const [a, b, c] = [world.user(8101, "zh"), world.user(8102, "en"), world.user(8103, "en")];
    await watchFull(a, zh);
    await watchFull(b, en);
    await watchFull(c, en);
    await settle();
    world.sandbox.freePlace(full.schedule.scheduleId);
    clock.advance(ONE_INTERVAL);
    await settle();
    const offered = (u: EmulatedUser, t: Locale) =>
      u.messages().filter((m) => m.text.startsWith(offerTitle(t) ?? "-")).length;
    expect([offered(a, zh), offered(b, en), offered(c, en)]).toEqual([1, 0, 0]);
    clock.advance(HOLD_MS);
    await settle();
    expect([offered(a, zh), offered(b, en), offered(c, en)]).toEqual([1, 1, 0]);

    // the second books through it: straight to that session's times
    const slots = await b.press(en.watch.bookNow);
    expect(slots.text).toContain(full.doctor.name);
    expect(slots.text).toContain(en.period[full.schedule.period]);
    const slot = b
      .buttons()
      .flat()
      .find((l) => /\d+ left/.test(l));
    if (!slot) throw new Error(`no free slot: ${JSON.stringify(b.buttons())}`);
    await b.press(slot);
    await b.say(DEFAULT_PATIENT.name);
    await b.press(/Resident ID/);
    await b.say(DEFAULT_PATIENT.idNumber);
    await b.say(DEFAULT_PATIENT.mobile);
    await b.press(/^None$/);
    await b.say(DEFAULT_PATIENT.address);
    const booked = await b.press(en.confirm.confirmButton);
    expect(turnText(booked).startsWith(placedTitle(en))).toBe(true);
    expect(world.sandbox.orders().at(-1)?.resourceId.startsWith(full.schedule.scheduleId)).toBe(true);
    // the watch has done its job; the others watch on, and nobody is told of the place again
    expect(await world.app.watches.list(b.id)).toEqual([]);
    expect((await b.say("/watches")).text).toBe(en.watch.list.empty);
    clock.advance(HOLD_MS + ONE_INTERVAL);
    await settle();
    expect([offered(a, zh), offered(c, en)]).toEqual([1, 0]);
    for (const u of [a, c]) {
      await u.say("/watches");
      await u.press(u === a ? zh.watch.list.stopButton(1) : en.watch.list.stopButton(1));
    }
  });

  it("a place gone by Book now is 'taken; still watching'; /watches lists and stops", async () => {
    story(2);
    const user = world.user(8201, "zh");
    await watchFull(user, zh);
    world.sandbox.freePlace(full.schedule.scheduleId);
    clock.advance(ONE_INTERVAL);
    await settle();
    expect(user.buttons()).toEqual([[zh.watch.bookNow], [zh.watch.keepWatching, zh.watch.stop]]);
    for (const slot of full.schedule.slots) world.sandbox.takeSlot(slot.resourceId);
    const answer = await user.press(zh.watch.bookNow);
    expect(answer.text).toBe(zh.watch.taken);
    const listed = await user.say("/watches");
    expect(listed.text).toContain(zh.watch.list.title);
    expect(listed.text).toContain(full.doctor.name);
    expect(listed.text).toContain(zh.watch.sessions.any);
    const stopped = await user.press(zh.watch.list.stopButton(1));
    expect(stopped.text).toContain(zh.watch.list.empty);
  });

  it("🔔 Watch any doctor on the doctor list watches the department; a watch ends when its days have passed (en)", async () => {
    story(0);
    const user = world.user(8301, "en");
    await toDoctorList(user);
    await user.press(en.watch.watchAnyButton);
    await user.press(en.watch.days["3"]);
    await user.press(en.watch.sessions.am);
    const line = user.messages().at(-1)?.text ?? "";
    expect(line).toContain("any doctor of");
    expect(line).toContain(en.watch.sessions.am.toLowerCase());
    const [w] = await world.app.watches.list(user.id);
    expect(w?.target.kind).toBe("department");
    for (let day = 0; day < 4; day++) {
      clock.advance(24 * 3_600_000);
      await settle();
    }
    expect(user.messages().at(-1)?.text.startsWith("⏰ Your watch of any doctor of")).toBe(true);
    expect(await world.app.watches.list(user.id)).toEqual([]);
  });
});

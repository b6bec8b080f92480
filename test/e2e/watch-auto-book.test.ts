// Patient story of a watch that books by itself, through the emulator, the sandbox and Redis on a clock
// the story moves: a user with a saved patient sets 🔔 on a full doctor, reads the warning about
// hospitals' blacklists, opts in for that patient; a place frees, and the hospital receives exactly one
// order with that patient's data while the user reads the booked message. A user without saved patients
// is never asked.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { en } from "../../src/i18n/en.js";
import type { Locale } from "../../src/i18n/index.js";
import { zh } from "../../src/i18n/zh.js";
import { maskName } from "../../src/patient/mask.js";
import type { SandboxDoctor } from "../../src/sandbox/model.js";
import type { EmulatedUser } from "../../src/telegram-emulator/types.js";
import { autoBookJob, holdJob, pollJob } from "../../src/watch/engine.js";
import { morningManualClock } from "../support/clock.js";
import { type FullDoctor, fullDoctors } from "../support/watch-world.js";
import { ADULT_ID, DEFAULT_PATIENT, startTestWorld, type TestWorld } from "../support/world.js";

const ONE_INTERVAL = 120_000 * 1.25;

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** whether a text is the locale's template around some one value */
function fits(template: (v: string) => string, text: string): boolean {
  const [head = "", tail = ""] = template("\u0000").split("\u0000");
  return text.startsWith(head) && text.endsWith(tail) && text.length > head.length + tail.length;
}

describe("a watch that books by itself", () => {
  let world: TestWorld;
  const clock = morningManualClock();
  let fulls: FullDoctor[] = [];

  beforeAll(async () => {
    world = await startTestWorld({ now: clock.now, env: { WATCH_RELEASE_WINDOW_MINUTES: "0" } });
    fulls = fullDoctors(world, clock.now(), 2);
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

  /** through the lists to the doctor's days, 🔔, the whole window, any session */
  async function watchUpToSessions(user: EmulatedUser, t: Locale, doctor: SandboxDoctor) {
    const hospital = world.sandbox.world.hospital(doctor.unitId);
    const department = world.sandbox.world.department(doctor.depId);
    if (!hospital || !department) throw new Error("no such hospital");
    await user.say("/book");
    for (const name of [hospital.city.name, hospital.name, department.name, doctor.name]) {
      await user.say(name);
      await user.press(new RegExp(`^(✓ )?${escapeRe(name)}`));
    }
    await user.press(t.watch.watchButton);
    await user.press(t.watch.days.window);
    return user.press(t.watch.sessions.any);
  }

  it("warns, opts in for the saved patient, and books exactly once when a place frees (zh)", async () => {
    const { doctor, schedule } = fulls[0] ?? fulls[1] ?? { doctor: undefined, schedule: undefined };
    if (!doctor || !schedule) throw new Error("no full doctor");
    const user = world.user(8501, "zh");
    const saved = await world.app.deps.patients.save(
      user.id,
      {
        name: DEFAULT_PATIENT.name,
        certKind: "id_card",
        certNo: ADULT_ID,
        sex: "male",
        birthday: "1990-03-07",
        mobile: DEFAULT_PATIENT.mobile,
        clinicNo: null,
        address: DEFAULT_PATIENT.address,
      },
      String(doctor.unitId),
    );
    expect(saved.kind).toBe("saved");

    // the warning comes first, with the choice of patient and a way to just be told
    const asked = await watchUpToSessions(user, zh, doctor);
    const warning = zh.watch.auto.ask("").split("\n\n")[1] ?? "-";
    expect(asked.text).toContain(warning);
    expect(asked.text).toContain(doctor.name);
    const label = zh.savedPatients.button(
      DEFAULT_PATIENT.name,
      zh.savedPatients.certShort.id_card ?? "",
      ADULT_ID.slice(-4),
    );
    const patientButton = zh.watch.auto.patientButton(label);
    expect(user.buttons().flat()).toEqual(expect.arrayContaining([patientButton, zh.watch.auto.notifyOnly]));
    await user.press(patientButton);
    const masked = maskName(DEFAULT_PATIENT.name);
    expect(user.messages().at(-1)?.text).toContain(zh.watch.auto.setNote(masked));
    expect((await user.say("/watches")).text).toContain(zh.watch.auto.listLine(masked));

    await settle();
    const before = world.sandbox.orders().length;
    expect(world.sandbox.freePlace(schedule.scheduleId)).toBeDefined();
    expect(world.sandbox.freePlace(schedule.scheduleId)).toBeDefined();
    for (let round = 0; round < 5; round++) {
      clock.advance(ONE_INTERVAL);
      await settle();
    }
    const orders = world.sandbox.orders().slice(before);
    const pending = {
      polls: await world.app.jobs.pending(pollJob),
      holds: await world.app.jobs.pending(holdJob),
      autoBooks: await world.app.jobs.pending(autoBookJob),
      now: clock.now().toISOString(),
      told: user
        .messages()
        .slice(-2)
        .map((m) => m.text.slice(0, 30)),
    };
    expect(orders, JSON.stringify(pending)).toHaveLength(1);
    const body = JSON.stringify(orders[0]?.body);
    expect(body).toContain(ADULT_ID);
    expect(body).toContain(DEFAULT_PATIENT.mobile);
    expect(body).toContain(DEFAULT_PATIENT.name);
    expect(orders[0]?.resourceId.startsWith(schedule.scheduleId)).toBe(true);

    const booked = user.messages().filter((m) => fits(zh.watch.auto.booked, m.text));
    expect(booked).toHaveLength(1);
    expect(booked[0]?.text).toContain(String(orders[0]?.orderId));
    expect(booked[0]?.text).toContain(orders[0]?.hisTakeNo ?? "-");
    // no Book now message for this place, and the watch has ended
    const offerTitle = zh.watch
      .offer({ doctor: "", place: "", day: "", session: "", times: "", left: 0, fee: "", holdMinutes: 0 })
      .split("\n")[0];
    expect(user.messages().some((m) => m.text.startsWith(offerTitle ?? "-"))).toBe(false);
    expect(await world.app.watches.list(user.id)).toEqual([]);
    const mine = await user.say("/mybookings");
    expect(mine.text).toContain(String(orders[0]?.orderId));
  });

  it("a user without saved patients is not asked: the watch is set at once (en)", async () => {
    const { doctor } = fulls[1] ?? { doctor: undefined };
    if (!doctor) throw new Error("no full doctor");
    const user = world.user(8502, "en");
    await watchUpToSessions(user, en, doctor);
    const texts = user.messages().map((m) => m.text);
    expect(texts.some((x) => x.includes(en.watch.auto.ask("").split("\n\n")[1] ?? "-"))).toBe(false);
    expect(texts.at(-1)?.startsWith(en.watch.set("", "", "").slice(0, 8))).toBe(true);
    const [watch] = await world.app.watches.list(user.id);
    expect(watch?.autoBook).toBeUndefined();
  });
});

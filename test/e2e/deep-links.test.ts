// Patient stories for the booking's deep links (https://t.me/<bot>?start=book-…): each form opens the
// step it names with the earlier choices shown as chosen, Back goes where it would in the full flow, an
// unknown or stale id gets a polite line and the nearest valid step above, and a link that arrives while
// a booking is half done asks before throwing anything away.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveChoices } from "../../scenes/route.js";
import type { Department, Doctor, Hospital } from "../../src/hospital/types.js";
import { zh } from "../../src/i18n/zh.js";
import { bookingPayload } from "../../src/links/deep-link.js";
import { windowEnd } from "../../src/schedule/schedule-days.js";
import type { EmulatedUser } from "../../src/telegram-emulator/types.js";
import { chinaToday, weekdayOf } from "../../src/time/china-time.js";
import { DEFAULT_PATIENT, firstWithPlaces, startTestWorld, type TestWorld } from "../support/world.js";

let world: TestWorld;
let nextUserId = 9100;
const newUser = () => world.user(nextUserId++, "zh");

let hospital: Hospital;
let department: Department;
let doctor: Doctor;

beforeAll(async () => {
  world = await startTestWorld();
  const catalog = world.app.catalog;
  const [first] = await catalog.hospitals("深圳市");
  if (!first) throw new Error("the sandbox has no hospital in 深圳市");
  hospital = first;
  const departments = await catalog.departments(hospital.unitId);
  const dep = departments.find((d) => d.name === "内科") ?? departments[0];
  if (!dep) throw new Error(`${hospital.name} has no departments`);
  department = dep;
  const [doc] = await catalog.doctors(hospital.unitId, department.depId);
  if (!doc) throw new Error(`${department.name} has no doctors`);
  doctor = doc;
});
afterAll(async () => {
  await world?.stop();
});

const open = (user: EmulatedUser, choices: Parameters<typeof bookingPayload>[0]) =>
  user.say(`/start ${bookingPayload(choices)}`);

const hospitalButton = () => zh.hospital.button(hospital.name, hospital.level);
const doctorButton = () => zh.doctor.button(doctor.name, doctor.title);

async function storedDraft(user: EmulatedUser): Promise<string> {
  const raw = await world.redis.get(`${world.prefix}session:${user.id}`);
  return JSON.stringify(raw ? JSON.parse(raw).draft : undefined);
}

describe("deep links into the booking", () => {
  it("`book` starts the booking as /book does", async () => {
    const user = newUser();
    expect((await user.say("/start book")).text).toBe(zh.city.prompt);
  });

  it("`book-<unitId>` shows the hospital's departments, and Back its city's hospitals with it chosen", async () => {
    const user = newUser();
    const landed = await open(user, { unitId: hospital.unitId });
    expect(landed.text.startsWith(zh.department.prompt(hospital.name))).toBe(true);
    expect(user.buttons().flat()).toContain(department.name);

    const back = await user.press(zh.nav.back);
    expect(back.text.startsWith(zh.hospital.prompt(hospital.cityName))).toBe(true);
    expect(user.buttons().flat()).toContain(`✓ ${hospitalButton()}`);
  });

  it("`book-<unitId>-<depId>` shows the doctors, and Back walks up with each choice marked", async () => {
    const user = newUser();
    const landed = await open(user, { unitId: hospital.unitId, depId: department.depId });
    expect(landed.text.startsWith(zh.doctor.prompt(hospital.name, department.name))).toBe(true);
    expect(user.buttons().flat()).toContain(doctorButton());

    await user.press(zh.nav.back);
    expect(user.buttons().flat()).toContain(`✓ ${department.name}`);
    await user.press(zh.nav.back);
    expect(user.buttons().flat()).toContain(`✓ ${hospitalButton()}`);
    const cities = await user.press(zh.nav.back);
    expect(cities.text).toBe(zh.city.prompt);
    expect(user.buttons().flat()).toContain(
      `✓ ${zh.city.button(hospital.cityName, (await world.app.catalog.hospitals(hospital.cityName)).length)}`,
    );
  });

  it("`book-<unitId>-<depId>-<doctorId>` shows the doctor's days, Back the doctors, and books from there", async () => {
    const user = newUser();
    const landed = await open(user, {
      unitId: hospital.unitId,
      depId: department.depId,
      doctorId: doctor.doctorId,
    });
    expect(landed.text.startsWith(`${doctorButton()}\n`)).toBe(true);

    const back = await user.press(zh.nav.back);
    expect(back.text.startsWith(zh.doctor.prompt(hospital.name, department.name))).toBe(true);
    expect(user.buttons().flat()).toContain(`✓ ${doctorButton()}`);

    await user.press(`✓ ${doctorButton()}`);
    await user.press(firstWithPlaces(user)); // day
    await user.press(firstWithPlaces(user)); // session
    await user.press(firstWithPlaces(user)); // slot
    await user.say(DEFAULT_PATIENT.name);
    await user.press(zh.certificate.id_card);
    await user.say(DEFAULT_PATIENT.idNumber);
    await user.say(DEFAULT_PATIENT.mobile);
    await user.press(zh.patient.noClinicNo);
    await user.say(DEFAULT_PATIENT.address);
    const placed = await user.press(zh.confirm.confirmButton);
    expect(placed.text).toContain(hospital.name);
    const order = world.sandbox.orders().at(-1);
    expect(order?.body).toMatchObject({
      unitId: Number(hospital.unitId),
      depId: Number(department.depId),
      doctorId: Number(doctor.doctorId),
    });
  });

  it("answers an unknown hospital politely and starts from the city", async () => {
    const user = newUser();
    const turn = await open(user, { unitId: "999999", depId: "1", doctorId: "2" });
    expect(turn.sent.map((m) => m.text)).toEqual([zh.link.stale.hospital, zh.city.prompt]);
  });

  it("answers a doctor who left the department with the department's doctors", async () => {
    const user = newUser();
    const turn = await open(user, { unitId: hospital.unitId, depId: department.depId, doctorId: "1" });
    expect(turn.sent[0]?.text).toBe(zh.link.stale.doctor);
    expect(turn.text.startsWith(zh.doctor.prompt(hospital.name, department.name))).toBe(true);
  });

  it("takes a link that is no booking link as /start", async () => {
    const user = newUser();
    expect((await user.say("/start hello")).text).toBe(zh.start.greeting(`Patient${user.id}`));
  });

  it("asks before a link throws away a booking half done: Keep going, then Start over", async () => {
    const user = newUser();
    await open(user, { unitId: hospital.unitId, depId: department.depId, doctorId: doctor.doctorId });
    await user.press(firstWithPlaces(user));
    await user.press(firstWithPlaces(user));
    await user.press(firstWithPlaces(user));
    await user.say("赵六");
    const link = { unitId: hospital.unitId, depId: department.depId };

    const asked = await open(user, link);
    expect(asked.text).toBe(zh.restart.question);
    expect(user.buttons().flat()).toEqual([zh.restart.keepGoing, zh.restart.startOver]);
    const kept = await user.press(zh.restart.keepGoing);
    expect(kept.text).toBe(zh.patient.askCertType);
    expect(await storedDraft(user)).toContain("赵六");

    await open(user, link);
    const over = await user.press(zh.restart.startOver);
    expect(over.text.startsWith(zh.doctor.prompt(hospital.name, department.name))).toBe(true);
    expect(await storedDraft(user)).not.toContain("赵六");
  });

  it("checks a schedule (a watch's Book now) against the doctor's window before the draft holds it", async () => {
    const catalog = world.app.catalog;
    const now = world.app.deps.now();
    const base = { unitId: hospital.unitId, depId: department.depId, doctorId: doctor.doctorId };
    const days = await resolveChoices(catalog, now, base);
    expect(days.stale).toBeUndefined();
    const today = chinaToday(now);
    const to = windowEnd(today, hospital.bookingWindowDays);
    const schedules = await catalog.schedules(base.unitId, base.depId, base.doctorId, today, to);
    const schedule = schedules[0];
    if (!schedule) throw new Error("the doctor has no sessions");
    const found = await resolveChoices(catalog, now, { ...base, scheduleId: schedule.scheduleId });
    expect(found.draft).toMatchObject({
      city: hospital.cityName,
      scheduleId: schedule.scheduleId,
      date: schedule.date,
      period: schedule.period,
    });
    const gone = await resolveChoices(catalog, now, { ...base, scheduleId: "nope" });
    expect(gone.stale).toBe("schedule");
    expect(gone.draft).toEqual({ city: hospital.cityName, ...base });
  });

  it("enters at a session's slots from a message's Book now button (a global start with a link's payload)", async () => {
    const user = newUser();
    const today = chinaToday(world.app.deps.now());
    const to = windowEnd(today, hospital.bookingWindowDays);
    const schedules = await world.app.catalog.schedules(
      hospital.unitId,
      department.depId,
      doctor.doctorId,
      today,
      to,
    );
    const open = schedules.find((x) => x.available > 0);
    if (!open) throw new Error("the doctor has no session with places");
    await user.say("/help"); // a message to press the button under, as a notice would be
    const payload = bookingPayload({
      unitId: hospital.unitId,
      depId: department.depId,
      doctorId: doctor.doctorId,
      scheduleId: open.scheduleId,
    });
    const landed = await user.pressData(`0|start|${payload}`);
    const slotsDay = zh.date.dayLabel(open.date.slice(5), weekdayOf(open.date));
    expect(landed.text.startsWith(zh.slot.prompt(doctorButton(), slotsDay, zh.period[open.period]))).toBe(
      true,
    );
    // Back goes to that day's sessions, as in the full flow
    const back = await user.press(zh.nav.back);
    expect(back.text.startsWith(zh.date.sessionsPrompt(doctorButton(), slotsDay))).toBe(true);
  });
});

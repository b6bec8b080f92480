// Patient stories after the booking: reminders at the right time (and never in the night), with the
// hospital's details, the way there and the buttons; none for a cancelled booking; a stop-clinic alert
// once the doctor's session has gone twice, and none for one blank answer; the calendar file; two bot
// processes on one Redis sending each reminder once. Time moves by the injected clock and
// jobs.promoteDue(), never by waiting.
import { afterEach, describe, expect, it } from "vitest";
import { type App, startApp } from "../../src/app.js";
import type { BookingRecord } from "../../src/bookings/record.js";
import { loadConfig } from "../../src/config.js";
import type { Department, Doctor, Hospital, Patient, Schedule, Slot } from "../../src/hospital/types.js";
import { en } from "../../src/i18n/en.js";
import { whenText } from "../../src/i18n/format.js";
import type { Lang } from "../../src/i18n/index.js";
import { zh } from "../../src/i18n/zh.js";
import type { JobKind } from "../../src/jobs/jobs.js";
import { silentLogger } from "../../src/observability/logger.js";
import { type AftercareEvent, reminderJob, stopCheckJob } from "../../src/reminders/aftercare.js";
import { calendarUid } from "../../src/reminders/calendar.js";
import { parseMapPoint } from "../../src/reminders/map-point.js";
import { nextGridCheck } from "../../src/reminders/plan.js";
import { createTrackedStore } from "../../src/reminders/tracked-store.js";
import { windowEnd } from "../../src/schedule/schedule-days.js";
import type { ChatMessage, EmulatedUser } from "../../src/telegram-emulator/types.js";
import { addDaysIso, chinaWallClockToInstant as china, chinaToday } from "../../src/time/china-time.js";
import { type ManualClock, manualClock } from "../support/clock.js";
import { REDIS_URL } from "../support/redis.js";
import {
  ADULT_ID,
  DEFAULT_PATIENT,
  firstButton,
  firstWithPlaces,
  startTestWorld,
  type TestWorld,
} from "../support/world.js";

const PATIENT: Patient = {
  name: "张三",
  certificate: { kind: "id_card", number: ADULT_ID },
  sex: "male",
  birthday: "1990-03-07",
  mobile: "13812345678",
  clinicNo: null,
  address: "深圳市福田区福华路1号",
  guardian: null,
};
const HOUR = 3_600_000;

interface Found {
  hospital: Hospital;
  department: Department;
  doctor: Doctor;
  schedule: Schedule;
  slot: Slot;
}

let world: TestWorld | undefined;
let clock: ManualClock;
/** the story's first day, China time; days are counted from it however far the clock has moved */
let firstDay: string;
const extraApps: App[] = [];

/** what the aftercare reported for metrics in the current story */
let events: AftercareEvent[] = [];

async function start(): Promise<TestWorld> {
  firstDay = chinaToday(new Date());
  clock = manualClock(china(`${firstDay} 09:00:00`));
  events = [];
  world = await startTestWorld({ now: clock.now, hooks: { onAftercare: (e) => events.push(e) } });
  return world;
}

const checks = () => events.filter((e) => e.kind === "check").map((e) => e.outcome);

afterEach(async () => {
  await Promise.all(extraApps.splice(0).map((a) => a.close()));
  await world?.stop();
  world = undefined;
});

const day = (n: number) => addDaysIso(firstDay, n);

/** A free slot on `date` whose start passes `accept`, searched as a patient would browse. */
async function findSlot(w: TestWorld, date: string, accept: (s: Slot) => boolean): Promise<Found> {
  const { catalog, hospital: api } = w.app;
  for (const hospital of (await catalog.hospitals()).slice(0, 6)) {
    for (const department of (await catalog.departments(hospital.unitId)).slice(0, 6)) {
      for (const doctor of await catalog.doctors(hospital.unitId, department.depId)) {
        const schedules = await api.listSchedules({
          unitId: hospital.unitId,
          depId: department.depId,
          doctorId: doctor.doctorId,
          beginDate: date,
          endDate: date,
        });
        for (const schedule of schedules.filter((s) => s.available > 0)) {
          const slots = await api.listSlots(hospital.unitId, schedule.scheduleId);
          const slot = slots.find((s) => s.available > 0 && accept(s));
          if (slot) return { hospital, department, doctor, schedule, slot };
        }
      }
    }
  }
  throw new Error(`no free slot on ${date}`);
}

const at = (hhmm: string) => (s: Slot) => s.beginTime.slice(11, 16) === hhmm;

/** Books through the same order service the confirm step uses, and tells what the step would tell. */
async function book(w: TestWorld, userId: number, f: Found, lang: Lang | undefined = "zh") {
  const outcome = await w.app.deps.orders.placeOrderOnce(
    userId,
    `story-${userId}-${f.slot.resourceId}`,
    {
      unitId: f.hospital.unitId,
      depId: f.department.depId,
      doctorId: f.doctor.doctorId,
      resourceId: f.slot.resourceId,
      patient: PATIENT,
    },
    {
      hospital: f.hospital.name,
      department: f.department.name,
      doctor: zh.doctor.button(f.doctor.name, f.doctor.title),
      beginTime: f.slot.beginTime,
      endTime: f.slot.endTime,
      fee: f.slot.fee,
      scheduleId: f.schedule.scheduleId,
    },
  );
  if (outcome.kind !== "placed") throw new Error(`not booked: ${outcome.kind}`);
  if (lang) {
    await w.app.deps.aftercare.noteBooking(userId, outcome.record.id, { lang });
  }
  return outcome.record;
}

async function runDue(...apps: App[]): Promise<void> {
  for (const a of apps) await a.jobs.promoteDue();
  for (const a of apps) await a.jobs.idle();
}

async function pendingFor<T extends { bookingId: string }>(a: App, kind: JobKind<T>, bookingId: string) {
  return (await a.jobs.pending(kind)).filter((j) => j.data.bookingId === bookingId);
}

const botMessages = (u: EmulatedUser): ChatMessage[] => u.messages().filter((m) => m.fromBot);

function expectedReminder(r: BookingRecord, h: Hospital, warning: boolean, t = zh): string {
  return t.aftercare.reminder({
    when: whenText(t, r.beginTime, r.endTime),
    hospital: r.hospital,
    department: r.department,
    doctor: r.doctor,
    orderId: r.orderId ?? "",
    takeNo: r.takeNo ?? "",
    address: h.address || undefined,
    telephone: h.telephone || undefined,
    busRoute: h.busRoute || undefined,
    warning,
  });
}

const labels = (m: ChatMessage | undefined): string[] => {
  const markup = m?.replyMarkup;
  return markup && "inline_keyboard" in markup ? markup.inline_keyboard.flat().map((b) => b.text) : [];
};

describe("reminders", () => {
  it("gives a booking made 3 hours ahead the 2-hour reminder only, with the hospital's details and the way there", async () => {
    const w = await start();
    const user = w.user(7101);
    const f = await findSlot(w, day(2), at("14:00"));
    const visit = china(f.slot.beginTime);
    clock.setTo(new Date(visit.getTime() - 3 * HOUR));
    const record = await book(w, user.id, f);

    const pending = await pendingFor(w.app, reminderJob, record.id);
    expect(pending.map((p) => [p.data.offsetMinutes, p.runAt])).toEqual([
      [120, new Date(visit.getTime() - 2 * HOUR)],
    ]);
    // a redeploy in between loses nothing
    await w.restartBot();
    await runDue(w.app);
    expect(botMessages(user)).toEqual([]);

    clock.setTo(new Date(visit.getTime() - 2 * HOUR));
    await runDue(w.app);
    const [text, location, ...more] = botMessages(user);
    expect(more).toEqual([]);
    expect(text?.text).toBe(expectedReminder(record, f.hospital, false));
    expect(labels(text)).toEqual([zh.aftercare.cancelButton, zh.aftercare.calendarButton]);
    const position = parseMapPoint(f.hospital.mapPoint);
    expect(position).toBeDefined();
    expect(location?.kind).toBe("location");
    expect(location?.location).toEqual(position);

    // nothing more comes, however long the clock runs on
    clock.advance(HOUR);
    await runDue(w.app);
    expect(botMessages(user)).toHaveLength(2);

    // the reminder's Cancel button opens the cancellation of this booking
    const asked = await user.press(zh.aftercare.cancelButton);
    expect(asked.text.endsWith(zh.cancel.askReason(""))).toBe(true);
    expect(asked.text).toContain(whenText(zh, record.beginTime, record.endTime));
  });

  it("moves the reminder that falls in the quiet hours to the evening before, and warns about cancelling the day before", async () => {
    const w = await start();
    const user = w.user(7102);
    const f = await findSlot(w, day(3), at("08:00"));
    const record = await book(w, user.id, f);
    const pending = await pendingFor(w.app, reminderJob, record.id);
    expect(pending.map((p) => [p.data.offsetMinutes, p.runAt]).sort()).toEqual(
      [
        [1440, china(`${day(2)} 08:00:00`)],
        // two hours before 08:00 is 06:00, inside 22-07: sent at 21:30 the evening before instead
        [120, china(`${day(2)} 21:30:00`)],
      ].sort(),
    );

    clock.setTo(china(`${day(2)} 08:00:00`));
    await runDue(w.app);
    const dayBefore = botMessages(user).filter((m) => m.kind === "text");
    expect(dayBefore.map((m) => m.text)).toEqual([expectedReminder(record, f.hospital, true)]);
    // the day-before reminder says plainly that repeated cancellations or no-shows are restricted
    expect(dayBefore[0]?.text).toMatch(/三次/);

    clock.setTo(china(`${day(2)} 21:30:00`));
    await runDue(w.app);
    const texts = botMessages(user).filter((m) => m.kind === "text");
    expect(texts.map((m) => m.text)).toEqual([
      expectedReminder(record, f.hospital, true),
      expectedReminder(record, f.hospital, false),
    ]);
    // and nothing in the night
    clock.setTo(china(`${day(3)} 06:00:00`));
    await runDue(w.app);
    expect(botMessages(user).filter((m) => m.kind === "text")).toHaveLength(2);
  });

  it("sends nothing for a booking the patient cancelled, after warning them about repeated cancellations", async () => {
    const w = await start();
    const user = w.user(7103);
    const f = await findSlot(w, day(3), () => true);
    const record = await book(w, user.id, f);
    expect(await pendingFor(w.app, reminderJob, record.id)).toHaveLength(2);
    expect((await pendingFor(w.app, stopCheckJob, record.id)).length).toBeGreaterThan(0);

    await user.say(`/cancel ${record.orderId}`);
    const review = await user.press(zh.cancel.reasons.schedule);
    expect(review.text).toBe(
      zh.cancel.review({
        when: whenText(zh, record.beginTime, record.endTime),
        hospital: record.hospital,
        department: record.department,
        doctor: record.doctor,
        reason: zh.cancel.reasons.schedule,
      }),
    );
    expect(review.text).toMatch(/三次/);
    await user.press(zh.cancel.confirmButton);
    expect(await pendingFor(w.app, reminderJob, record.id)).toEqual([]);
    expect(await pendingFor(w.app, stopCheckJob, record.id)).toEqual([]);

    const before = botMessages(user).length;
    for (const hours of [24, 24, 20]) {
      clock.advance(hours * HOUR);
      await runDue(w.app);
    }
    expect(botMessages(user)).toHaveLength(before);
  });

  it("reminds a patient who booked through the bot in English, in English", async () => {
    const w = await start();
    const user = w.user(7107, "en");
    await user.say("/book");
    for (let i = 0; i < 4; i++) await user.press(firstButton(user)); // city, hospital, department, doctor
    // a day at least two days ahead, so both reminders are still to come
    const ahead = [2, 3, 4, 5, 6].map((n) => day(n).slice(5));
    const dayButton = user
      .buttons()
      .flat()
      .find((l) => ahead.some((mmdd) => l.includes(mmdd)) && /\d+ left/.test(l));
    if (!dayButton) throw new Error(`no day ahead with places: ${JSON.stringify(user.buttons())}`);
    await user.press(dayButton);
    await user.press(firstWithPlaces(user)); // session
    await user.press(firstWithPlaces(user)); // slot
    await user.say(DEFAULT_PATIENT.name);
    await user.press(en.certificate.id_card);
    await user.say(DEFAULT_PATIENT.idNumber);
    await user.say(DEFAULT_PATIENT.mobile);
    await user.press(en.patient.noClinicNo);
    await user.say(DEFAULT_PATIENT.address);
    await user.press(en.confirm.confirmButton);
    const [record] = await w.app.deps.bookings.list(user.id);
    if (!record) throw new Error("no booking recorded");
    const hospital = await w.app.catalog.hospital(record.unitId);
    if (!hospital) throw new Error("no hospital");
    const pending = await pendingFor(w.app, reminderJob, record.id);
    expect(pending.map((p) => p.data.offsetMinutes).sort()).toEqual([120, 1440]);

    const before = botMessages(user).length;
    const dayBefore = pending.find((p) => p.data.offsetMinutes === 1440);
    if (!dayBefore) throw new Error("no day-before reminder");
    clock.setTo(dayBefore.runAt);
    await runDue(w.app);
    const [text] = botMessages(user).slice(before);
    expect(text?.text).toBe(expectedReminder(record, hospital, true, en));
    expect(labels(text)).toEqual([en.aftercare.cancelButton, en.aftercare.calendarButton]);
  });

  it("reminds bookings made before this feature too, in both languages", async () => {
    const w = await start();
    const user = w.user(7104);
    const f = await findSlot(w, day(2), at("14:00"));
    // an old booking: recorded, with no reminder jobs and no language
    const record = await book(w, user.id, f, undefined);
    await w.app.deps.aftercare.onCancelled(user.id, record);
    expect(await pendingFor(w.app, reminderJob, record.id)).toEqual([]);

    expect(await w.app.deps.aftercare.sweep()).toBeGreaterThanOrEqual(1);
    expect(await pendingFor(w.app, reminderJob, record.id)).toHaveLength(2);
    clock.setTo(china(`${day(1)} 14:00:00`));
    await runDue(w.app);
    const [text] = botMessages(user);
    expect(text?.text).toBe(
      `${expectedReminder(record, f.hospital, true, zh)}\n\n${expectedReminder(record, f.hospital, true, en)}`,
    );
    expect(labels(text)).toEqual([
      `${zh.aftercare.cancelButton} / ${en.aftercare.cancelButton}`,
      `${zh.aftercare.calendarButton} / ${en.aftercare.calendarButton}`,
    ]);
  });

  it("skips a patient who blocked the bot after the first refusal", async () => {
    const w = await start();
    const user = w.user(7105);
    const f = await findSlot(w, day(3), at("14:00"));
    const record = await book(w, user.id, f);
    w.emulator.failNext("sendMessage", {
      error_code: 403,
      description: "Forbidden: bot was blocked by the user",
    });
    clock.setTo(china(`${day(2)} 14:00:00`));
    await runDue(w.app);
    const calls = w.emulator
      .calls("sendMessage")
      .filter((c) => String(c.payload.chat_id) === String(user.id));
    expect(calls).toHaveLength(1);
    clock.setTo(china(`${day(3)} 12:00:00`));
    await runDue(w.app);
    expect(
      w.emulator.calls("sendMessage").filter((c) => String(c.payload.chat_id) === String(user.id)),
    ).toHaveLength(1);
    expect(botMessages(user)).toEqual([]);
    expect(events.filter((e) => e.kind === "reminder")).toEqual([
      { kind: "reminder", outcome: "blocked" },
      { kind: "reminder", outcome: "blocked" },
    ]);
    expect(record.status).toBe("booked");
  });

  it("sends each reminder once when two bot processes share Redis", async () => {
    const w = await start();
    const user = w.user(7106);
    const second = await startApp({
      config: loadConfig({
        BOT_TOKEN: w.emulator.token,
        TELEGRAM_API_ROOT: w.emulator.apiRoot,
        HOSPITAL_API_URL: w.sandbox.url,
        HOSPITAL_APP_TOKEN: w.sandbox.appToken,
        REDIS_URL,
        REDIS_PREFIX: w.prefix,
        TELEGRAM_CHAT_PER_SECOND: "1000",
        TELEGRAM_GLOBAL_PER_SECOND: "100000",
      }),
      logger: silentLogger(),
      now: clock.now,
    });
    extraApps.push(second);
    const f = await findSlot(w, day(2), at("14:00"));
    const record = await book(w, user.id, f);
    // the second process schedules the same booking as well, by its sweep and by the booking itself
    await second.deps.aftercare.sweep();
    await second.deps.aftercare.onBooked(user.id, record, { unitId: f.hospital.unitId });
    expect(await pendingFor(w.app, reminderJob, record.id)).toHaveLength(2);

    clock.setTo(china(`${day(1)} 14:00:00`));
    await runDue(w.app, second);
    clock.setTo(china(`${day(2)} 12:00:00`));
    await runDue(second, w.app);
    const texts = botMessages(user).filter((m) => m.kind === "text");
    expect(texts.map((m) => m.text)).toEqual([
      expectedReminder(record, f.hospital, true),
      expectedReminder(record, f.hospital, false),
    ]);
  });
});

describe("stop-clinic alerts", () => {
  const CONFIRM_MS = 900_000;

  it("tells the patient once, after a second check confirms the session has gone", async () => {
    const w = await start();
    const user = w.user(7201);
    const f = await findSlot(w, day(3), () => true);
    const record = await book(w, user.id, f);
    w.sandbox.knobs.stoppedSchedules.push(f.schedule.scheduleId);

    clock.setTo(nextGridCheck(clock.now(), 21_600));
    await runDue(w.app);
    expect(botMessages(user)).toEqual([]);
    const confirms = (await pendingFor(w.app, stopCheckJob, record.id)).filter((j) =>
      j.id.startsWith("cfm."),
    );
    expect(confirms).toHaveLength(1);

    clock.advance(CONFIRM_MS);
    await runDue(w.app);
    const [alert, ...more] = botMessages(user);
    expect(more).toEqual([]);
    expect(alert?.text).toBe(
      zh.aftercare.stopAlert({
        when: whenText(zh, record.beginTime, record.endTime),
        hospital: record.hospital,
        department: record.department,
        doctor: record.doctor,
        telephone: f.hospital.telephone,
      }),
    );
    expect(labels(alert)).toEqual([
      zh.aftercare.rebookButton,
      zh.aftercare.watchButton,
      zh.aftercare.otherDoctorsButton,
    ]);
    expect(checks()).toEqual(["missing", "confirmed"]);
    expect(events).toContainEqual({ kind: "stop_alert", outcome: "sent" });
    // the bot cancelled nothing
    expect((await w.app.deps.bookings.get(user.id, record.id))?.status).toBe("booked");
    expect(w.sandbox.orders().find((o) => String(o.orderId) === record.orderId)?.status).not.toBe(
      "cancelled",
    );

    // later checks, the evening-before one included, say nothing more
    for (let i = 0; i < 8; i++) {
      clock.advance(6 * HOUR);
      await runDue(w.app);
    }
    expect(botMessages(user).filter((m) => m.text.startsWith("⚠️"))).toHaveLength(1);

    // the buttons lead into the booking flow: this doctor's days, and the department's doctors
    const doctorLabel = zh.doctor.button(f.doctor.name, f.doctor.title);
    const from = chinaToday(clock.now());
    const to = windowEnd(from, f.hospital.bookingWindowDays);
    const days = await user.press(zh.aftercare.rebookButton, { messageId: alert?.messageId });
    expect(days.text.startsWith(zh.date.prompt(doctorLabel, from.slice(5), to.slice(5)))).toBe(true);
    const doctors = await user.press(zh.aftercare.otherDoctorsButton, { messageId: alert?.messageId });
    expect(doctors.text).toContain(zh.doctor.prompt(f.hospital.name, f.department.name));
    expect(user.buttons().flat()).toContain(doctorLabel);
    const watch = await user.press(zh.aftercare.watchButton, { messageId: alert?.messageId });
    expect(watch.text).toBe(zh.aftercare.watchUnavailable);
  });

  it("asks before a stop-clinic button throws away a booking in progress", async () => {
    const w = await start();
    const user = w.user(7205);
    const f = await findSlot(w, day(3), () => true);
    await book(w, user.id, f);
    w.sandbox.knobs.stoppedSchedules.push(f.schedule.scheduleId);
    clock.setTo(nextGridCheck(clock.now(), 21_600));
    await runDue(w.app);
    clock.advance(CONFIRM_MS);
    await runDue(w.app);
    const [alert] = botMessages(user);
    expect(alert?.text.split("\n")[0]).toBe(
      zh.aftercare.stopAlert({ when: "", hospital: "", department: "", doctor: "" }).split("\n")[0],
    );

    // another booking half done: a slot chosen
    await user.press(zh.aftercare.rebookButton, { messageId: alert?.messageId });
    await user.press(firstWithPlaces(user));
    await user.press(firstWithPlaces(user));
    const inProgress = await user.press(firstWithPlaces(user));
    const asked = await user.press(zh.aftercare.otherDoctorsButton, { messageId: alert?.messageId });
    expect(asked.text).toBe(zh.restart.question);
    const kept = await user.press(zh.restart.keepGoing);
    // Keep going: back where the patient was, their choices intact
    expect(kept.text).toBe(inProgress.text);
    await user.press(zh.aftercare.otherDoctorsButton, { messageId: alert?.messageId });
    const doctors = await user.press(zh.restart.startOver);
    expect(doctors.text).toContain(zh.doctor.prompt(f.hospital.name, f.department.name));
  });

  it("asks the hospital once per doctor and check, however many bookings are on that doctor", async () => {
    const w = await start();
    const first = await findSlot(w, day(3), () => true);
    // another free slot of the same doctor's session, for a second patient
    const slots = await w.app.hospital.listSlots(first.hospital.unitId, first.schedule.scheduleId);
    const other = slots.find((s) => s.available > 0 && s.resourceId !== first.slot.resourceId);
    if (!other) throw new Error("the session should have a second free slot");
    await book(w, w.user(7203).id, first);
    await book(w, w.user(7204).id, { ...first, slot: other });

    const before = w.sandbox.requestCount("/appointment/scheduleList");
    clock.setTo(nextGridCheck(clock.now(), 21_600));
    await runDue(w.app);
    expect(checks()).toEqual(["listed", "listed"]);
    expect(w.sandbox.requestCount("/appointment/scheduleList") - before).toBe(1);
  });

  it("says nothing for one blank schedule answer", async () => {
    const w = await start();
    const user = w.user(7202);
    const f = await findSlot(w, day(3), () => true);
    const record = await book(w, user.id, f);
    w.sandbox.knobs.emptyScheduleLists = 1;

    clock.setTo(nextGridCheck(clock.now(), 21_600));
    await runDue(w.app);
    expect(w.sandbox.knobs.emptyScheduleLists).toBe(0);
    expect(
      (await pendingFor(w.app, stopCheckJob, record.id)).filter((j) => j.id.startsWith("cfm.")),
    ).toHaveLength(1);

    clock.advance(CONFIRM_MS);
    await runDue(w.app);
    expect((await pendingFor(w.app, stopCheckJob, record.id)).filter((j) => j.id.startsWith("cfm."))).toEqual(
      [],
    );
    clock.advance(6 * HOUR);
    await runDue(w.app);
    expect(botMessages(user).filter((m) => m.text.startsWith("⚠️"))).toEqual([]);
    expect(checks()).toEqual(["missing", "cleared", "listed"]);
  });
});

/** Every string a Redis key holds, whatever its type. */
async function valuesOf(w: TestWorld, key: string): Promise<string[]> {
  switch (await w.redis.type(key)) {
    case "string":
      return [(await w.redis.get(key)) ?? ""];
    case "hash":
      return Object.values(await w.redis.hgetall(key));
    case "stream":
      return (await w.redis.xrange(key, "-", "+")).flatMap(([, fields]) => fields);
    case "zset":
      return w.redis.zrange(key, 0, -1);
    case "list":
      return w.redis.lrange(key, 0, -1);
    case "set":
      return w.redis.smembers(key);
    default:
      return [];
  }
}

describe("the calendar entry and the user's data", () => {
  it("sends the .ics from the booked message and from /mybookings, the visit in China time with its alarm", async () => {
    const w = await start();
    const user = w.user(7301);
    const { orderId, takeNo } = await w.bookFirstAvailable(user);
    const [record] = await w.app.deps.bookings.list(user.id);
    if (!record) throw new Error("no record");
    expect(user.buttons().flat()).toContain(zh.aftercare.calendarButton);
    // the confirm step told the reminders the patient's language and the very session booked
    const tracked = await createTrackedStore({ redis: w.redis, prefix: w.prefix, now: clock.now }).get(
      user.id,
      record.id,
    );
    expect(tracked).toMatchObject({ lang: "zh", unitId: record.unitId });
    expect(tracked?.scheduleId).toMatch(/^\d+$/);

    const turn = await user.press(zh.aftercare.calendarButton);
    const file = turn.sent.find((m) => m.kind === "document");
    expect(file?.text).toBe(zh.aftercare.calendarCaption);
    expect(file?.document?.fileName).toBe(`visit-${orderId}.ics`);
    const ics = file?.document?.content.toString("utf8") ?? "";
    const lines = ics.replace(/\r\n[ \t]/g, "").split("\r\n");
    const dtstart = `${record.beginTime.slice(0, 10).replaceAll("-", "")}T${record.beginTime.slice(11).replaceAll(":", "")}`;
    expect(lines).toContain(`UID:${calendarUid(orderId)}`);
    expect(lines).toContain(`DTSTART;TZID=Asia/Shanghai:${dtstart}`);
    expect(lines).toContain("TRIGGER:-PT2H");
    expect(lines.find((l) => l.startsWith("DESCRIPTION:订单号"))).toContain(takeNo);

    await user.say("/mybookings");
    const again = await user.press(zh.aftercare.calendarButtonN(1));
    const second = again.sent.find((m) => m.kind === "document")?.document?.content.toString("utf8") ?? "";
    expect(second).toContain(`UID:${calendarUid(orderId)}`);

    // someone else's order number gives nothing
    const stranger = w.user(7302);
    await stranger.say("/start");
    const forged = await stranger.pressData(`0|ics|${orderId}`);
    expect(forged.sent.filter((m) => m.kind === "document")).toEqual([]);
    expect(forged.answer?.text).toBe(zh.aftercare.notFound);
  });

  it("lists and erases a user's reminders and checks with their jobs, sent ones included", async () => {
    const w = await start();
    const user = w.user(7303);
    const f = await findSlot(w, day(3), () => true);
    const record = await book(w, user.id, f);
    const { aftercare } = w.app.deps;
    expect(await aftercare.inventoryOf(user.id)).toMatchObject({ count: 1 });
    // the day-before reminder goes out: its finished job is kept a while as the "done" marker
    clock.setTo(china(`${day(2)} 12:00:00`));
    await runDue(w.app);
    expect(botMessages(user).filter((m) => m.kind === "text")).toHaveLength(1);
    expect(await pendingFor(w.app, reminderJob, record.id)).toHaveLength(1);

    await aftercare.eraseUser(user.id);
    expect(await aftercare.inventoryOf(user.id)).toEqual({ count: 0 });
    expect(await pendingFor(w.app, reminderJob, record.id)).toEqual([]);
    expect(await pendingFor(w.app, stopCheckJob, record.id)).toEqual([]);
    // nothing of the user's is left in the aftercare keys or in any job's data or event
    const found: string[] = [];
    let cursor = "0";
    do {
      const [next, keys] = await w.redis.scan(cursor, "MATCH", `${w.prefix}*`, "COUNT", 500);
      cursor = next;
      for (const key of keys) {
        if (key.includes(`aftercare:${user.id}`)) found.push(key);
        if (!key.startsWith(`${w.prefix}bull:aftercare-`)) continue;
        const values = await valuesOf(w, key);
        if (values.some((v) => v.includes(String(user.id)) || v.includes(record.orderId ?? "-")))
          found.push(key);
      }
    } while (cursor !== "0");
    expect(found).toEqual([]);
  });
});

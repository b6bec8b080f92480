// Patient stories of the reminders: at the right time and never in the night, with the hospital's details,
// the way there and the buttons, in the patient's language; none for a cancelled booking; bookings from
// before the feature reminded too; a chat that blocked the bot skipped; two bot processes on one Redis
// sending each reminder once. Time moves by the injected clock and jobs.promoteDue(), never by waiting.
import { describe, expect, it } from "vitest";
import { startApp } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import { en } from "../../src/i18n/en.js";
import { whenText } from "../../src/i18n/format.js";
import { zh } from "../../src/i18n/zh.js";
import { silentLogger } from "../../src/observability/logger.js";
import { reminderJob, stopCheckJob } from "../../src/reminders/aftercare.js";
import { parseMapPoint } from "../../src/reminders/map-point.js";
import { chinaWallClockToInstant as china } from "../../src/time/china-time.js";
import {
  at,
  book,
  botMessages,
  expectedReminder,
  findSlot,
  HOUR,
  labels,
  pendingFor,
  runDue,
  useAftercareStories,
} from "../support/aftercare.js";
import { REDIS_URL } from "../support/redis.js";
import { DEFAULT_PATIENT, firstButton, firstWithPlaces } from "../support/world.js";

const story = useAftercareStories();

describe("reminders", () => {
  it("gives a booking made 3 hours ahead the 2-hour reminder only, with the hospital's details and the way there", async () => {
    const w = await story.start();
    const user = w.user(7101);
    const f = await findSlot(w, story.day(2), at("14:00"));
    const visit = china(f.slot.beginTime);
    story.clock.setTo(new Date(visit.getTime() - 3 * HOUR));
    const record = await book(w, user.id, f);

    const pending = await pendingFor(w.app, reminderJob, record.id);
    expect(pending.map((p) => [p.data.offsetMinutes, p.runAt])).toEqual([
      [120, new Date(visit.getTime() - 2 * HOUR)],
    ]);
    // a redeploy in between loses nothing
    await w.restartBot();
    await runDue(w.app);
    expect(botMessages(user)).toEqual([]);

    story.clock.setTo(new Date(visit.getTime() - 2 * HOUR));
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
    story.clock.advance(HOUR);
    await runDue(w.app);
    expect(botMessages(user)).toHaveLength(2);

    // the reminder's Cancel button opens the cancellation of this booking
    const asked = await user.press(zh.aftercare.cancelButton);
    expect(asked.text.endsWith(zh.cancel.askReason(""))).toBe(true);
    expect(asked.text).toContain(whenText(zh, record.beginTime, record.endTime));
  });

  it("moves the reminder that falls in the quiet hours to the evening before, and warns about cancelling the day before", async () => {
    const w = await story.start();
    const user = w.user(7102);
    const f = await findSlot(w, story.day(3), at("08:00"));
    const record = await book(w, user.id, f);
    const pending = await pendingFor(w.app, reminderJob, record.id);
    expect(pending.map((p) => [p.data.offsetMinutes, p.runAt]).sort()).toEqual(
      [
        [1440, china(`${story.day(2)} 08:00:00`)],
        // two hours before 08:00 is 06:00, inside 22-07: sent at 21:30 the evening before instead
        [120, china(`${story.day(2)} 21:30:00`)],
      ].sort(),
    );

    story.clock.setTo(china(`${story.day(2)} 08:00:00`));
    await runDue(w.app);
    const dayBefore = botMessages(user).filter((m) => m.kind === "text");
    expect(dayBefore.map((m) => m.text)).toEqual([expectedReminder(record, f.hospital, true)]);
    // the day-before reminder says plainly that repeated cancellations or no-shows are restricted
    expect(dayBefore[0]?.text).toMatch(/三次/);

    story.clock.setTo(china(`${story.day(2)} 21:30:00`));
    await runDue(w.app);
    const texts = botMessages(user).filter((m) => m.kind === "text");
    expect(texts.map((m) => m.text)).toEqual([
      expectedReminder(record, f.hospital, true),
      expectedReminder(record, f.hospital, false),
    ]);
    // and nothing in the night
    story.clock.setTo(china(`${story.day(3)} 06:00:00`));
    await runDue(w.app);
    expect(botMessages(user).filter((m) => m.kind === "text")).toHaveLength(2);
  });

  it("sends nothing for a booking the patient cancelled, after warning them about repeated cancellations", async () => {
    const w = await story.start();
    const user = w.user(7103);
    const f = await findSlot(w, story.day(3), () => true);
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
      story.clock.advance(hours * HOUR);
      await runDue(w.app);
    }
    expect(botMessages(user)).toHaveLength(before);
  });

  it("reminds a patient who booked through the bot in English, in English", async () => {
    const w = await story.start();
    const user = w.user(7107, "en");
    await user.say("/book");
    for (let i = 0; i < 4; i++) await user.press(firstButton(user)); // city, hospital, department, doctor
    // a day at least two days ahead, so both reminders are still to come
    const ahead = [2, 3, 4, 5, 6].map((n) => story.day(n).slice(5));
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
    story.clock.setTo(dayBefore.runAt);
    await runDue(w.app);
    const [text] = botMessages(user).slice(before);
    expect(text?.text).toBe(expectedReminder(record, hospital, true, en));
    expect(labels(text)).toEqual([en.aftercare.cancelButton, en.aftercare.calendarButton]);
  });

  it("reminds bookings made before this feature too, in both languages", async () => {
    const w = await story.start();
    const user = w.user(7104);
    const f = await findSlot(w, story.day(2), at("14:00"));
    // an old booking: recorded, with no reminder jobs and no language
    const record = await book(w, user.id, f, undefined);
    await w.app.deps.aftercare.onCancelled(user.id, record);
    expect(await pendingFor(w.app, reminderJob, record.id)).toEqual([]);

    expect(await w.app.deps.aftercare.sweep()).toBeGreaterThanOrEqual(1);
    expect(await pendingFor(w.app, reminderJob, record.id)).toHaveLength(2);
    story.clock.setTo(china(`${story.day(1)} 14:00:00`));
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
    const w = await story.start();
    const user = w.user(7105);
    const f = await findSlot(w, story.day(3), at("14:00"));
    const record = await book(w, user.id, f);
    w.emulator.failNext("sendMessage", {
      error_code: 403,
      description: "Forbidden: bot was blocked by the user",
    });
    story.clock.setTo(china(`${story.day(2)} 14:00:00`));
    await runDue(w.app);
    const calls = w.emulator
      .calls("sendMessage")
      .filter((c) => String(c.payload.chat_id) === String(user.id));
    expect(calls).toHaveLength(1);
    story.clock.setTo(china(`${story.day(3)} 12:00:00`));
    await runDue(w.app);
    expect(
      w.emulator.calls("sendMessage").filter((c) => String(c.payload.chat_id) === String(user.id)),
    ).toHaveLength(1);
    expect(botMessages(user)).toEqual([]);
    expect(story.events().filter((e) => e.kind === "reminder")).toEqual([
      { kind: "reminder", outcome: "blocked" },
      { kind: "reminder", outcome: "blocked" },
    ]);
    expect(record.status).toBe("booked");
  });

  it("sends each reminder once when two bot processes share Redis", async () => {
    const w = await story.start();
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
      now: story.clock.now,
    });
    story.keep(second);
    const f = await findSlot(w, story.day(2), at("14:00"));
    const record = await book(w, user.id, f);
    // the second process schedules the same booking as well, by its sweep and by the booking itself
    await second.deps.aftercare.sweep();
    await second.deps.aftercare.onBooked(user.id, record, { unitId: f.hospital.unitId });
    expect(await pendingFor(w.app, reminderJob, record.id)).toHaveLength(2);

    story.clock.setTo(china(`${story.day(1)} 14:00:00`));
    await runDue(w.app, second);
    story.clock.setTo(china(`${story.day(2)} 12:00:00`));
    await runDue(second, w.app);
    const texts = botMessages(user).filter((m) => m.kind === "text");
    expect(texts.map((m) => m.text)).toEqual([
      expectedReminder(record, f.hospital, true),
      expectedReminder(record, f.hospital, false),
    ]);
  });
});

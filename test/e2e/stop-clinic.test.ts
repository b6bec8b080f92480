// Patient stories of the stop-clinic (停诊) alerts: told once when the booked session has gone from the
// doctor's list at two checks a while apart, not at all for one blank answer; one hospital answer per
// doctor serves every booking on that doctor; the alert's buttons lead into the booking flow.
import { describe, expect, it } from "vitest";
import { whenText } from "../../src/i18n/format.js";
import { zh } from "../../src/i18n/zh.js";
import { stopCheckJob } from "../../src/reminders/aftercare.js";
import { nextGridCheck } from "../../src/reminders/plan.js";
import { windowEnd } from "../../src/schedule/schedule-days.js";
import { chinaToday } from "../../src/time/china-time.js";
import { targetText } from "../../src/watch/messages.js";
import {
  book,
  botMessages,
  findSlot,
  HOUR,
  labels,
  pendingFor,
  runDue,
  useAftercareStories,
} from "../support/aftercare.js";
import { firstWithPlaces } from "../support/world.js";

const story = useAftercareStories();

describe("stop-clinic alerts", () => {
  const CONFIRM_MS = 900_000;

  it("tells the patient once, after a second check confirms the session has gone", async () => {
    const w = await story.start();
    const user = w.user(7201);
    const f = await findSlot(w, story.day(3), () => true);
    const record = await book(w, user.id, f);
    w.sandbox.knobs.stoppedSchedules.push(f.schedule.scheduleId);

    story.clock.setTo(nextGridCheck(story.clock.now(), 21_600));
    await runDue(w.app);
    expect(botMessages(user)).toEqual([]);
    const confirms = (await pendingFor(w.app, stopCheckJob, record.id)).filter((j) =>
      j.id.startsWith("cfm."),
    );
    expect(confirms).toHaveLength(1);

    story.clock.advance(CONFIRM_MS);
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
    expect(story.checks()).toEqual(["missing", "confirmed"]);
    expect(story.events()).toContainEqual({ kind: "stop_alert", outcome: "sent" });
    // the bot cancelled nothing
    expect((await w.app.deps.bookings.get(user.id, record.id))?.status).toBe("booked");
    expect(w.sandbox.orders().find((o) => String(o.orderId) === record.orderId)?.status).not.toBe(
      "cancelled",
    );

    // later checks, the evening-before one included, say nothing more
    for (let i = 0; i < 8; i++) {
      story.clock.advance(6 * HOUR);
      await runDue(w.app);
    }
    expect(botMessages(user).filter((m) => m.text.startsWith("⚠️"))).toHaveLength(1);

    // the buttons lead into the booking flow: this doctor's days, and the department's doctors
    const doctorLabel = zh.doctor.button(f.doctor.name, f.doctor.title);
    const from = chinaToday(story.clock.now());
    const to = windowEnd(from, f.hospital.bookingWindowDays);
    const days = await user.press(zh.aftercare.rebookButton, { messageId: alert?.messageId });
    expect(days.text.startsWith(zh.date.prompt(doctorLabel, from.slice(5), to.slice(5)))).toBe(true);
    const doctors = await user.press(zh.aftercare.otherDoctorsButton, { messageId: alert?.messageId });
    expect(doctors.text).toContain(zh.doctor.prompt(f.hospital.name, f.department.name));
    expect(user.buttons().flat()).toContain(doctorLabel);
    // Watch this doctor: the watch set-up for this doctor, and a watch once it is answered
    const doctorTarget = {
      kind: "doctor" as const,
      unitId: f.hospital.unitId,
      depId: f.department.depId,
      doctorId: f.doctor.doctorId,
    };
    const watch = await user.press(zh.aftercare.watchButton, { messageId: alert?.messageId });
    expect(watch.text).toBe(zh.watch.askDays(await targetText(zh, w.app.catalog, doctorTarget)));
    await user.press(zh.watch.days.window);
    await user.press(zh.watch.sessions.any);
    expect((await w.app.deps.watches.list(user.id)).map((x) => x.target)).toEqual([doctorTarget]);
  });

  it("asks before a stop-clinic button throws away a booking in progress", async () => {
    const w = await story.start();
    const user = w.user(7205);
    const f = await findSlot(w, story.day(3), () => true);
    await book(w, user.id, f);
    w.sandbox.knobs.stoppedSchedules.push(f.schedule.scheduleId);
    story.clock.setTo(nextGridCheck(story.clock.now(), 21_600));
    await runDue(w.app);
    story.clock.advance(CONFIRM_MS);
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
    const w = await story.start();
    const first = await findSlot(w, story.day(3), () => true);
    // another free slot of the same doctor's session, for a second patient
    const slots = await w.app.hospital.listSlots(first.hospital.unitId, first.schedule.scheduleId);
    const other = slots.find((s) => s.available > 0 && s.resourceId !== first.slot.resourceId);
    if (!other) throw new Error("the session should have a second free slot");
    await book(w, w.user(7203).id, first);
    await book(w, w.user(7204).id, { ...first, slot: other });

    const before = w.sandbox.requestCount("/appointment/scheduleList");
    story.clock.setTo(nextGridCheck(story.clock.now(), 21_600));
    await runDue(w.app);
    expect(story.checks()).toEqual(["listed", "listed"]);
    expect(w.sandbox.requestCount("/appointment/scheduleList") - before).toBe(1);
  });

  it("says nothing for one blank schedule answer", async () => {
    const w = await story.start();
    const user = w.user(7202);
    const f = await findSlot(w, story.day(3), () => true);
    const record = await book(w, user.id, f);
    w.sandbox.knobs.emptyScheduleLists = 1;

    story.clock.setTo(nextGridCheck(story.clock.now(), 21_600));
    await runDue(w.app);
    expect(w.sandbox.knobs.emptyScheduleLists).toBe(0);
    expect(
      (await pendingFor(w.app, stopCheckJob, record.id)).filter((j) => j.id.startsWith("cfm.")),
    ).toHaveLength(1);

    story.clock.advance(CONFIRM_MS);
    await runDue(w.app);
    expect((await pendingFor(w.app, stopCheckJob, record.id)).filter((j) => j.id.startsWith("cfm."))).toEqual(
      [],
    );
    story.clock.advance(6 * HOUR);
    await runDue(w.app);
    expect(botMessages(user).filter((m) => m.text.startsWith("⚠️"))).toEqual([]);
    expect(story.checks()).toEqual(["missing", "cleared", "listed"]);
  });
});

// Patient stories of the calendar file (from the booked message and /mybookings, the visit in China time
// with its alarm, only for the patient's own booking) and of erasing a user's reminders with their jobs.
import { describe, expect, it } from "vitest";
import { zh } from "../../src/i18n/zh.js";
import { reminderJob, stopCheckJob } from "../../src/reminders/aftercare.js";
import { calendarUid } from "../../src/reminders/calendar.js";
import { createTrackedStore } from "../../src/reminders/tracked-store.js";
import { chinaWallClockToInstant as china } from "../../src/time/china-time.js";
import {
  book,
  botMessages,
  findSlot,
  labels,
  pendingFor,
  runDue,
  useAftercareStories,
  valuesOf,
} from "../support/aftercare.js";

const story = useAftercareStories();

describe("the calendar entry and the user's data", () => {
  it("sends the .ics from the booked message and from /mybookings, the visit in China time with its alarm", async () => {
    const w = await story.start();
    const user = w.user(7301);
    const { orderId, takeNo } = await w.bookFirstAvailable(user);
    const [record] = await w.app.deps.bookings.list(user.id);
    if (!record) throw new Error("no record");
    // the booked message carries the button (the save-the-patient offer may come after it)
    const booked = botMessages(user).find((m) => labels(m).includes(zh.aftercare.calendarButton));
    if (!booked) throw new Error("no Add to calendar on the booked message");
    expect(booked.text).toContain(orderId);
    // the confirm step told the reminders the patient's language and the very session booked
    const tracked = await createTrackedStore({ redis: w.redis, prefix: w.prefix, now: story.clock.now }).get(
      user.id,
      record.id,
    );
    expect(tracked).toMatchObject({ lang: "zh", unitId: record.unitId });
    expect(tracked?.scheduleId).toMatch(/^\d+$/);

    const turn = await user.press(zh.aftercare.calendarButton, { messageId: booked.messageId });
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
    const w = await story.start();
    const user = w.user(7303);
    const f = await findSlot(w, story.day(3), () => true);
    const record = await book(w, user.id, f);
    const { aftercare } = w.app.deps;
    expect(await aftercare.inventoryOf(user.id)).toMatchObject({ count: 1 });
    // the day-before reminder goes out: its finished job is kept a while as the "done" marker
    story.clock.setTo(china(`${story.day(2)} 12:00:00`));
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

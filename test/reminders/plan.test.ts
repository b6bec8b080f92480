// When reminders and stop-clinic checks fall: the settings' offsets before the visit, out of the quiet
// hours (China time, whatever the server's zone), never in the past, on one grid for every booking.
import { describe, expect, it } from "vitest";
import {
  BEFORE_QUIET_MS,
  checksEndAt,
  inQuietHours,
  nextGridCheck,
  periodOf,
  planReminders,
  preVisitCheck,
} from "../../src/reminders/plan.js";
import { chinaWallClockToInstant as china } from "../../src/time/china-time.js";

const DEFAULTS = { reminderOffsetsMinutes: [1440, 120], quietHours: { startHour: 22, endHour: 7 } };
const HOUR = 3_600_000;

describe("planning reminders", () => {
  it("gives a visit booked 3 hours ahead the 2-hour reminder only", () => {
    const visit = china("2026-12-03 14:00:00");
    const plan = planReminders(visit, new Date(visit.getTime() - 3 * HOUR), DEFAULTS);
    expect(plan).toEqual([{ offsetMinutes: 120, at: china("2026-12-03 12:00:00") }]);
  });

  it("gives a visit booked days ahead the day-before and the 2-hour reminders", () => {
    const visit = china("2026-12-05 14:00:00");
    expect(planReminders(visit, china("2026-12-01 09:00:00"), DEFAULTS)).toEqual([
      { offsetMinutes: 1440, at: china("2026-12-04 14:00:00") },
      { offsetMinutes: 120, at: china("2026-12-05 12:00:00") },
    ]);
  });

  it("moves a reminder that falls in the quiet hours to before they begin", () => {
    // 08:00 visit: two hours before is 06:00, inside 22-07
    const visit = china("2026-12-05 08:00:00");
    const plan = planReminders(visit, china("2026-12-01 09:00:00"), DEFAULTS);
    expect(plan).toEqual([
      { offsetMinutes: 1440, at: china("2026-12-04 08:00:00") },
      { offsetMinutes: 120, at: new Date(china("2026-12-04 22:00:00").getTime() - BEFORE_QUIET_MS) },
    ]);
    expect(plan[1]?.at).toEqual(china("2026-12-04 21:30:00"));
  });

  it("moves a reminder late in the evening back to the same evening, and leaves the hour quiet hours end alone", () => {
    const q = { startHour: 22, endHour: 7 };
    expect(inQuietHours(china("2026-12-04 23:10:00"), q)).toBe(true);
    expect(inQuietHours(china("2026-12-04 06:59:00"), q)).toBe(true);
    expect(inQuietHours(china("2026-12-04 07:00:00"), q)).toBe(false);
    expect(inQuietHours(china("2026-12-04 21:59:00"), q)).toBe(false);
    const plan = planReminders(china("2026-12-06 01:00:00"), china("2026-12-01 09:00:00"), {
      reminderOffsetsMinutes: [120],
      quietHours: q,
    });
    expect(plan).toEqual([{ offsetMinutes: 120, at: china("2026-12-05 21:30:00") }]);
  });

  it("keeps quiet hours that do not wrap past midnight, and none at all when unset", () => {
    const visit = china("2026-12-05 16:00:00");
    const now = china("2026-12-01 09:00:00");
    const lunch = { reminderOffsetsMinutes: [180], quietHours: { startHour: 12, endHour: 14 } };
    expect(planReminders(visit, now, lunch)).toEqual([
      { offsetMinutes: 180, at: china("2026-12-05 11:30:00") },
    ]);
    expect(planReminders(visit, now, { ...lunch, quietHours: null })).toEqual([
      { offsetMinutes: 180, at: china("2026-12-05 13:00:00") },
    ]);
  });

  it("skips a reminder moved into the past, and makes one of two moved to the same instant", () => {
    const visit = china("2026-12-05 08:00:00");
    // 10 h and 9 h before are 22:00 and 23:00, both moved to 21:30
    const both = { reminderOffsetsMinutes: [600, 540], quietHours: { startHour: 22, endHour: 7 } };
    expect(planReminders(visit, china("2026-12-01 09:00:00"), both)).toEqual([
      { offsetMinutes: 600, at: china("2026-12-04 21:30:00") },
    ]);
    // booked at 21:45 the evening before: the moved reminder would be in the past
    expect(planReminders(visit, china("2026-12-04 21:45:00"), both)).toEqual([]);
  });
});

describe("planning stop-clinic checks", () => {
  it("puts every booking's checks on one grid, so one schedule answer serves them all", () => {
    const a = nextGridCheck(new Date("2026-12-01T01:02:03Z"), 21_600);
    const b = nextGridCheck(new Date("2026-12-01T05:59:59Z"), 21_600);
    expect(a).toEqual(new Date("2026-12-01T06:00:00Z"));
    expect(b).toEqual(a);
  });

  it("checks once more on the evening before the visit and stops when the visit's day begins", () => {
    expect(preVisitCheck("2026-12-05 08:00:00")).toEqual(china("2026-12-04 18:00:00"));
    expect(checksEndAt("2026-12-05 14:30:00")).toEqual(china("2026-12-05 00:00:00"));
  });

  it("tells the session of a booked time", () => {
    expect(periodOf("2026-12-05 08:00:00")).toBe("am");
    expect(periodOf("2026-12-05 11:30:00")).toBe("am");
    expect(periodOf("2026-12-05 14:00:00")).toBe("pm");
    expect(periodOf("2026-12-05 18:30:00")).toBe("em");
  });
});

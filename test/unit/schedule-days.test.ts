import { describe, expect, it } from "vitest";
import type { Schedule } from "../../src/hospital/types.js";
import { daysWithSessions, formatFee, windowEnd } from "../../src/schedule/schedule-days.js";

const session = (date: string, period: Schedule["period"], available: number): Schedule => ({
  scheduleId: `${date}${period}`,
  unitId: "1",
  depId: "2",
  doctorId: "3",
  date,
  period,
  levelName: "普通号",
  fee: 25,
  capacity: 10,
  available,
});

describe("the date step's days", () => {
  it("lists only days with sessions inside the window, mornings first, with places added up", () => {
    const days = daysWithSessions(
      [
        session("2026-12-02", "pm", 2),
        session("2026-12-01", "em", 0),
        session("2026-12-02", "am", 3),
        session("2026-12-20", "am", 5),
      ],
      "2026-11-29",
      "2026-12-13",
    );
    expect(days.map((d) => [d.date, d.free, d.sessions.map((s) => s.period)])).toEqual([
      ["2026-12-01", 0, ["em"]],
      ["2026-12-02", 5, ["am", "pm"]],
    ]);
  });

  it("ends the window the hospital's number of days after today, across a month end", () => {
    expect(windowEnd("2026-11-29", 14)).toBe("2026-12-13");
    expect(windowEnd("2026-12-31", 7)).toBe("2027-01-07");
  });

  it("shows whole-yuan fees without decimals and others with two", () => {
    expect(formatFee(25)).toBe("25");
    expect(formatFee(18.5)).toBe("18.50");
  });
});

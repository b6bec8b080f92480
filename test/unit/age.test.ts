import { describe, expect, it } from "vitest";
import { ageOn, isMinor } from "../../src/patient/age.js";
import { todayInChina } from "../../src/patient/calendar.js";

describe("age and majority", () => {
  it("counts whole years, adding one only on the birthday itself", () => {
    expect(ageOn("2015-03-07", "2025-03-06")).toBe(9);
    expect(ageOn("2015-03-07", "2025-03-07")).toBe(10);
    expect(ageOn("2025-06-01", "2025-06-01")).toBe(0);
  });

  it("keeps a patient a minor the day before their 18th birthday and an adult on it", () => {
    expect(isMinor("2007-06-02", "2025-06-01")).toBe(true); // 17 years and 364 days
    expect(isMinor("2007-06-01", "2025-06-01")).toBe(false);
  });

  it("gives someone born on 29 February their birthday on 1 March in a common year", () => {
    expect(ageOn("2008-02-29", "2026-02-28")).toBe(17);
    expect(ageOn("2008-02-29", "2026-03-01")).toBe(18);
  });

  it("decides 'today' by the clock in China, not the server's", () => {
    // 16:30 UTC on 6 June is already 00:30 on 7 June in Shanghai: the 18th birthday has arrived there.
    const chinaMidnightJustPassed = new Date("2025-06-06T16:30:00Z");
    expect(todayInChina(chinaMidnightJustPassed)).toBe("2025-06-07");
    expect(isMinor("2007-06-07", todayInChina(chinaMidnightJustPassed))).toBe(false);
    expect(isMinor("2007-06-07", todayInChina(new Date("2025-06-06T15:59:59Z")))).toBe(true);
  });
});

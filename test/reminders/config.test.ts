// The reminder and stop-clinic settings as an operator writes them: defaults, "none", and clear errors.
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.js";

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
}

describe("aftercare configuration", () => {
  it("defaults to the day before and two hours before, quiet 22-07, checks every 6 hours", () => {
    expect(loadConfig({}).aftercare).toEqual({
      reminderOffsetsMinutes: [1440, 120],
      quietHours: { startHour: 22, endHour: 7 },
      stopClinicCheckSeconds: 21_600,
      stopClinicConfirmSeconds: 900,
    });
  });

  it("reads offsets in any order without repeats, and empty values as none", () => {
    const c = loadConfig({ REMINDER_BEFORE_MINUTES: " 60, 2880,60 ", REMINDER_QUIET_HOURS: "" });
    expect(c.aftercare.reminderOffsetsMinutes).toEqual([2880, 60]);
    expect(c.aftercare.quietHours).toBeNull();
    expect(loadConfig({ REMINDER_BEFORE_MINUTES: "" }).aftercare.reminderOffsetsMinutes).toEqual([]);
    expect(loadConfig({ REMINDER_QUIET_HOURS: "13 - 15" }).aftercare.quietHours).toEqual({
      startHour: 13,
      endHour: 15,
    });
  });

  it("names the variable when a value cannot be read", () => {
    expect(problems({ REMINDER_BEFORE_MINUTES: "1 day" })[0]).toMatch(/^REMINDER_BEFORE_MINUTES: /);
    expect(problems({ REMINDER_BEFORE_MINUTES: "0" })[0]).toMatch(/^REMINDER_BEFORE_MINUTES: /);
    expect(problems({ REMINDER_QUIET_HOURS: "22-22" })[0]).toMatch(/^REMINDER_QUIET_HOURS: /);
    expect(problems({ REMINDER_QUIET_HOURS: "24-07" })[0]).toMatch(/^REMINDER_QUIET_HOURS: /);
    expect(problems({ STOPCLINIC_CHECK_SECONDS: "10" })[0]).toMatch(/^STOPCLINIC_CHECK_SECONDS: /);
  });
});

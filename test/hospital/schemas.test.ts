import { describe, expect, it } from "vitest";
import { toSchedule } from "../../src/hospital/normalise.js";
import {
  availability,
  parseCycleDays,
  parseDoctorGender,
  parseOpenTime,
  parsePayType,
  parsePeriod,
  scheduleWire,
  unitWire,
  wireId,
} from "../../src/hospital/schemas.js";

describe("wire schemas read the API's drifting types", () => {
  it("accepts IDs as int or string and always yields a string", () => {
    expect(wireId.parse(106)).toBe("106");
    expect(wireId.parse(" 106 ")).toBe("106");
    expect(wireId.safeParse("").success).toBe(false);
    expect(wireId.safeParse(null).success).toBe(false);
  });

  it("reads the release time as HH:mm or from a full datetime, else 08:00", () => {
    expect(parseOpenTime("14:20")).toEqual({ hour: 14, minute: 20 });
    expect(parseOpenTime("7:30:00")).toEqual({ hour: 7, minute: 30 });
    expect(parseOpenTime("2023-04-24 17:03:28")).toEqual({ hour: 17, minute: 3 });
    expect(parseOpenTime("2023-04-24T06:15:00")).toEqual({ hour: 6, minute: 15 });
    expect(parseOpenTime("25:00")).toEqual({ hour: 8, minute: 0 });
    expect(parseOpenTime("soon")).toEqual({ hour: 8, minute: 0 });
    expect(parseOpenTime(null)).toEqual({ hour: 8, minute: 0 });
  });

  it("reads the booking window from a numeric string, else 7 days", () => {
    expect(parseCycleDays("14")).toBe(14);
    expect(parseCycleDays(30)).toBe(30);
    expect(parseCycleDays("gyjq45")).toBe(7);
    expect(parseCycleDays("")).toBe(7);
    expect(parseCycleDays("-3")).toBe(7);
    expect(parseCycleDays(undefined)).toBe(7);
  });

  it("maps payType strings and keeps unknown values unknown", () => {
    expect(parsePayType("0")).toBe("onsite");
    expect(parsePayType(1)).toBe("online");
    expect(parsePayType("0bep04")).toBe("unknown");
  });

  it("reads the doctor list's gender as 1 male, 0 female", () => {
    expect(parseDoctorGender(1)).toBe("male");
    expect(parseDoctorGender("0")).toBe("female");
    expect(parseDoctorGender(2)).toBe("unknown");
    expect(parseDoctorGender(undefined)).toBe("unknown");
  });

  it("reads the period from the code, or from the Chinese description", () => {
    expect(parsePeriod("AM", "")).toBe("am");
    expect(parsePeriod("", "下午")).toBe("pm");
    expect(parsePeriod(undefined, "晚班")).toBe("em");
    expect(parsePeriod("x", "qz9hv5")).toBeNull();
  });

  it("never reports negative availability", () => {
    expect(availability(107, 641)).toBe(0);
    expect(availability(10, 3)).toBe(7);
  });

  it("tolerates missing text fields on a hospital", () => {
    const parsed = unitWire.parse({ unitId: 5, unitName: null });
    expect(parsed.unitName).toBe("");
    expect(parsed.cityName).toBe("");
  });

  it("drops a schedule whose day or period cannot be read rather than guessing", () => {
    const q = { unitId: "1", depId: "2", doctorId: "3" };
    const w = scheduleWire.parse({ scheduleId: "s", scheduleDate: "soon", timeType: "am" });
    expect(toSchedule(w, q)).toBeNull();
    const good = scheduleWire.parse({
      scheduleId: 9,
      scheduleDate: "2024-05-01",
      timeType: "pm",
      resourceMax: "10",
      appointedNum: 4,
      resourceFee: "12.5",
    });
    expect(toSchedule(good, q)).toMatchObject({
      scheduleId: "9",
      unitId: "1",
      date: "2024-05-01",
      period: "pm",
      fee: 12.5,
      capacity: 10,
      available: 6,
    });
  });
});

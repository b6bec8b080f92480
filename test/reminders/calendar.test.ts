// The visit's .ics: what a calendar shows (China time, the hospital, order number and pickup code, an
// alert two hours before) and the RFC 5545 structure Google, Apple and Outlook import without warnings.
import { describe, expect, it } from "vitest";
import type { BookingRecord } from "../../src/bookings/record.js";
import { en } from "../../src/i18n/en.js";
import { zh } from "../../src/i18n/zh.js";
import { calendarFileName, calendarUid, visitCalendar } from "../../src/reminders/calendar.js";

const record: BookingRecord = {
  id: "100042",
  orderId: "100042",
  takeNo: "172132",
  unitId: "101",
  hospital: "深圳市人民医院",
  department: "心血管内科",
  doctor: "贺玉婷 · 副主任医师",
  beginTime: "2026-12-03 09:00:00",
  endTime: "2026-12-03 09:30:00",
  fee: 50,
  patientMasked: "张*",
  status: "booked",
  placedAt: "2026-12-01T01:00:00.000Z",
};
const hospital = {
  // long enough, in three-byte characters, that the LOCATION line must be folded
  address: "深圳市罗湖区东门北路1017号（地铁三号线晒布站A出口向北步行约三百米，医院正门对面即是）",
  telephone: "0755-25533018",
  mapPoint: "114.124584,22.556987",
};
const NOW = new Date("2026-12-01T14:15:16Z");

/** Content lines: CRLF-separated physical lines with folds (CRLF + space or tab) joined again. */
function contentLines(ics: string): string[] {
  return ics
    .replace(/\r\n[ \t]/g, "")
    .split("\r\n")
    .filter((l) => l !== "");
}

function unescapeText(v: string): string {
  return v.replace(/\\([nN;,\\])/g, (_, c: string) => (c === "n" || c === "N" ? "\n" : c));
}

/** The property lines of each component, by name, as nested BEGIN/END blocks. */
function components(lines: string[]): Array<{ name: string; props: string[]; parent: string | undefined }> {
  const stack: Array<{ name: string; props: string[]; parent: string | undefined }> = [];
  const out: typeof stack = [];
  for (const line of lines) {
    if (line.startsWith("BEGIN:")) {
      const c = { name: line.slice(6), props: [], parent: stack.at(-1)?.name };
      stack.push(c);
      out.push(c);
    } else if (line.startsWith("END:")) {
      const c = stack.pop();
      expect(c?.name, `END:${line.slice(4)} closes ${c?.name}`).toBe(line.slice(4));
    } else {
      const c = stack.at(-1);
      if (!c) throw new Error(`property outside any component: ${line}`);
      c.props.push(line);
    }
  }
  expect(stack).toEqual([]);
  return out;
}

const prop = (props: string[], name: string) =>
  props.filter((p) => p.startsWith(`${name}:`) || p.startsWith(`${name};`));

describe("the visit's calendar file", () => {
  const ics = visitCalendar({ record, hospital, t: zh, now: NOW });

  it("follows RFC 5545's line rules: CRLF only, folded at 75 octets, never inside a character", () => {
    expect(ics.endsWith("END:VCALENDAR\r\n")).toBe(true);
    const physical = ics.slice(0, -2).split("\r\n");
    for (const line of physical) {
      expect(line).not.toMatch(/[\r\n]/);
      expect(Buffer.byteLength(line, "utf8"), line).toBeLessThanOrEqual(75);
      // a fold that cut a multi-byte character would leave a replacement character here
      expect(line).not.toContain("\uFFFD");
    }
    expect(
      physical.some((l) => l.startsWith(" ")),
      "the long location is folded",
    ).toBe(true);
  });

  it("has the calendar's and the event's required properties, once each", () => {
    const all = components(contentLines(ics));
    const [cal] = all;
    expect(cal?.name).toBe("VCALENDAR");
    expect(cal?.parent).toBeUndefined();
    expect(prop(cal?.props ?? [], "VERSION")).toEqual(["VERSION:2.0"]);
    expect(prop(cal?.props ?? [], "PRODID")).toHaveLength(1);
    const events = all.filter((c) => c.name === "VEVENT");
    expect(events).toHaveLength(1);
    const ev = events[0]?.props ?? [];
    for (const name of ["UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "LOCATION", "DESCRIPTION"]) {
      expect(prop(ev, name), name).toHaveLength(1);
    }
    // DTSTAMP is UTC (§3.8.7.2)
    expect(prop(ev, "DTSTAMP")).toEqual(["DTSTAMP:20261201T141516Z"]);
  });

  it("gives the visit a stable UID, its China-time start and end, and a VTIMEZONE for that zone", () => {
    const all = components(contentLines(ics));
    const ev = all.find((c) => c.name === "VEVENT")?.props ?? [];
    expect(prop(ev, "UID")).toEqual([`UID:${calendarUid("100042")}`]);
    expect(prop(ev, "DTSTART")).toEqual(["DTSTART;TZID=Asia/Shanghai:20261203T090000"]);
    expect(prop(ev, "DTEND")).toEqual(["DTEND;TZID=Asia/Shanghai:20261203T093000"]);
    const zones = all.filter((c) => c.name === "VTIMEZONE");
    expect(zones.map((z) => prop(z.props, "TZID"))).toEqual([["TZID:Asia/Shanghai"]]);
    const standard = all.find((c) => c.name === "STANDARD" && c.parent === "VTIMEZONE")?.props ?? [];
    expect(standard).toEqual(expect.arrayContaining(["TZOFFSETFROM:+0800", "TZOFFSETTO:+0800"]));
    // the same order written again later is the same entry
    const later = visitCalendar({ record, hospital, t: en, now: new Date("2026-12-02T00:00:00Z") });
    expect(contentLines(later)).toContain(`UID:${calendarUid("100042")}`);
  });

  it("names the hospital as the location and carries the order number and pickup code", () => {
    const ev = components(contentLines(ics)).find((c) => c.name === "VEVENT")?.props ?? [];
    const location = unescapeText(prop(ev, "LOCATION")[0]?.replace(/^LOCATION[^:]*:/, "") ?? "");
    expect(location).toBe(`${record.hospital}, ${hospital.address}`);
    const description = unescapeText(prop(ev, "DESCRIPTION")[0]?.replace(/^DESCRIPTION:/, "") ?? "");
    expect(description).toBe(
      zh.aftercare.calendar.description({
        orderId: "100042",
        takeNo: "172132",
        department: record.department,
        doctor: record.doctor,
        telephone: hospital.telephone,
      }),
    );
    expect(prop(ev, "SUMMARY")).toEqual([
      `SUMMARY:${zh.aftercare.calendar.summary(record.hospital, record.department)}`,
    ]);
    expect(prop(ev, "GEO")).toEqual(["GEO:22.556987;114.124584"]);
  });

  it("alerts two hours before with a display alarm that has its description", () => {
    const alarms = components(contentLines(ics)).filter((c) => c.name === "VALARM");
    expect(alarms).toHaveLength(1);
    expect(alarms[0]?.parent).toBe("VEVENT");
    const a = alarms[0]?.props ?? [];
    expect(prop(a, "ACTION")).toEqual(["ACTION:DISPLAY"]);
    expect(prop(a, "TRIGGER")).toEqual(["TRIGGER:-PT2H"]);
    expect(prop(a, "DESCRIPTION")).toEqual([`DESCRIPTION:${zh.aftercare.calendar.alarm(record.hospital)}`]);
  });

  it("writes the same China-time start whatever zone the server runs in", () => {
    const before = process.env.TZ;
    try {
      process.env.TZ = "America/New_York";
      const elsewhere = visitCalendar({ record, hospital, t: zh, now: NOW });
      expect(contentLines(elsewhere)).toContain("DTSTART;TZID=Asia/Shanghai:20261203T090000");
      expect(contentLines(elsewhere)).toContain("DTSTAMP:20261201T141516Z");
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  });

  it("names the file after the order, safely", () => {
    expect(calendarFileName("100042")).toBe("visit-100042.ics");
    expect(calendarFileName("a/b:c")).toBe("visit-a_b_c.ics");
  });
});

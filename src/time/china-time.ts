// Every date the patient sees or the hospital receives is China time, wherever the bot runs.
import { TZDate } from "@date-fns/tz";
import { addDays, format, parse } from "date-fns";
import type { IsoDate } from "../hospital/types.js";

export const CHINA_TZ = "Asia/Shanghai";

export function chinaNow(now: Date = new Date()): TZDate {
  return new TZDate(now.getTime(), CHINA_TZ);
}

// Both are called many times per update (every question of the patient step, every day of a calendar):
// through date-fns they cost 15–35 µs each, a noticeable share of the bot's CPU in the benchmark.
const CHINA_DAY = new Intl.DateTimeFormat("en-US", {
  timeZone: CHINA_TZ,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Today's date in China, `yyyy-MM-dd`. */
export function chinaToday(now: Date = new Date()): IsoDate {
  let y = "";
  let m = "";
  let d = "";
  for (const part of CHINA_DAY.formatToParts(now)) {
    if (part.type === "year") y = part.value;
    else if (part.type === "month") m = part.value;
    else if (part.type === "day") d = part.value;
  }
  return `${y}-${m}-${d}`;
}

export function addDaysIso(date: IsoDate, days: number): IsoDate {
  return format(addDays(parseIso(date), days), "yyyy-MM-dd");
}

/** A plain calendar date (no zone): safe for weekday and day arithmetic. */
export function parseIso(date: IsoDate): Date {
  const m = ISO_DATE.exec(date);
  if (m) {
    const [y, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const local = new Date(y, month - 1, day);
    // what date-fns would reject (a 30 February) or read differently (years before 1000) goes to it
    if (y >= 1000 && local.getMonth() === month - 1 && local.getDate() === day) return local;
  }
  return parse(date, "yyyy-MM-dd", new Date(2000, 0, 1));
}

/** 0 = Sunday … 6 = Saturday */
export function weekdayOf(date: IsoDate): number {
  return parseIso(date).getDay();
}

/** The instant a China-time wall-clock `yyyy-MM-dd HH:mm[:ss]` denotes. */
export function chinaWallClockToInstant(wall: string): Date {
  const [d, t = "00:00:00"] = wall.split(" ");
  const [y, m, day] = (d ?? "").split("-").map(Number);
  const [hh, mm, ss] = t.split(":").map(Number);
  return new Date(
    new TZDate(y ?? 1970, (m ?? 1) - 1, day ?? 1, hh ?? 0, mm ?? 0, ss ?? 0, CHINA_TZ).getTime(),
  );
}

/** `HH:mm` of a `yyyy-MM-dd HH:mm:ss` wall-clock string. */
export function clockOf(wall: string): string {
  return wall.slice(11, 16);
}

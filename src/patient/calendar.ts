// Calendar days in China time. Every date the bot reasons about (birthdays, "today", booking days) is
// a China calendar day, wherever the bot's server happens to run.
import { tz } from "@date-fns/tz";
import { format } from "date-fns";
import type { IsoDate } from "../hospital/types.js";

const CHINA = tz("Asia/Shanghai");

export function todayInChina(now: Date = new Date()): IsoDate {
  return format(now, "yyyy-MM-dd", { in: CHINA });
}

export interface DayParts {
  year: number;
  month: number;
  day: number;
}

/** The ISO day for these parts, or null when no such day exists (Feb 30, month 13). */
export function isoDateOf(year: number, month: number, day: number): IsoDate | null {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return null;
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) return null;
  if (day > daysInMonth(year, month)) return null;
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** True for a real day written exactly as `yyyy-MM-dd`. */
export function isIsoDate(s: string): boolean {
  return splitIsoDate(s) !== null;
}

export function splitIsoDate(s: string): DayParts | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isoDateOf(year, month, day) === null ? null : { year, month, day };
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

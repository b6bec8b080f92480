// How an appointment's time reads to the patient, in one place for the confirm step, /mybookings and
// /cancel. Wall-clock strings are China time already; they are shown as they are, never converted.
import { clockOf, weekdayOf } from "../time/china-time.js";
import type { Locale } from "./index.js";

/** 2025-03-07（周五）09:00–09:30 */
export function whenText(t: Locale, beginTime: string, endTime: string): string {
  const date = beginTime.slice(0, 10);
  return t.date.when(date, weekdayOf(date), clockOf(beginTime), clockOf(endTime));
}

/** 03-07 09:00: short enough for a button label */
export function shortWhen(beginTime: string): string {
  return `${beginTime.slice(5, 10)} ${clockOf(beginTime)}`;
}

// A birthday as patients type it. Chinese users write dates many ways; we accept the common ones and
// refuse anything ambiguous (no two-digit years, no day-first orders).
import type { IsoDate } from "../hospital/types.js";
import { isoDateOf, todayInChina } from "./calendar.js";
import { accept, type Parsed, reject } from "./parsed.js";
import type { ProblemsOf } from "./problems.js";
import { compact } from "./text.js";

export type BirthdayProblem = ProblemsOf<"birthday">;

/** Nobody alive was born earlier; an earlier year is a typo (1090 for 1990). */
export const EARLIEST_BIRTHDAY: IsoDate = "1900-01-01";

const FORMS = [
  /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$/, // 2015-03-07, 2015/3/7, 2015.3.7
  /^(\d{4})()(\d{2})(\d{2})$/, // 20150307
  /^(\d{4})(年)(\d{1,2})月(\d{1,2})[日号]?$/, // 2015年3月7日
];

export function parseBirthday(
  raw: string,
  today: IsoDate = todayInChina(),
): Parsed<IsoDate, BirthdayProblem> {
  const text = compact(raw);
  for (const form of FORMS) {
    const m = form.exec(text);
    if (!m) continue;
    const iso = isoDateOf(Number(m[1]), Number(m[3]), Number(m[4]));
    if (iso === null) return reject("birthday.not_a_date");
    const range = birthdayRangeProblem(iso, today);
    return range === null ? accept(iso) : reject(range);
  }
  return reject("birthday.format");
}

/** Shared with the ID card, whose embedded birthday obeys the same bounds. */
export function birthdayRangeProblem(
  birthday: IsoDate,
  today: IsoDate,
): "birthday.future" | "birthday.before_1900" | null {
  // yyyy-MM-dd strings order the same way as the days they name.
  if (birthday > today) return "birthday.future";
  if (birthday < EARLIEST_BIRTHDAY) return "birthday.before_1900";
  return null;
}

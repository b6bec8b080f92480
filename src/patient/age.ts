// Age in completed years, as Chinese law counts it for majority: a person is an adult from their
// 18th birthday. Someone born on 29 February has their birthday on 1 March in common years.
import type { IsoDate } from "../hospital/types.js";
import { splitIsoDate, todayInChina } from "./calendar.js";

export const AGE_OF_MAJORITY = 18;

export function ageOn(birthday: IsoDate, today: IsoDate): number {
  const born = splitIsoDate(birthday);
  const now = splitIsoDate(today);
  if (born === null || now === null) throw new Error("ageOn needs two yyyy-MM-dd dates");
  const hadBirthday = now.month > born.month || (now.month === born.month && now.day >= born.day);
  return now.year - born.year - (hadBirthday ? 0 : 1);
}

/** Minors need a guardian on the order. */
export function isMinor(birthday: IsoDate, today: IsoDate = todayInChina()): boolean {
  return ageOn(birthday, today) < AGE_OF_MAJORITY;
}

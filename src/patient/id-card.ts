// The mainland resident ID number (GB 11643-1999): 6-digit region, 8-digit birthday, 3-digit sequence
// whose last digit gives the sex, and an ISO 7064 MOD 11-2 check character. Checking it here catches
// most typos before the hospital refuses the order.
import type { IsoDate, Sex } from "../hospital/types.js";
import { birthdayRangeProblem } from "./birthday.js";
import { isoDateOf, todayInChina } from "./calendar.js";
import { accept, type Parsed, reject } from "./parsed.js";
import type { ProblemsOf } from "./problems.js";
import { compact } from "./text.js";

export type IdCardProblem = ProblemsOf<"id_card">;

export interface IdCard {
  /** 18 characters, check character upper-case */
  number: string;
  birthday: IsoDate;
  sex: Sex;
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = "10X98765432";

// Provinces (GB/T 2260), plus 71 Taiwan, 81 Hong Kong, 82 Macau and 83 for the residence permits of
// Taiwan residents, which share this number format.
const PROVINCE_CODES =
  "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65";
const PROVINCES = new Set(`${PROVINCE_CODES} 71 81 82 83`.split(" "));

export function parseIdCard(raw: string, today: IsoDate = todayInChina()): Parsed<IdCard, IdCardProblem> {
  const number = compact(raw).toUpperCase();
  if (number.length !== 18) return reject("id_card.length");
  if (!/^\d{17}[\dX]$/.test(number)) return reject("id_card.characters");
  if (!PROVINCES.has(number.slice(0, 2))) return reject("id_card.region");
  const birthday = isoDateOf(
    Number(number.slice(6, 10)),
    Number(number.slice(10, 12)),
    Number(number.slice(12, 14)),
  );
  if (birthday === null || birthdayRangeProblem(birthday, today) !== null) return reject("id_card.birthday");
  if (idCardCheckChar(number.slice(0, 17)) !== number[17]) return reject("id_card.checksum");
  const sex: Sex = Number(number[16]) % 2 === 1 ? "male" : "female";
  return accept({ number, birthday, sex });
}

/** The check character for the first 17 digits. */
export function idCardCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error("idCardCheckChar needs exactly 17 digits");
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS[sum % 11] ?? "";
}

/** Appends the check character: for tests and the sandbox, which need numbers that pass the checksum. */
export function completeIdCardNumber(first17: string): string {
  return first17 + idCardCheckChar(first17);
}

/** A checksum-valid number for a person born on `birthday`; an odd `sequence` makes a man. */
export function makeIdCardNumber(region6: string, birthday: IsoDate, sequence: number): string {
  if (!/^\d{6}$/.test(region6)) throw new Error("makeIdCardNumber needs a 6-digit region code");
  if (!/^\d{4}-\d{2}-\d{2}$/.test(birthday)) throw new Error("makeIdCardNumber needs a yyyy-MM-dd birthday");
  if (!Number.isInteger(sequence) || sequence < 0 || sequence > 999) {
    throw new Error("makeIdCardNumber needs a sequence from 0 to 999");
  }
  return completeIdCardNumber(region6 + birthday.replaceAll("-", "") + String(sequence).padStart(3, "0"));
}

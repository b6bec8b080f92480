// Mainland mobile numbers. Telegram's shared contact arrives as "+8613812345678" or "8613812345678",
// and people type groups with spaces or dashes; the hospital wants the bare 11 digits.
import { accept, type Parsed, reject } from "./parsed.js";
import type { ProblemsOf } from "./problems.js";
import { foldWidth } from "./text.js";

export type MobileProblem = ProblemsOf<"mobile">;

const MAINLAND_MOBILE = /^1[3-9]\d{9}$/;

export function parseMobile(raw: string): Parsed<string, MobileProblem> {
  const digits = foldWidth(raw).replace(/[\s\-()]/gu, "");
  const national = digits.replace(/^(\+86|0086|86)(?=\d{11}$)/, "");
  return MAINLAND_MOBILE.test(national) ? accept(national) : reject("mobile.format");
}

export function isMainlandMobile(raw: string): boolean {
  return parseMobile(raw).ok;
}

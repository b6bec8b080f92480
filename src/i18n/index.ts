// Picks the patient's language: their own choice (/language) first, else their Telegram client's.
import type { ProblemCode } from "../patient/problems.js";
import { en } from "./en.js";
import { type Locale, zh } from "./zh.js";

export type { Locale };
export type Lang = "zh" | "en";
export const LANGS: readonly Lang[] = ["zh", "en"];

const locales: Record<Lang, Locale> = { zh, en };

export function localeFor(lang: Lang): Locale {
  return locales[lang];
}

/** Chinese for zh-* clients, English for everyone else. */
export function langFromTelegram(languageCode: string | undefined): Lang {
  return languageCode?.toLowerCase().startsWith("zh") ? "zh" : "en";
}

export type { ProblemCode };

/** The patient-facing hint for a problem code; every code has one in every locale (checked by the types). */
export function problemText(locale: Locale, code: ProblemCode): string {
  return locale.problems[code];
}

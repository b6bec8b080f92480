// Picks the patient's language: their own choice (/language) first, else their Telegram client's.
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

export type ProblemCode = keyof Locale["problems"];

/** The patient-facing hint for a validation problem code; unknown codes get the generic mismatch text. */
export function problemText(locale: Locale, code: string): string {
  return code in locale.problems ? locale.problems[code as ProblemCode] : locale.problems["patient.mismatch"];
}

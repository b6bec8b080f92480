// The patient's real name exactly as on the certificate, because the hospital matches the two.
// Minority names join their parts with a middle dot, which keyboards produce in several look-alike
// forms; foreigners' names are Latin words joined by spaces, hyphens or apostrophes.
import { accept, type Parsed, reject } from "./parsed.js";
import type { ProblemsOf } from "./problems.js";
import { charCount, tidy } from "./text.js";

export type NameProblem = ProblemsOf<"name">;

export const NAME_MIN_CHARS = 2;
export const NAME_MAX_CHARS = 30;

const MIDDLE_DOT = "·";
const DOT_LOOKALIKES = /[·・•‧⋅∙.]/gu;
const HAN_NAME = /^\p{Script=Han}+(?:·\p{Script=Han}+)*$/u;
const LATIN_NAME = /^\p{Script=Latin}+(?:[ '-]\p{Script=Latin}+)*$/u;

export function parseName(raw: string): Parsed<string, NameProblem> {
  const name = normalise(tidy(raw));
  const length = charCount(name);
  if (length < NAME_MIN_CHARS || length > NAME_MAX_CHARS) return reject("name.length");
  return HAN_NAME.test(name) || LATIN_NAME.test(name) ? accept(name) : reject("name.characters");
}

function normalise(name: string): string {
  if (/\p{Script=Han}/u.test(name)) {
    // Spaces typed between the characters of a Chinese name are not part of it.
    return name.replace(/\s/gu, "").replace(DOT_LOOKALIKES, MIDDLE_DOT);
  }
  return name.replace(/\s*-\s*/gu, "-").replace(/[’‘`´]/gu, "'");
}

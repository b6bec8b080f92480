import { describe, expect, it } from "vitest";
import { en } from "../../src/i18n/en.js";
import { problemText } from "../../src/i18n/index.js";
import { zh } from "../../src/i18n/zh.js";
import { PROBLEM_CODES } from "../../src/patient/problems.js";

describe("problem texts", () => {
  it("give every problem code its own text in both languages", () => {
    for (const locale of [zh, en]) {
      for (const code of PROBLEM_CODES) {
        const text = problemText(locale, code);
        expect([code, text.trim().length > 0]).toEqual([code, true]);
      }
      // the patient hears what is wrong, not the generic "answers do not agree"
      for (const code of ["choice.unknown", "relation.unknown", "contact.not_own"] as const) {
        expect(problemText(locale, code)).not.toBe(locale.problems["patient.mismatch"]);
      }
    }
    expect(Object.keys(zh.problems).sort()).toEqual([...PROBLEM_CODES].sort());
  });
});

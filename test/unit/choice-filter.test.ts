import { describe, expect, it } from "vitest";
import { CERTIFICATE_KINDS } from "../../src/hospital/types.js";
import { en } from "../../src/i18n/en.js";
import { zh } from "../../src/i18n/zh.js";
import { matchChoice } from "../../src/patient/choice-filter.js";
import { GUARDIAN_RELATIONS } from "../../src/patient/relation.js";

const SEXES = ["male", "female"] as const;
const certLabels = (c: string) => [zh, en].map((t) => t.certificate[c as keyof typeof zh.certificate]);
const sexLabels = (c: string) => [zh, en].map((t) => t.sex[c as keyof typeof zh.sex]);
const relationLabels = (c: string) => [zh, en].map((t) => t.relation[c as keyof typeof zh.relation]);

describe("a word typed at a question with buttons", () => {
  it("answers it when it names one choice, in either language, by code, label, part or pinyin", () => {
    expect(matchChoice(SEXES, "男", sexLabels)).toEqual({ kind: "one", value: "male" });
    expect(matchChoice(SEXES, " Female ", sexLabels)).toEqual({ kind: "one", value: "female" });
    // "male" is inside "female", but an exact name wins
    expect(matchChoice(SEXES, "male", sexLabels)).toEqual({ kind: "one", value: "male" });
    expect(matchChoice(CERTIFICATE_KINDS, "护照", certLabels)).toEqual({ kind: "one", value: "passport" });
    expect(matchChoice(CERTIFICATE_KINDS, "ｐａｓｓｐｏｒｔ", certLabels)).toEqual({
      kind: "one",
      value: "passport",
    });
    expect(matchChoice(CERTIFICATE_KINDS, "身份证", certLabels)).toEqual({ kind: "one", value: "id_card" });
    expect(matchChoice(CERTIFICATE_KINDS, "hkb", certLabels)).toEqual({
      kind: "one",
      value: "household_register",
    });
    expect(matchChoice(GUARDIAN_RELATIONS, "母亲", relationLabels)).toEqual({ kind: "one", value: "mother" });
    expect(matchChoice(GUARDIAN_RELATIONS, "parent", relationLabels)).toEqual({
      kind: "one",
      value: "parent",
    });
  });

  it("narrows the choices when the word fits several", () => {
    expect(matchChoice(CERTIFICATE_KINDS, "通行证", certLabels)).toEqual({
      kind: "some",
      values: ["hk_macau_permit", "taiwan_permit"],
    });
    const father = matchChoice(GUARDIAN_RELATIONS, "父", relationLabels);
    // names starting with the word come before names containing it (祖父母)
    expect(father).toEqual({ kind: "some", values: ["parent", "father", "grandparent"] });
  });

  it("finds nothing for a word that names no choice, or for no word at all", () => {
    expect(matchChoice(CERTIFICATE_KINDS, "110101199003071234", certLabels)).toEqual({ kind: "none" });
    expect(matchChoice(SEXES, "其他", sexLabels)).toEqual({ kind: "none" });
    expect(matchChoice(SEXES, " ！", sexLabels)).toEqual({ kind: "none" });
  });
});

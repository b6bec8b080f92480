import { describe, expect, it } from "vitest";
import type { PatientDraft } from "../../src/bot/session.js";
import { makeIdCardNumber } from "../../src/patient/id-card.js";
import {
  answerChoice,
  answerText,
  applicableQuestions,
  nextUnanswered,
  toPatient,
} from "../../src/patient/questionnaire.js";

const today = "2026-11-29";
const adultId = makeIdCardNumber("440304", "1990-03-07", 124);

function answer(d: PatientDraft, q: Parameters<typeof answerText>[1], text: string): PatientDraft {
  const r = answerText(d, q, text, today);
  if (!r.ok) throw new Error(`refused ${q}: ${r.problem}`);
  return r.draft;
}

describe("the patient questionnaire", () => {
  it("takes sex and birthday from a resident ID and does not ask them", () => {
    let d: PatientDraft = answer({}, "name", "张三");
    const chosen = answerChoice(d, "certKind", "id_card");
    if (!chosen.ok) throw new Error("choice refused");
    d = answer(chosen.draft, "certNo", adultId);
    expect(d.birthday).toBe("1990-03-07");
    expect(d.sex).toBe("female");
    expect(applicableQuestions(d, today)).not.toContain("sex");
    expect(nextUnanswered(d, today)).toBe("mobile");
  });

  it("asks for a guardian only for a minor, and refuses a minor guardian", () => {
    const d: PatientDraft = {
      name: "小明",
      certKind: "passport",
      certNo: "E1234567",
      sex: "male",
      birthday: "2012-05-01",
      mobile: "13812345678",
      clinicNo: null,
      address: "深圳市南山区",
    };
    expect(nextUnanswered(d, today)).toBe("guardianName");
    const chosen = answerChoice(d, "guardianCertKind", "id_card");
    if (!chosen.ok) throw new Error("choice refused");
    const r = answerText(chosen.draft, "guardianCertNo", makeIdCardNumber("440304", "2010-01-01", 11), today);
    expect(r).toEqual({ ok: false, problem: "guardian.minor" });
    expect(toPatient(d, today)).toBeUndefined();
    expect(toPatient({ ...d, birthday: "1990-01-01" }, today)?.guardian).toBeNull();
  });

  it("drops the number and what it told when the certificate type changes", () => {
    const d: PatientDraft = {
      name: "张三",
      certKind: "id_card",
      certNo: adultId,
      sex: "female",
      birthday: "1990-03-07",
    };
    const r = answerChoice(d, "certKind", "passport");
    expect(r.ok && r.draft).toEqual({ name: "张三", certKind: "passport" });
  });

  it("leaves the draft untouched when an answer is refused", () => {
    const d: PatientDraft = { name: "张三" };
    expect(answerText(d, "mobile", "12345", today)).toEqual({ ok: false, problem: "mobile.format" });
    expect(d).toEqual({ name: "张三" });
    expect(answerChoice(d, "sex", "other").ok).toBe(false);
  });
});

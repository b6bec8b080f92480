import { describe, expect, it } from "vitest";
import type { PatientDraft } from "../../src/bot/session.js";
import { makeIdCardNumber } from "../../src/patient/id-card.js";
import {
  answerChoice,
  answerContact,
  answerText,
  applicableQuestions,
  bookingMobile,
  nextUnanswered,
  questionAfter,
  toPatient,
} from "../../src/patient/questionnaire.js";

const today = "2026-11-29";
const adultId = makeIdCardNumber("440304", "1990-03-07", 124);
const childId = makeIdCardNumber("440304", "2016-06-01", 31);
const motherId = makeIdCardNumber("440304", "1987-02-03", 42);

function choose(d: PatientDraft, q: Parameters<typeof answerChoice>[1], value: string): PatientDraft {
  const r = answerChoice(d, q, value);
  if (!r.ok) throw new Error(`refused ${q}: ${r.problem}`);
  return r.draft;
}

/** A child on their ID card, the guardian not yet entered. */
function childDraft(): PatientDraft {
  return answer(choose(answer({}, "name", "张小宝"), "certKind", "id_card"), "certNo", childId);
}

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

  it("asks a minor's guardian straight after the birthday, and the guardian's mobile instead of the child's", () => {
    let d = childDraft();
    expect(nextUnanswered(d, today)).toBe("guardianName");
    const passportChild = answer(
      choose(choose(answer({ name: "Mary" }, "name", "Mary Lee"), "certKind", "passport"), "sex", "female"),
      "certNo",
      "E1234567",
    );
    expect(nextUnanswered(passportChild, today)).toBe("birthday");
    expect(nextUnanswered(answer(passportChild, "birthday", "2015-03-07"), today)).toBe("guardianName");

    d = answer(
      choose(answer(d, "guardianName", "李梅"), "guardianCertKind", "id_card"),
      "guardianCertNo",
      motherId,
    );
    d = choose(d, "guardianRelation", "mother");
    expect(nextUnanswered(d, today)).toBe("guardianMobile");
    d = answer(d, "guardianMobile", "13912345678");
    expect(nextUnanswered(d, today)).toBe("clinicNo");
    expect(applicableQuestions(d, today).slice(-3)).toEqual(["mobile", "clinicNo", "address"]);
    d = answer(choose(d, "clinicNo", "none"), "address", "深圳市南山区");
    expect(toPatient(d, today)?.mobile).toBe("13912345678");
    expect(toPatient(d, today)?.guardian?.mobile).toBe("13912345678");
    // revising, the booking's mobile comes after the guardian's and may be another
    expect(questionAfter(d, "guardianMobile", today)).toBe("mobile");
    const other = answer(d, "mobile", "13700001111");
    expect(bookingMobile(other, today)).toBe("13700001111");
    expect(toPatient(other, today)?.mobile).toBe("13700001111");
    expect(toPatient(other, today)?.guardian?.mobile).toBe("13912345678");
  });

  it("keeps an adult's own mobile and never takes a guardian's for it", () => {
    const d: PatientDraft = {
      ...childDraft(),
      certNo: adultId,
      birthday: "1990-03-07",
      guardianMobile: "13912345678",
    };
    expect(bookingMobile(d, today)).toBeUndefined();
    expect(nextUnanswered(d, today)).toBe("mobile");
  });

  it("refuses the child's own certificate as the guardian's, under any document type", () => {
    const d = choose(answer(childDraft(), "guardianName", "李梅"), "guardianCertKind", "household_register");
    expect(answerText(d, "guardianCertNo", childId, today)).toEqual({
      ok: false,
      problem: "guardian.same_certificate",
    });
  });

  it("makes a relation that names a sex agree with the guardian's", () => {
    let d = answer(
      choose(answer(childDraft(), "guardianName", "李梅"), "guardianCertKind", "id_card"),
      "guardianCertNo",
      motherId,
    );
    expect(d.guardianSex).toBe("female");
    expect(answerChoice(d, "guardianRelation", "father")).toEqual({
      ok: false,
      problem: "relation.sex_mismatch",
    });
    d = choose(d, "guardianRelation", "mother");
    // a passport guardian typed as a man: the "mother" chosen before is asked again
    const passport = choose(choose(d, "guardianCertKind", "passport"), "guardianSex", "male");
    expect(passport.guardianRelation).toBeUndefined();
    expect(choose(passport, "guardianRelation", "grandparent").guardianRelation).toBe("grandparent");
    const father = choose(passport, "guardianRelation", "father");
    expect(choose(father, "guardianSex", "male").guardianRelation).toBe("father");
  });

  it("takes only the sender's own contact card, and a typed number from anyone", () => {
    const d = answer(choose(answer({}, "name", "张三"), "certKind", "id_card"), "certNo", adultId);
    expect(answerContact(d, "mobile", "+8613800138000", false, today)).toEqual({
      ok: false,
      problem: "contact.not_own",
    });
    const own = answerContact(d, "mobile", "+8613800138000", true, today);
    expect(own.ok && own.draft.mobile).toBe("13800138000");
    expect(answerContact(d, "address", "+8613800138000", true, today)).toEqual({
      ok: false,
      problem: "choice.expected",
    });
  });
});

// Which question to ask the patient next, and what an answer does to the draft. The conversation asks;
// this decides: ID-card numbers answer sex and birthday themselves, and changing the certificate type
// drops the number entered for the old one. A minor's guardian is asked for as soon as the birthday shows
// the patient is one, before anything else: the guardian's mobile is the booking's (unless another is
// given), the guardian is an adult other than the patient, and a relation that names a sex (father,
// mother) agrees with the guardian's.
import type { PatientDraft } from "../bot/session.js";
import {
  CERTIFICATE_KINDS,
  type CertificateKind,
  type IsoDate,
  type Patient,
  type Sex,
} from "../hospital/types.js";
import { parseAddress } from "./address.js";
import { AGE_OF_MAJORITY, ageOn, isMinor } from "./age.js";
import { parseBirthday } from "./birthday.js";
import { parseCertificateNumber } from "./certificate.js";
import { parseClinicNo } from "./clinic-no.js";
import { parseMobile } from "./mobile.js";
import { parseName } from "./name.js";
import { validatePatient } from "./patient-schema.js";
import type { ProblemCode } from "./problems.js";
import { GUARDIAN_RELATIONS, isGuardianRelation, relationFitsSex } from "./relation.js";

export const QUESTIONS = [
  "name",
  "certKind",
  "certNo",
  "sex",
  "birthday",
  "guardianName",
  "guardianCertKind",
  "guardianCertNo",
  "guardianSex",
  "guardianBirthday",
  "guardianRelation",
  "guardianMobile",
  "mobile",
  "clinicNo",
  "address",
] as const;
export type QuestionId = (typeof QUESTIONS)[number];

export type ChoiceQuestion = "certKind" | "guardianCertKind" | "sex" | "guardianSex" | "guardianRelation";
const CHOICES: Record<ChoiceQuestion, readonly string[]> = {
  certKind: CERTIFICATE_KINDS,
  guardianCertKind: CERTIFICATE_KINDS,
  sex: ["male", "female"],
  guardianSex: ["male", "female"],
  guardianRelation: GUARDIAN_RELATIONS,
};

export function isQuestion(s: string | undefined): s is QuestionId {
  return (QUESTIONS as readonly string[]).includes(s ?? "");
}

export function choicesOf(q: QuestionId): readonly string[] | undefined {
  return q in CHOICES ? CHOICES[q as ChoiceQuestion] : undefined;
}

function derives(kind: CertificateKind | undefined, no: string | undefined, today: IsoDate): boolean {
  if (!kind || !no) return false;
  const parsed = parseCertificateNumber(kind, no, today);
  return parsed.ok && parsed.value.identity !== null;
}

export function isMinorDraft(d: PatientDraft, today: IsoDate): boolean {
  return d.birthday !== undefined && isMinor(d.birthday, today);
}

/**
 * The questions that apply to this patient, in the order they are asked (always the order of
 * QUESTIONS). A minor's guardian comes straight after the birthday; the minor's own "mobile" is then the
 * booking's number, answered by the guardian's and only asked when revising.
 */
export function applicableQuestions(d: PatientDraft, today: IsoDate): QuestionId[] {
  const out: QuestionId[] = ["name", "certKind", "certNo"];
  if (!derives(d.certKind, d.certNo, today)) out.push("sex", "birthday");
  if (isMinorDraft(d, today)) {
    out.push("guardianName", "guardianCertKind", "guardianCertNo");
    if (!derives(d.guardianCertKind, d.guardianCertNo, today)) out.push("guardianSex", "guardianBirthday");
    out.push("guardianRelation", "guardianMobile");
  }
  out.push("mobile", "clinicNo", "address");
  return out;
}

/** The number the order gives the hospital: a minor's is the guardian's unless another was given. */
export function bookingMobile(d: PatientDraft, today: IsoDate): string | undefined {
  return isMinorDraft(d, today) ? (d.mobile ?? d.guardianMobile) : d.mobile;
}

/** The answer a question has now, as the patient would keep it (null: "no outpatient card"). */
export function currentValue(d: PatientDraft, q: QuestionId, today: IsoDate): string | null | undefined {
  return q === "mobile" ? bookingMobile(d, today) : d[q];
}

export function isAnswered(d: PatientDraft, q: QuestionId, today: IsoDate): boolean {
  return currentValue(d, q, today) !== undefined;
}

/** The first question still unanswered, or undefined when the patient is complete. */
export function nextUnanswered(d: PatientDraft, today: IsoDate): QuestionId | undefined {
  return applicableQuestions(d, today).find((q) => !isAnswered(d, q, today));
}

/** The question after `q` among those that apply now (answers may have changed which apply). */
export function questionAfter(d: PatientDraft, q: QuestionId, today: IsoDate): QuestionId | undefined {
  const list = applicableQuestions(d, today);
  const order = QUESTIONS.indexOf(q);
  return list.find((x) => QUESTIONS.indexOf(x) > order);
}

export function questionBefore(d: PatientDraft, q: QuestionId, today: IsoDate): QuestionId | undefined {
  const list = applicableQuestions(d, today);
  const order = QUESTIONS.indexOf(q);
  return [...list].reverse().find((x) => QUESTIONS.indexOf(x) < order);
}

export type AnswerResult = { ok: true; draft: PatientDraft } | { ok: false; problem: ProblemCode };

const fail = (problem: ProblemCode): AnswerResult => ({ ok: false, problem });

/** Applies a typed answer; the draft is returned anew and never changed when the answer is refused. */
export function answerText(d: PatientDraft, q: QuestionId, text: string, today: IsoDate): AnswerResult {
  const next: PatientDraft = { ...d };
  switch (q) {
    case "name":
    case "guardianName": {
      const r = parseName(text);
      if (!r.ok) return fail(r.problem);
      next[q] = r.value;
      return { ok: true, draft: next };
    }
    case "certNo":
    case "guardianCertNo": {
      const kind = q === "certNo" ? d.certKind : d.guardianCertKind;
      if (!kind) return fail("patient.mismatch");
      const r = parseCertificateNumber(kind, text, today);
      if (!r.ok) return fail(r.problem);
      const identity = r.value.identity;
      if (q === "certNo") {
        next.certNo = r.value.number;
        if (identity) {
          next.birthday = identity.birthday;
          next.sex = identity.sex;
        }
      } else {
        // the number alone decides: a child's household register shows the same citizen number
        if (r.value.number === d.certNo) return fail("guardian.same_certificate");
        if (identity && ageOn(identity.birthday, today) < AGE_OF_MAJORITY) return fail("guardian.minor");
        next.guardianCertNo = r.value.number;
        if (identity) {
          next.guardianBirthday = identity.birthday;
          next.guardianSex = identity.sex;
          dropRelationNotFitting(next);
        }
      }
      return { ok: true, draft: next };
    }
    case "birthday":
    case "guardianBirthday": {
      const r = parseBirthday(text, today);
      if (!r.ok) return fail(r.problem);
      if (q === "guardianBirthday" && ageOn(r.value, today) < AGE_OF_MAJORITY) return fail("guardian.minor");
      next[q] = r.value;
      return { ok: true, draft: next };
    }
    case "mobile":
    case "guardianMobile": {
      const r = parseMobile(text);
      if (!r.ok) return fail(r.problem);
      next[q] = r.value;
      return { ok: true, draft: next };
    }
    case "clinicNo": {
      const r = parseClinicNo(text);
      if (!r.ok) return fail(r.problem);
      next.clinicNo = r.value;
      return { ok: true, draft: next };
    }
    case "address": {
      const r = parseAddress(text);
      if (!r.ok) return fail(r.problem);
      next.address = r.value;
      return { ok: true, draft: next };
    }
    default:
      return fail("choice.expected");
  }
}

/** Applies a tapped choice (certificate type, sex, relation, "no card"). */
export function answerChoice(d: PatientDraft, q: QuestionId, value: string): AnswerResult {
  const next: PatientDraft = { ...d };
  if (q === "clinicNo" && value === "none") {
    next.clinicNo = null;
    return { ok: true, draft: next };
  }
  if (!choicesOf(q)?.includes(value)) return fail("choice.unknown");
  switch (q) {
    case "certKind":
      if (d.certKind !== value) {
        // the number and anything it told us belonged to the old certificate type
        for (const k of ["certNo", "sex", "birthday"] as const) delete next[k];
        next.certKind = value as CertificateKind;
      }
      break;
    case "guardianCertKind":
      if (d.guardianCertKind !== value) {
        for (const k of ["guardianCertNo", "guardianSex", "guardianBirthday"] as const) delete next[k];
        next.guardianCertKind = value as CertificateKind;
      }
      break;
    case "sex":
      next.sex = value as Sex;
      break;
    case "guardianSex":
      next.guardianSex = value as Sex;
      dropRelationNotFitting(next);
      break;
    case "guardianRelation":
      if (!isGuardianRelation(value)) return fail("choice.unknown");
      if (!relationFitsSex(value, d.guardianSex)) return fail("relation.sex_mismatch");
      next.guardianRelation = value;
      break;
    default:
      return fail("choice.unknown");
  }
  return { ok: true, draft: next };
}

/** A relation that names the other sex than the guardian's is asked again rather than kept. */
function dropRelationNotFitting(d: PatientDraft): void {
  if (!relationFitsSex(d.guardianRelation, d.guardianSex)) delete d.guardianRelation;
}

/**
 * Applies a shared contact card. Only the sender's own card is taken: Telegram vouches for that number,
 * while a card forwarded from the address book can be anybody's. Typing the number is always possible.
 */
export function answerContact(
  d: PatientDraft,
  q: QuestionId,
  phone: string,
  ownContact: boolean,
  today: IsoDate,
): AnswerResult {
  if (q !== "mobile" && q !== "guardianMobile") return fail("choice.expected");
  if (!ownContact) return fail("contact.not_own");
  return answerText(d, q, phone, today);
}

/** The complete patient for the order, or undefined while anything is missing or inconsistent. */
export function toPatient(d: PatientDraft, today: IsoDate): Patient | undefined {
  if (nextUnanswered(d, today) !== undefined) return undefined;
  const mobile = bookingMobile(d, today);
  if (!d.name || !d.certKind || !d.certNo || !d.sex || !d.birthday || !mobile || !d.address) return undefined;
  const minor = isMinor(d.birthday, today);
  const g = d;
  const guardian =
    minor &&
    g.guardianName &&
    g.guardianCertKind &&
    g.guardianCertNo &&
    g.guardianSex &&
    g.guardianBirthday &&
    g.guardianRelation &&
    g.guardianMobile
      ? {
          name: g.guardianName,
          certificate: { kind: g.guardianCertKind, number: g.guardianCertNo },
          sex: g.guardianSex,
          birthday: g.guardianBirthday,
          relation: g.guardianRelation,
          mobile: g.guardianMobile,
        }
      : null;
  const patient: Patient = {
    name: d.name,
    certificate: { kind: d.certKind, number: d.certNo },
    sex: d.sex,
    birthday: d.birthday,
    mobile,
    clinicNo: d.clinicNo ?? null,
    address: d.address,
    guardian,
  };
  return validatePatient(patient, today).length === 0 ? patient : undefined;
}

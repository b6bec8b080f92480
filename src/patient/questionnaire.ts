// Which question to ask the patient next, and what an answer does to the draft. The conversation asks;
// this decides: ID-card numbers answer sex and birthday themselves, minors need a guardian, and changing
// the certificate type drops the number entered for the old one.
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
import { GUARDIAN_RELATIONS, isGuardianRelation } from "./relation.js";

export const QUESTIONS = [
  "name",
  "certKind",
  "certNo",
  "sex",
  "birthday",
  "mobile",
  "clinicNo",
  "address",
  "guardianName",
  "guardianCertKind",
  "guardianCertNo",
  "guardianSex",
  "guardianBirthday",
  "guardianRelation",
  "guardianMobile",
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

/** The questions that apply to this patient, in the order they are asked. */
export function applicableQuestions(d: PatientDraft, today: IsoDate): QuestionId[] {
  const out: QuestionId[] = ["name", "certKind", "certNo"];
  if (!derives(d.certKind, d.certNo, today)) out.push("sex", "birthday");
  out.push("mobile", "clinicNo", "address");
  if (d.birthday && isMinor(d.birthday, today)) {
    out.push("guardianName", "guardianCertKind", "guardianCertNo");
    if (!derives(d.guardianCertKind, d.guardianCertNo, today)) out.push("guardianSex", "guardianBirthday");
    out.push("guardianRelation", "guardianMobile");
  }
  return out;
}

export function isAnswered(d: PatientDraft, q: QuestionId): boolean {
  return q === "clinicNo" ? d.clinicNo !== undefined : d[q] !== undefined;
}

/** The first question still unanswered, or undefined when the patient is complete. */
export function nextUnanswered(d: PatientDraft, today: IsoDate): QuestionId | undefined {
  return applicableQuestions(d, today).find((q) => !isAnswered(d, q));
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

export type AnswerResult = { ok: true; draft: PatientDraft } | { ok: false; problem: string };

const fail = (problem: string): AnswerResult => ({ ok: false, problem });

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
        if (identity && ageOn(identity.birthday, today) < AGE_OF_MAJORITY) return fail("guardian.minor");
        next.guardianCertNo = r.value.number;
        if (identity) {
          next.guardianBirthday = identity.birthday;
          next.guardianSex = identity.sex;
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
    case "guardianSex":
      next[q] = value as Sex;
      break;
    case "guardianRelation":
      if (isGuardianRelation(value)) next.guardianRelation = value;
      break;
    default:
      return fail("choice.unknown");
  }
  return { ok: true, draft: next };
}

/** The complete patient for the order, or undefined while anything is missing or inconsistent. */
export function toPatient(d: PatientDraft, today: IsoDate): Patient | undefined {
  if (nextUnanswered(d, today) !== undefined) return undefined;
  if (!d.name || !d.certKind || !d.certNo || !d.sex || !d.birthday || !d.mobile || !d.address)
    return undefined;
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
    mobile: d.mobile,
    clinicNo: d.clinicNo ?? null,
    address: d.address,
    guardian,
  };
  return validatePatient(patient, today).length === 0 ? patient : undefined;
}

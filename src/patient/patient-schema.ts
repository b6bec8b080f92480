// The patient and guardian as kept in the session between steps. The schema re-runs the same parsers
// the conversation used, so a session written by an older version of the bot (or tampered with) cannot
// put a malformed field into an order; each issue's message is the parser's problem code.
// validatePatient adds the rules that span fields, which no single answer can check on its own.
import { z } from "zod";
import { CERTIFICATE_KINDS, type Guardian, type IsoDate, type Patient } from "../hospital/types.js";
import { parseAddress } from "./address.js";
import { isMinor } from "./age.js";
import { parseBirthday } from "./birthday.js";
import { todayInChina } from "./calendar.js";
import { identityOf, parseCertificateNumber } from "./certificate.js";
import { parseClinicNo } from "./clinic-no.js";
import { parseMobile } from "./mobile.js";
import { parseName } from "./name.js";
import type { Parsed } from "./parsed.js";
import type { ProblemCode, ProblemsOf } from "./problems.js";
import { GUARDIAN_RELATIONS, relationFitsSex } from "./relation.js";

function parsedBy<T, P extends ProblemCode>(parse: (raw: string) => Parsed<T, P>) {
  return z.string().transform((raw, ctx): T => {
    const parsed = parse(raw);
    if (parsed.ok) return parsed.value;
    ctx.addIssue({ code: "custom", message: parsed.problem });
    return z.NEVER;
  });
}

const sexSchema = z.enum(["male", "female"]);

export const certificateSchema = z
  .object({ kind: z.enum(CERTIFICATE_KINDS), number: z.string() })
  .transform((certificate, ctx) => {
    const parsed = parseCertificateNumber(certificate.kind, certificate.number);
    if (parsed.ok) return { kind: certificate.kind, number: parsed.value.number };
    ctx.addIssue({ code: "custom", message: parsed.problem, path: ["number"] });
    return z.NEVER;
  });

export const guardianSchema: z.ZodType<Guardian> = z.object({
  name: parsedBy(parseName),
  mobile: parsedBy(parseMobile),
  certificate: certificateSchema,
  sex: sexSchema,
  relation: z.enum(GUARDIAN_RELATIONS),
  birthday: parsedBy((raw) => parseBirthday(raw)),
});

export const patientSchema: z.ZodType<Patient> = z.object({
  name: parsedBy(parseName),
  certificate: certificateSchema,
  sex: sexSchema,
  birthday: parsedBy((raw) => parseBirthday(raw)),
  mobile: parsedBy(parseMobile),
  clinicNo: z.union([z.null(), parsedBy(parseClinicNo)]),
  address: parsedBy(parseAddress),
  guardian: guardianSchema.nullable(),
});

export type PatientProblem = Extract<
  ProblemCode,
  ProblemsOf<"patient"> | ProblemsOf<"guardian"> | "relation.sex_mismatch"
>;

/** Rules across fields; an empty list means the patient can be booked as entered. */
export function validatePatient(patient: Patient, today: IsoDate = todayInChina()): PatientProblem[] {
  const problems: PatientProblem[] = [];
  if (patient.birthday > today) problems.push("patient.birthday_future");
  // The hospital checks the name and number against the national register, which knows the birthday
  // and sex the number encodes; a mismatch would be refused there, later and less clearly.
  const identity = identityOf(patient.certificate, today);
  if (identity && identity.birthday !== patient.birthday) problems.push("patient.birthday_mismatch");
  if (identity && identity.sex !== patient.sex) problems.push("patient.sex_mismatch");

  const guardian = patient.guardian;
  if (guardian === null) {
    if (isMinor(patient.birthday, today)) problems.push("patient.guardian_required");
    return problems;
  }
  const guardianIdentity = identityOf(guardian.certificate, today);
  if (guardianIdentity && guardianIdentity.birthday !== guardian.birthday) {
    problems.push("guardian.birthday_mismatch");
  }
  if (guardianIdentity && guardianIdentity.sex !== guardian.sex) problems.push("guardian.sex_mismatch");
  if (isMinor(guardian.birthday, today)) problems.push("guardian.minor");
  // The number alone decides: a child's household register and ID card carry the same citizen number.
  if (guardian.certificate.number === patient.certificate.number) problems.push("guardian.same_certificate");
  if (!relationFitsSex(guardian.relation, guardian.sex)) problems.push("relation.sex_mismatch");
  return problems;
}

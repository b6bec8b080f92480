// Every problem code a patient answer can be refused with, in one table. Parsers, the questionnaire and
// the cross-field checks each answer with a subset of it, and each locale must give every code a text
// (`problems: Record<ProblemCode, string>`), so a new code without a translation fails the typecheck
// instead of reaching the patient as a generic message.

export const PROBLEM_CODES = [
  // resident ID card
  "id_card.length",
  "id_card.characters",
  "id_card.region",
  "id_card.birthday",
  "id_card.checksum",
  // other certificate kinds: shape only
  "passport.format",
  "hk_macau_permit.format",
  "taiwan_permit.format",
  "household_register.format",
  "officer_id.format",
  "driving_licence.format",
  "other.format",
  "mobile.format",
  "name.length",
  "name.characters",
  "birthday.format",
  "birthday.not_a_date",
  "birthday.future",
  "birthday.before_1900",
  "clinic_no.length",
  "clinic_no.characters",
  "address.length",
  "address.characters",
  "relation.unknown",
  // the guardian's relation names a sex (father, mother) the guardian does not have
  "relation.sex_mismatch",
  // a shared contact card that is not the sender's own
  "contact.not_own",
  // a button was expected, or a tapped value is not one of the question's choices
  "choice.expected",
  "choice.unknown",
  // rules across answers (patient-schema.ts)
  "patient.mismatch",
  "patient.birthday_future",
  "patient.birthday_mismatch",
  "patient.sex_mismatch",
  "patient.guardian_required",
  "guardian.birthday_mismatch",
  "guardian.sex_mismatch",
  "guardian.minor",
  "guardian.same_certificate",
] as const;

export type ProblemCode = (typeof PROBLEM_CODES)[number];

/** The codes of one family, e.g. `ProblemsOf<"id_card">` for "id_card.length" | "id_card.checksum" | … */
export type ProblemsOf<Family extends string> = Extract<ProblemCode, `${Family}.${string}`>;

// How a guardian is related to the patient: a fixed set of codes offered as buttons, so the value sent
// to the hospital never depends on the language the patient chats in. Some relations name a sex (a
// father is a man), which the guardian's own sex must then agree with.
import type { Sex } from "../hospital/types.js";
import { accept, type Parsed, reject } from "./parsed.js";

export const GUARDIAN_RELATIONS = ["parent", "father", "mother", "grandparent", "other"] as const;
export type GuardianRelation = (typeof GUARDIAN_RELATIONS)[number];

const SEX_OF_RELATION: Partial<Record<GuardianRelation, Sex>> = { father: "male", mother: "female" };

export function isGuardianRelation(value: string): value is GuardianRelation {
  return (GUARDIAN_RELATIONS as readonly string[]).includes(value);
}

/** The sex a relation names, or undefined when it names none (parent, grandparent, other). */
export function sexOfRelation(relation: string): Sex | undefined {
  return isGuardianRelation(relation) ? SEX_OF_RELATION[relation] : undefined;
}

/** False only when the relation names a sex and the guardian's is known to be the other one. */
export function relationFitsSex(relation: string | undefined, sex: Sex | undefined): boolean {
  const named = relation === undefined ? undefined : sexOfRelation(relation);
  return named === undefined || sex === undefined || named === sex;
}

export type RelationProblem = "relation.unknown";

export function parseGuardianRelation(raw: string): Parsed<GuardianRelation, RelationProblem> {
  const code = raw.trim().toLowerCase();
  return isGuardianRelation(code) ? accept(code) : reject("relation.unknown");
}

// How a guardian is related to the patient: a fixed set of codes offered as buttons, so the value sent
// to the hospital never depends on the language the patient chats in.
import { accept, type Parsed, reject } from "./parsed.js";

export const GUARDIAN_RELATIONS = ["parent", "father", "mother", "grandparent", "other"] as const;
export type GuardianRelation = (typeof GUARDIAN_RELATIONS)[number];

export function isGuardianRelation(value: string): value is GuardianRelation {
  return (GUARDIAN_RELATIONS as readonly string[]).includes(value);
}

export type RelationProblem = "relation.unknown";

export function parseGuardianRelation(raw: string): Parsed<GuardianRelation, RelationProblem> {
  const code = raw.trim().toLowerCase();
  return isGuardianRelation(code) ? accept(code) : reject("relation.unknown");
}

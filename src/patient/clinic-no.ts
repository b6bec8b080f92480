// The outpatient card number a hospital issued on an earlier visit. First-time patients have none and
// say so in many ways; the API still requires the field, so "none" becomes null and the order sends "".
import { accept, type Parsed, reject } from "./parsed.js";
import type { ProblemsOf } from "./problems.js";
import { compact } from "./text.js";

export type ClinicNoProblem = ProblemsOf<"clinic_no">;

const NONE_ANSWERS = new Set(["无", "没有", "沒有", "none", "no", "n/a", "-", "0"]);

export function parseClinicNo(raw: string): Parsed<string | null, ClinicNoProblem> {
  const text = compact(raw);
  if (NONE_ANSWERS.has(text.toLowerCase())) return accept(null);
  if (text.length < 1 || text.length > 30) return reject("clinic_no.length");
  return /^[A-Za-z0-9]+$/.test(text) ? accept(text.toUpperCase()) : reject("clinic_no.characters");
}

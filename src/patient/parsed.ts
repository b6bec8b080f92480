// Parsers answer with a stable machine code instead of text, so the conversation can pick the
// patient's language and the services stay free of user-visible strings. Every code comes from the one
// table in problems.ts, which the locales must translate in full.
import type { ProblemCode } from "./problems.js";

export type Parsed<T, P extends ProblemCode> = { ok: true; value: T } | { ok: false; problem: P };

export function accept<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

export function reject<P extends ProblemCode>(problem: P): { ok: false; problem: P } {
  return { ok: false, problem };
}

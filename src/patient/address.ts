// The patient's address: the API requires it but does not check it, so we only keep it tidy and of a
// length a hospital form will take.
import { accept, type Parsed, reject } from "./parsed.js";
import type { ProblemsOf } from "./problems.js";
import { charCount, tidy } from "./text.js";

export type AddressProblem = ProblemsOf<"address">;

export const ADDRESS_MIN_CHARS = 4;
export const ADDRESS_MAX_CHARS = 100;

export function parseAddress(raw: string): Parsed<string, AddressProblem> {
  const address = tidy(raw);
  const length = charCount(address);
  if (length < ADDRESS_MIN_CHARS || length > ADDRESS_MAX_CHARS) return reject("address.length");
  // Control and format characters are invisible to the patient and would corrupt the hospital's record.
  return /\p{C}/u.test(address) ? reject("address.characters") : accept(address);
}

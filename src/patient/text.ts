// Patients type on Chinese keyboards: full-width digits and letters (１２３, ＡＢＣ) and the ideographic
// space are common, and NFKC folds them to their ASCII forms before any rule looks at them.

export function foldWidth(raw: string): string {
  return raw.normalize("NFKC");
}

/** Width-folded, with every kind of whitespace removed: for numbers that people type in groups. */
export function compact(raw: string): string {
  return foldWidth(raw).replace(/\s+/gu, "");
}

/** Width-folded, trimmed, inner runs of whitespace collapsed to one space: for free text. */
export function tidy(raw: string): string {
  return foldWidth(raw).trim().replace(/\s+/gu, " ");
}

/** Length in characters as a person counts them (a supplementary-plane 𠮷 is one, not two). */
export function charCount(s: string): number {
  return Array.from(s).length;
}

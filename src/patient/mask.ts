// Masks for showing personal data back to the patient (so they can recognise it) and for logs (so an
// operator cannot read it): enough survives to tell two records apart, not enough to reuse them.

const STAR = "*";

/** 440301199001011234 → 4403**********1234; a short number keeps only its first and last character. */
export function maskCertificate(number: string): string {
  const chars = Array.from(number);
  if (chars.length >= 12) return keepEnds(chars, 4, 4);
  if (chars.length >= 3) return keepEnds(chars, 1, 1);
  return STAR.repeat(chars.length);
}

/** 13812345678 → 138****5678, the way Chinese apps show a phone number. */
export function maskMobile(mobile: string): string {
  const chars = Array.from(mobile);
  if (chars.length >= 11) return keepEnds(chars, 3, 4);
  return maskCertificate(mobile);
}

/**
 * 张三丰 → 张**: a Chinese name keeps only its first character (the family name, as Chinese apps show it).
 * John Smith → J*** S****: a Latin name keeps the first letter of each word. Separators stay.
 */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return STAR.repeat(chars.length);
  const latin = !/\p{Script=Han}/u.test(name);
  return chars
    .map((c, i) => {
      if (SEPARATOR.test(c)) return c;
      const wordStart = i === 0 || SEPARATOR.test(chars[i - 1] ?? "");
      return (latin ? wordStart : i === 0) ? c : STAR;
    })
    .join("");
}

const SEPARATOR = /^[\s·'-]$/u;

function keepEnds(chars: string[], head: number, tail: number): string {
  return (
    chars.slice(0, head).join("") + STAR.repeat(chars.length - head - tail) + chars.slice(-tail).join("")
  );
}

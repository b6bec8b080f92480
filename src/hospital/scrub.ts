// Every text that came from the hospital passes through here before it is kept in an error, logged or
// shown: gateways echo the request (`非法请求 ?unitId=100&appToken=...`), so a credential can come back
// raw, URL-encoded, JSON-escaped or base64(url)-encoded, and any URL or query string may carry one we
// do not know. What is left is short, and holds no credential in any of those encodings.

const CENSOR = "[redacted]";
/** what a patient or a log line gets of the hospital's own words, in characters */
export const MAX_HOSPITAL_TEXT = 80;

/** The part of base64(anything + secret + anything) that depends on the secret's bytes alone. */
function base64Cores(secret: string): string[] {
  const bytes = Buffer.from(secret, "utf8");
  const cores: string[] = [];
  for (let shift = 0; shift < 3; shift++) {
    const padded = Buffer.concat([Buffer.alloc(shift), bytes]);
    const b64 = padded.toString("base64");
    const from = 4 * Math.ceil(shift / 3);
    const to = 4 * Math.floor(padded.length / 3);
    const core = b64.slice(from, to);
    // too short a core would censor unrelated text and proves nothing
    if (core.length >= 8) cores.push(core);
  }
  // a secret alone, padding and all
  cores.push(bytes.toString("base64"));
  return cores;
}

/** Every spelling of `secret` this module censors. */
export function secretSpellings(secret: string): string[] {
  const json = JSON.stringify(secret).slice(1, -1);
  const unicodeEscaped = Array.from(secret)
    .map((c) => (/[\w-]/.test(c) ? c : `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`))
    .join("");
  const b64 = base64Cores(secret);
  const b64url = b64.map((s) => s.replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, ""));
  const spellings = [
    secret,
    encodeURIComponent(secret),
    new URLSearchParams({ s: secret }).toString().slice(2),
    json,
    unicodeEscaped,
    ...b64,
    ...b64url,
    ...b64.map(encodeURIComponent),
  ];
  // the longest first, so a spelling that contains another is censored whole
  return [...new Set(spellings.filter((s) => s.length > 0))].sort((a, b) => b.length - a.length);
}

const URL_PATTERN = /\b[a-z][a-z\d+.-]*:\/\/\S*/gi;
/** `?a=1&b=2`, or a bare `a=1&b=2`: request parameters, whoever's */
const QUERY_PATTERN = /\?\S*|[\w.%-]+=[^\s&]*(?:&[\w.%-]+=[^\s&]*)*/g;

/**
 * The hospital's text with the given secrets (appToken, appSecret) censored in every encoding, URLs and
 * query strings removed, whitespace folded, and cut to MAX_HOSPITAL_TEXT characters.
 */
export function scrubHospitalText(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text;
  for (const secret of secrets) {
    if (!secret) continue;
    for (const spelling of secretSpellings(secret)) out = out.split(spelling).join(CENSOR);
  }
  out = out.replace(URL_PATTERN, "[link]").replace(QUERY_PATTERN, "").replace(/\s+/g, " ").trim();
  const chars = Array.from(out);
  return chars.length > MAX_HOSPITAL_TEXT ? `${chars.slice(0, MAX_HOSPITAL_TEXT - 1).join("")}…` : out;
}

// What a patient reads when the hospital refused something: our own words for the codes we know, else
// the hospital's message as HospitalApiError already holds it (scrubbed of credentials, URLs and query
// strings, and short).
import type { Locale } from "../i18n/index.js";

export function hospitalReason(t: Locale, code: string, apiMessage: string): string {
  return t.errors.hospitalCodes[code] ?? apiMessage;
}

// Certificate numbers per kind. Only the resident ID number carries the holder's birthday and sex; the
// household register shows that same citizen ID number, so when it has that shape it gets the same
// checks and yields the same facts. Other kinds are checked for shape only: their formats vary too much
// across issuing years for stricter rules to help more than they hurt.
import type { Certificate, CertificateKind, IsoDate, Sex } from "../hospital/types.js";
import { todayInChina } from "./calendar.js";
import { type IdCardProblem, parseIdCard } from "./id-card.js";
import { accept, type Parsed, reject } from "./parsed.js";
import { compact } from "./text.js";

export type CertificateFormatProblem = `${Exclude<CertificateKind, "id_card">}.format`;
export type CertificateProblem = IdCardProblem | CertificateFormatProblem;

/** What a certificate number says about its holder. */
export interface Identity {
  birthday: IsoDate;
  sex: Sex;
}

export interface CertificateNumber {
  /** upper-case, spaces removed */
  number: string;
  /** present only when the number encodes the holder's birthday and sex */
  identity: Identity | null;
}

const ID_CARD_SHAPE = /^\d{17}[\dX]$/;
// Officer IDs contain Chinese characters (e.g. 南字第12345号), so "printable" here is anything
// that is neither whitespace nor a control or format character.
const PRINTABLE_4_30 = /^[^\s\p{C}]{4,30}$/u;

const SHAPES: Record<Exclude<CertificateKind, "id_card">, RegExp> = {
  passport: /^[A-Z0-9]{5,17}$/,
  // H for Hong Kong, M for Macau; 8 digits on current permits, 10 on older ones
  hk_macau_permit: /^[HM](\d{8}|\d{10})$/,
  // 8 digits since 2015; older booklets carry 10 characters
  taiwan_permit: /^(\d{8}|[A-Z0-9]{10})$/,
  household_register: PRINTABLE_4_30,
  officer_id: PRINTABLE_4_30,
  driving_licence: PRINTABLE_4_30,
  other: PRINTABLE_4_30,
};

export function parseCertificateNumber(
  kind: CertificateKind,
  raw: string,
  today: IsoDate = todayInChina(),
): Parsed<CertificateNumber, CertificateProblem> {
  const number = compact(raw).toUpperCase();
  if (kind === "id_card" || (kind === "household_register" && ID_CARD_SHAPE.test(number))) {
    const id = parseIdCard(number, today);
    if (!id.ok) return id;
    return accept({ number: id.value.number, identity: { birthday: id.value.birthday, sex: id.value.sex } });
  }
  if (!SHAPES[kind].test(number)) return reject(`${kind}.format`);
  return accept({ number, identity: null });
}

/** The birthday and sex a valid certificate encodes, or null when its kind or number encodes none. */
export function identityOf(certificate: Certificate, today: IsoDate = todayInChina()): Identity | null {
  const parsed = parseCertificateNumber(certificate.kind, certificate.number, today);
  return parsed.ok ? parsed.value.identity : null;
}

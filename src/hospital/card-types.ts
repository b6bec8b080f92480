// The document never lists cardType values and 91160's own numbering is not public, so the defaults
// follow WS 364.3 (value set CV02.01.101) and operators can override any of them through config.
import { CERTIFICATE_KINDS, type CertificateKind } from "./types.js";

export type CardTypeTable = Readonly<Record<CertificateKind, number>>;

export const DEFAULT_CARD_TYPES: CardTypeTable = {
  id_card: 1,
  household_register: 2,
  passport: 3,
  officer_id: 4,
  driving_licence: 5,
  hk_macau_permit: 6,
  taiwan_permit: 7,
  other: 99,
};

function isKind(k: string): k is CertificateKind {
  return (CERTIFICATE_KINDS as readonly string[]).includes(k);
}

/** The defaults with the overrides laid over them; `unknown` lists override keys that name no kind. */
export function resolveCardTypes(overrides: Record<string, number>): {
  table: CardTypeTable;
  unknown: string[];
} {
  const table: Record<CertificateKind, number> = { ...DEFAULT_CARD_TYPES };
  const unknown: string[] = [];
  for (const [k, v] of Object.entries(overrides)) {
    if (isKind(k)) table[k] = v;
    else unknown.push(k);
  }
  return { table: Object.freeze(table), unknown };
}

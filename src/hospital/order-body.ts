// Patient → the order POST body. The order endpoint's sex codes (0 male, 1 female) are the opposite of
// the doctor list's, and the guardian's sex and cardType are strings while the patient's are ints.
import type { CardTypeTable } from "./card-types.js";
import type { IsoDate, OrderRequest, Sex } from "./types.js";

export interface OrderGuardianWire {
  guardianTrueName: string;
  guardianMobile: string;
  guardianCardType: string;
  guardianCardNo: string;
  guardianSex: string;
  guardianRelation: string;
  guardianBirthday: string;
}

export interface OrderBodyWire {
  unitId: number | string;
  depId?: number | string;
  doctorId?: number | string;
  detlId: string;
  mobile: string;
  trueName: string;
  sex: 0 | 1;
  birthday: string;
  cardType: number;
  cardNo: string;
  clinicNo: string;
  address: string;
  guardian?: OrderGuardianWire;
}

export function orderSexCode(sex: Sex): 0 | 1 {
  return sex === "male" ? 0 : 1;
}

/** The API documents these as ints; IDs that are not plain numbers are sent as they are. */
export function wireIntId(id: string): number | string {
  const n = Number(id);
  return /^\d+$/.test(id) && Number.isSafeInteger(n) ? n : id;
}

/** `yyyy-MM-dd`, zero-padded; throws on anything that is not a calendar date. */
export function wireDate(d: IsoDate): string {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(d.trim());
  if (!m) throw new RangeError("birthday must be yyyy-MM-dd");
  const [y, mo, da] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, da));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== da) {
    throw new RangeError("birthday is not a calendar date");
  }
  return `${m[1]}-${String(mo).padStart(2, "0")}-${String(da).padStart(2, "0")}`;
}

export function toOrderBody(order: OrderRequest, cardTypes: CardTypeTable): OrderBodyWire {
  const p = order.patient;
  const body: OrderBodyWire = {
    unitId: wireIntId(order.unitId),
    detlId: order.resourceId,
    mobile: p.mobile,
    trueName: p.name,
    sex: orderSexCode(p.sex),
    birthday: wireDate(p.birthday),
    cardType: cardTypes[p.certificate.kind],
    cardNo: p.certificate.number,
    clinicNo: p.clinicNo ?? "",
    address: p.address,
  };
  if (order.depId) body.depId = wireIntId(order.depId);
  if (order.doctorId) body.doctorId = wireIntId(order.doctorId);
  const g = p.guardian;
  if (g) {
    body.guardian = {
      guardianTrueName: g.name,
      guardianMobile: g.mobile,
      guardianCardType: String(cardTypes[g.certificate.kind]),
      guardianCardNo: g.certificate.number,
      guardianSex: String(orderSexCode(g.sex)),
      guardianRelation: g.relation,
      guardianBirthday: wireDate(g.birthday),
    };
  }
  return body;
}

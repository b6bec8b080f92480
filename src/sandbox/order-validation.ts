// The order body as the document defines it. Its codes are checked strictly (sex 0/1, cardType from the
// accepted set) because a client that maps them wrongly would book under the wrong identity.
import { isIsoDate } from "./clock.js";
import { badParameter } from "./refusal.js";
import { optionalInt, type Params, requiredInt, requiredString } from "./validation.js";

const MAINLAND_MOBILE = /^1[3-9]\d{9}$/;

export interface OrderInput {
  unitId: number;
  depId?: number;
  doctorId?: number;
  detlId: string;
}

export interface OrderRules {
  today: string;
  cardTypes: ReadonlySet<number>;
}

function mobile(p: Params, field: string, label: string): void {
  const v = requiredString(p, field, label);
  if (!MAINLAND_MOBILE.test(v)) throw badParameter(`${label}格式错误: ${field}`);
}

function birthday(p: Params, field: string, label: string, today: string): void {
  const v = requiredString(p, field, label);
  if (!isIsoDate(v)) throw badParameter(`${label}格式错误: ${field} 应为 yyyy-MM-dd`);
  if (v > today) throw badParameter(`${label}不能晚于今天: ${field}`);
}

function cardType(v: number, field: string, rules: OrderRules): void {
  if (!rules.cardTypes.has(v)) throw badParameter(`证件类型不支持: ${field}=${v}`);
}

/** 0 male, 1 female on this endpoint; the guardian's is the same code written as a string. */
function sexCode(v: unknown, field: string): void {
  const s = typeof v === "number" || typeof v === "string" ? String(v).trim() : "";
  if (s !== "0" && s !== "1") throw badParameter(`性别参数错误: ${field} 只能为 0(男) 或 1(女)`);
}

function guardian(g: unknown, rules: OrderRules): void {
  if (typeof g !== "object" || g === null || Array.isArray(g))
    throw badParameter("监护人信息格式错误: guardian");
  const p = g as Params;
  const missing = [
    "guardianTrueName",
    "guardianMobile",
    "guardianCardType",
    "guardianCardNo",
    "guardianSex",
    "guardianRelation",
    "guardianBirthday",
  ].find((f) => typeof p[f] !== "string" || (p[f] as string).trim() === "");
  if (missing) throw badParameter(`监护人信息不完整: guardian.${missing}`);
  mobile(p, "guardianMobile", "监护人手机号");
  const type = (p.guardianCardType as string).trim();
  if (!/^\d+$/.test(type)) throw badParameter(`证件类型不支持: guardian.guardianCardType=${type}`);
  cardType(Number(type), "guardian.guardianCardType", rules);
  sexCode(p.guardianSex, "guardian.guardianSex");
  birthday(p, "guardianBirthday", "监护人出生日期", rules.today);
}

export function validateOrder(body: Params, rules: OrderRules): OrderInput {
  const unitId = requiredInt(body, "unitId");
  const depId = optionalInt(body, "depId");
  const doctorId = optionalInt(body, "doctorId");
  const detlId = requiredString(body, "detlId", "号源ID");
  mobile(body, "mobile", "手机号");
  requiredString(body, "trueName", "患者姓名");
  if (body.sex === undefined || body.sex === null) throw badParameter("缺少必填参数: sex");
  sexCode(body.sex, "sex");
  birthday(body, "birthday", "出生日期", rules.today);
  cardType(requiredInt(body, "cardType"), "cardType", rules);
  requiredString(body, "cardNo", "证件号");
  requiredString(body, "clinicNo", "门诊卡号", true);
  requiredString(body, "address", "地址");
  if (body.guardian !== undefined && body.guardian !== null) guardian(body.guardian, rules);
  return {
    unitId,
    detlId,
    ...(depId !== undefined && { depId }),
    ...(doctorId !== undefined && { doctorId }),
  };
}

export function validateCancel(body: Params): { orderId: number; cancelReason: string } {
  const orderId = requiredInt(body, "orderId");
  // Required by the document, but a patient need not give a reason: every string, even empty, is accepted.
  const cancelReason = requiredString(body, "cancelReason", "取消原因", true);
  return { orderId, cancelReason };
}

// Readers for request parameters, shared by query strings and JSON bodies. Each refusal names the field,
// as a real server's validation message would, so a client bug shows up as a readable error.
import { isIsoDate } from "./clock.js";
import { badParameter } from "./refusal.js";

export type Params = Readonly<Record<string, unknown>>;

export function queryParams(q: URLSearchParams): Params {
  return Object.fromEntries(q.entries());
}

function present(p: Params, field: string): unknown {
  const v = p[field];
  if (v === undefined || v === null || v === "") throw badParameter(`缺少必填参数: ${field}`);
  return v;
}

/** An int, written as a JSON number or as digits (query strings have no numbers; Java servers coerce). */
function asInt(v: unknown, field: string): number {
  const n =
    typeof v === "number" ? v : typeof v === "string" && /^-?\d+$/.test(v.trim()) ? Number(v) : Number.NaN;
  if (!Number.isSafeInteger(n)) throw badParameter(`参数${field}必须为整数`);
  return n;
}

export function requiredInt(p: Params, field: string): number {
  return asInt(present(p, field), field);
}

export function optionalInt(p: Params, field: string): number | undefined {
  const v = p[field];
  return v === undefined || v === null || v === "" ? undefined : asInt(v, field);
}

/** A string that must be there; `allowEmpty` for fields the document requires but a patient may lack. */
export function requiredString(p: Params, field: string, label = field, allowEmpty = false): string {
  const v = p[field];
  if (v === undefined || v === null) throw badParameter(`缺少必填参数: ${field}`);
  // Java-style coercion: a number where a string is expected is read as its digits.
  if (typeof v !== "string" && typeof v !== "number") throw badParameter(`参数${field}必须为字符串`);
  const s = String(v).trim();
  if (s === "" && !allowEmpty) throw badParameter(`${label}不能为空: ${field}`);
  return s;
}

export function requiredDate(p: Params, field: string, label = "日期"): string {
  const v = present(p, field);
  if (typeof v !== "string" || !isIsoDate(v.trim()))
    throw badParameter(`${label}格式错误: ${field} 应为 yyyy-MM-dd`);
  return v.trim();
}

export function pageParams(p: Params, cap: number): { pageNum: number; pageSize: number } {
  const pageNum = requiredInt(p, "pageNum");
  const pageSize = requiredInt(p, "pageSize");
  if (pageNum < 1) throw badParameter("参数pageNum必须大于0");
  if (pageSize < 1) throw badParameter("参数pageSize必须大于0");
  return { pageNum, pageSize: Math.min(pageSize, cap) };
}

export function page<T>(items: readonly T[], p: { pageNum: number; pageSize: number }) {
  const start = (p.pageNum - 1) * p.pageSize;
  return { list: items.slice(start, start + p.pageSize), total: items.length };
}

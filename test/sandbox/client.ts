// What the tests use to talk to the sandbox the way a client would: plain fetch, raw JSON envelopes.
import type { Sandbox } from "../../src/sandbox/server.js";

export interface WireEnvelope {
  code: string | number;
  msg: string;
  data?: unknown;
}

export interface Wire {
  status: number;
  body: WireEnvelope;
}

/** 2026-03-10 09:00 in China (a Tuesday): after the first hospital's 08:00 release, during morning clinic. */
export const CHINA_0900 = new Date("2026-03-10T01:00:00Z");

export async function get(
  sb: Sandbox,
  path: string,
  params: Record<string, string | number>,
  token = sb.appToken,
) {
  const q = new URLSearchParams({
    ...Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])),
  });
  if (token) q.set("appToken", token);
  const res = await fetch(`${sb.url}${path}?${q}`);
  return { status: res.status, body: (await res.json()) as WireEnvelope };
}

export async function post(sb: Sandbox, path: string, body: Record<string, unknown>, token = sb.appToken) {
  const res = await fetch(`${sb.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json; charset=utf-8" },
    body: JSON.stringify(token ? { appToken: token, ...body } : body),
  });
  return { status: res.status, body: (await res.json()) as WireEnvelope };
}

export interface WireSchedule {
  scheduleId: string;
  scheduleDate: string;
  resourceMax: number;
  appointedNum: number;
}
export interface WireSlot {
  resourceId: string;
  beginTime: string;
  resourceMax: number;
  appointedNum: number;
}

export const free = (x: { resourceMax: number; appointedNum: number }) =>
  Math.max(0, x.resourceMax - x.appointedNum);

/** The first hospital's first doctor, exactly as a patient tapping the first button each time would get. */
export async function firstDoctor(sb: Sandbox) {
  const units = (await get(sb, "/basicInfo/unitList", { pageNum: 1, pageSize: 20 })).body.data as {
    list: Array<{ unitId: number }>;
  };
  const unitId = units.list[0]?.unitId ?? 0;
  const deps = (await get(sb, "/basicInfo/depList", { unitId, pageNum: 1, pageSize: 20 })).body.data as {
    list: Array<{ depId: number }>;
  };
  const depId = deps.list[0]?.depId ?? 0;
  const docs = (await get(sb, "/basicInfo/doctorList", { unitId, depId, pageNum: 1, pageSize: 20 })).body
    .data as {
    list: Array<{ doctorId: number }>;
  };
  return { unitId, depId, doctorId: docs.list[0]?.doctorId ?? 0 };
}

export async function schedules(
  sb: Sandbox,
  ids: { unitId: number; depId: number; doctorId: number },
  beginDate: string,
  endDate: string,
): Promise<WireSchedule[]> {
  const res = await get(sb, "/appointment/scheduleList", { ...ids, beginDate, endDate });
  return res.body.data as WireSchedule[];
}

export async function slots(sb: Sandbox, unitId: number, scheduleId: string): Promise<WireSlot[]> {
  return (await get(sb, "/appointment/resourceList", { unitId, scheduleId })).body.data as WireSlot[];
}

/** The first free slot of the first doctor from `date` on, with the schedule it belongs to. */
export async function firstFreeSlot(sb: Sandbox, from: string, to: string) {
  const ids = await firstDoctor(sb);
  for (const s of await schedules(sb, ids, from, to)) {
    if (free(s) === 0) continue;
    const slot = (await slots(sb, ids.unitId, s.scheduleId)).find((x) => free(x) > 0);
    if (slot) return { ...ids, schedule: s, slot };
  }
  throw new Error("no free slot for the first doctor");
}

export function orderBody(ids: { unitId: number; depId: number; doctorId: number }, detlId: string) {
  return {
    unitId: ids.unitId,
    depId: ids.depId,
    doctorId: ids.doctorId,
    detlId,
    mobile: "13800138000",
    trueName: "张三",
    sex: 0,
    birthday: "1990-05-17",
    cardType: 1,
    cardNo: "110101199005170011",
    clinicNo: "",
    address: "深圳市福田区福华路1号",
  };
}

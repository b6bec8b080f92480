// What every endpoint handler is given, and the lookups they share.
import { chinaInstant } from "./clock.js";
import type {
  SandboxDepartment,
  SandboxDoctor,
  SandboxHospital,
  SandboxSchedule,
  SandboxSlot,
} from "./model.js";
import { badParameter } from "./refusal.js";
import type { BookingState } from "./state.js";
import type { TokenStore } from "./tokens.js";
import type { Params } from "./validation.js";
import type { SandboxWorld } from "./world.js";

export interface SandboxContext {
  world: SandboxWorld;
  state: BookingState;
  tokens: TokenStore;
  now: () => Date;
  pageSizeCap: number;
  cardTypes: ReadonlySet<number>;
}

export interface RouteResult {
  data?: unknown;
  msg?: string;
}

export interface Route {
  method: "GET" | "POST";
  /** false only for /app/token, which is how a token is obtained */
  auth: boolean;
  handle(params: Params, ctx: SandboxContext): RouteResult;
}

export function hospitalOf(ctx: SandboxContext, unitId: number): SandboxHospital {
  const h = ctx.world.hospital(unitId);
  if (!h) throw badParameter(`医院不存在: unitId=${unitId}`);
  return h;
}

export function departmentOf(h: SandboxHospital, depId: number): SandboxDepartment {
  const d = h.departments.find((x) => x.depId === depId);
  if (!d) throw badParameter(`科室不存在: depId=${depId}`);
  return d;
}

export function doctorOf(d: SandboxDepartment, doctorId: number): SandboxDoctor {
  const doc = d.doctors.find((x) => x.doctorId === doctorId);
  if (!doc) throw badParameter(`医生不存在: doctorId=${doctorId}`);
  return doc;
}

/** Slots not yet begun: past ones are neither listed nor bookable. */
export function upcomingSlots(s: SandboxSchedule, now: Date): SandboxSlot[] {
  const t = now.getTime();
  return s.slots.filter((slot) => chinaInstant(slot.beginTime) > t);
}

/** Whether a schedule's day is inside the hospital's booking window right now. */
export function isOpen(ctx: SandboxContext, s: SandboxSchedule, now: Date): boolean {
  const h = ctx.world.hospital(s.unitId);
  return h !== undefined && ctx.world.openDates(h, now).includes(s.date);
}

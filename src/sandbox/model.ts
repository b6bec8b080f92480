// The simulated hospital's own records, in its own (wire-like) terms: numeric IDs where the API has ints,
// the exact strings it sends where the API has drifting strings. wire.ts turns them into JSON records.
import type { HospitalKind } from "./hospitals.js";

export type Period = "am" | "pm" | "em";

export interface SandboxCity {
  name: string;
  provinceName: string;
  provinceCode: string;
  cityCode: string;
}

export interface SandboxHospital {
  unitId: number;
  name: string;
  level: string;
  unitType: "1" | "2";
  kind: HospitalKind;
  unitOrg: number;
  unitOrgName: string;
  city: SandboxCity;
  districtName: string;
  areaCode: string;
  address: string;
  telephone: string;
  mapPoint: string;
  intro: string;
  busRoute: string;
  specialDeps: string;
  payType: "0" | "1";
  /** when the next day's slots are released, minutes after China midnight */
  openMinute: number;
  /** most hospitals send `HH:mm`; some send a full datetime, as the document's example does */
  openTimeStyle: "clock" | "datetime";
  /** the real booking window: today + cycleDays is the last bookable day */
  cycleDays: number;
  /** what appointmentCycleDays says on the wire; unparseable for a few hospitals */
  cycleDaysWire: string;
  departments: SandboxDepartment[];
}

export interface SandboxDepartment {
  depId: number;
  unitId: number;
  name: string;
  className: string;
  classId: string;
  intro: string;
  telephone: string;
  position: string;
  doctors: SandboxDoctor[];
}

export interface FeeLevel {
  code: string;
  name: string;
  fee: number;
}

/** daily: works every morning and afternoon with room left; full: every session fully booked */
export type DoctorPattern = "daily" | "usual" | "full";

export interface SandboxDoctor {
  doctorId: number;
  depId: number;
  unitId: number;
  name: string;
  title: string;
  /** doctor-list coding: 1 male, 0 female */
  gender: 0 | 1;
  expertise: string;
  detail: string;
  moreVisits: number;
  level: FeeLevel;
  pattern: DoctorPattern;
}

export interface SandboxSlot {
  resourceId: string;
  scheduleId: string;
  /** `yyyy-MM-dd HH:mm:ss`, China time */
  beginTime: string;
  endTime: string;
  resourceMax: number;
  /** booked before this run started; may exceed resourceMax, as in the document's example */
  initialAppointed: number;
}

export interface SandboxSchedule {
  scheduleId: string;
  unitId: number;
  depId: number;
  doctorId: number;
  date: string;
  period: Period;
  level: FeeLevel;
  slots: SandboxSlot[];
}

// The hospital's world as the rest of the bot sees it: normalised at the client boundary, so that
// nothing past src/hospital/ has to know about the API's drifting types or its sex-code contradictions.

/** IDs drift between int and string across endpoints; inside the bot they are always strings. */
export type UnitId = string;
export type DepId = string;
export type DoctorId = string;
export type ScheduleId = string;
export type ResourceId = string;
export type OrderId = string;

/** A calendar day in China time, `yyyy-MM-dd`. */
export type IsoDate = string;

export interface Page<T> {
  items: T[];
  total: number;
  pageNum: number;
  pageSize: number;
}

export interface Hospital {
  unitId: UnitId;
  name: string;
  /** e.g. 三甲; empty when the API gives none */
  level: string;
  provinceName: string;
  cityName: string;
  cityCode: string;
  districtName: string;
  address: string;
  telephone: string;
  /** the map position as the API sends it (free text; src/reminders/map-point.ts reads it) */
  mapPoint: string;
  /** how to get there by public transport; empty when the API gives none */
  busRoute: string;
  /** "onsite" = pay at the hospital (payType 0), "online" = must pay online (payType 1) */
  payType: "onsite" | "online" | "unknown";
  /** The daily time new slots are released, China time. */
  appointmentOpenTime: { hour: number; minute: number };
  /** How many days ahead can be booked (today counts as day 0). */
  bookingWindowDays: number;
}

export interface Department {
  depId: DepId;
  unitId: UnitId;
  name: string;
  className: string;
  intro: string;
}

export type DoctorGender = "male" | "female" | "unknown";

export interface Doctor {
  doctorId: DoctorId;
  depId: DepId;
  unitId: UnitId;
  name: string;
  title: string;
  gender: DoctorGender;
  expertise: string;
}

export type Period = "am" | "pm" | "em";

export interface Schedule {
  scheduleId: ScheduleId;
  unitId: UnitId;
  depId: DepId;
  doctorId: DoctorId;
  date: IsoDate;
  period: Period;
  levelName: string;
  /** total fee in yuan */
  fee: number;
  capacity: number;
  /** max(0, resourceMax - appointedNum) */
  available: number;
}

export interface Slot {
  resourceId: ResourceId;
  scheduleId: ScheduleId;
  /** `yyyy-MM-dd HH:mm:ss`, China time, as the API sends it */
  beginTime: string;
  endTime: string;
  fee: number;
  available: number;
}

export type Sex = "male" | "female";

/** Certificate kinds the bot offers; each maps to the API's numeric cardType through one table. */
export const CERTIFICATE_KINDS = [
  "id_card",
  "household_register",
  "passport",
  "officer_id",
  "driving_licence",
  "hk_macau_permit",
  "taiwan_permit",
  "other",
] as const;
export type CertificateKind = (typeof CERTIFICATE_KINDS)[number];

export interface Certificate {
  kind: CertificateKind;
  number: string;
}

export interface Guardian {
  name: string;
  mobile: string;
  certificate: Certificate;
  sex: Sex;
  relation: string;
  birthday: IsoDate;
}

export interface Patient {
  name: string;
  certificate: Certificate;
  sex: Sex;
  birthday: IsoDate;
  mobile: string;
  /** outpatient card number; null when the patient has none */
  clinicNo: string | null;
  address: string;
  guardian: Guardian | null;
}

export interface OrderRequest {
  unitId: UnitId;
  depId: DepId;
  doctorId: DoctorId;
  resourceId: ResourceId;
  patient: Patient;
}

export interface OrderConfirmation {
  orderId: OrderId;
  /** the pickup code (HIS take number) */
  hisTakeNo: string;
}

export interface PageRequest {
  pageNum: number;
  pageSize: number;
}

/** One method per endpoint of the 91160 open API. */
export interface HospitalApi {
  listHospitals(page: PageRequest): Promise<Page<Hospital>>;
  listDepartments(unitId: UnitId, page: PageRequest): Promise<Page<Department>>;
  listDoctors(unitId: UnitId, depId: DepId, page: PageRequest): Promise<Page<Doctor>>;
  listSchedules(q: {
    unitId: UnitId;
    depId: DepId;
    doctorId: DoctorId;
    beginDate: IsoDate;
    endDate: IsoDate;
  }): Promise<Schedule[]>;
  listSlots(unitId: UnitId, scheduleId: ScheduleId): Promise<Slot[]>;
  /** Never retried: a timeout becomes OrderOutcomeUnknownError. */
  placeOrder(order: OrderRequest): Promise<OrderConfirmation>;
  cancelOrder(orderId: OrderId, reason: string): Promise<void>;
}

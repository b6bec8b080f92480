// Wire records → domain types. Fields an endpoint omits fall back to what the request asked for, since the
// request already names the hospital, department and doctor the records belong to.
import {
  availability,
  type DepWire,
  type DoctorWire,
  parseCycleDays,
  parseDoctorGender,
  parseOpenTime,
  parsePayType,
  parsePeriod,
  type ScheduleWire,
  type SlotWire,
  type UnitWire,
} from "./schemas.js";
import type { Department, Doctor, Hospital, Schedule, Slot } from "./types.js";

export function toHospital(w: UnitWire): Hospital {
  return {
    unitId: w.unitId,
    name: w.unitName,
    level: w.unitLevel,
    provinceName: w.provinceName,
    cityName: w.cityName,
    cityCode: w.cityCode,
    districtName: w.districtName,
    address: w.address,
    telephone: w.telephone,
    mapPoint: w.mapPoint,
    busRoute: w.busRoute,
    payType: parsePayType(w.payType),
    appointmentOpenTime: parseOpenTime(w.appointmentOpenTime),
    bookingWindowDays: parseCycleDays(w.appointmentCycleDays),
  };
}

export function toDepartment(w: DepWire, unitId: string): Department {
  return {
    depId: w.depId,
    unitId: w.unitId ?? unitId,
    name: w.depName,
    className: w.depClassName,
    intro: w.depIntro,
  };
}

export function toDoctor(w: DoctorWire, unitId: string, depId: string): Doctor {
  return {
    doctorId: w.doctorId,
    unitId: w.unitId ?? unitId,
    depId: w.depId ?? depId,
    name: w.doctorName,
    title: w.doctorTitle,
    gender: parseDoctorGender(w.gender),
    expertise: w.expertise,
  };
}

/** null when the record has no readable day or period: showing it would mislead the patient. */
export function toSchedule(
  w: ScheduleWire,
  q: { unitId: string; depId: string; doctorId: string },
): Schedule | null {
  const period = parsePeriod(w.timeType, w.timeTypeDesc);
  const date = /^\d{4}-\d{2}-\d{2}/.exec(w.scheduleDate)?.[0];
  if (!period || !date) return null;
  return {
    scheduleId: w.scheduleId,
    unitId: w.unitId ?? q.unitId,
    depId: w.depId ?? q.depId,
    doctorId: w.doctorId ?? q.doctorId,
    date,
    period,
    levelName: w.levelName,
    fee: w.resourceFee,
    capacity: Math.max(0, w.resourceMax),
    available: availability(w.resourceMax, w.appointedNum),
  };
}

export function toSlot(w: SlotWire, scheduleId: string): Slot {
  return {
    resourceId: w.resourceId,
    scheduleId: w.scheduleId ?? scheduleId,
    beginTime: w.beginTime,
    endTime: w.endTime,
    fee: w.resourceFee,
    available: availability(w.resourceMax, w.appointedNum),
  };
}

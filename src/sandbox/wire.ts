// Records exactly as the document types them, drift included: depId is an int in the department and
// schedule lists but a string in the doctor list; scheduleId, resourceId and depClassId are strings;
// unitType, payType and appointmentCycleDays are strings; gender is an int with 1 = male.
import { hhmm } from "./clock.js";
import type {
  SandboxDepartment,
  SandboxDoctor,
  SandboxHospital,
  SandboxSchedule,
  SandboxSlot,
} from "./model.js";
import { PERIOD_DESC } from "./schedule.js";

const IMAGE_BASE = "https://img.sandbox.91160.test";

export function unitWire(h: SandboxHospital, today: string) {
  return {
    unitId: h.unitId,
    masterUnitId: h.unitId,
    unitName: h.name,
    unitLevel: h.level,
    unitType: h.unitType,
    unitOrg: h.unitOrg,
    image: `${IMAGE_BASE}/unit/${h.unitId}.png`,
    areaCode: h.areaCode,
    address: h.address,
    mapPoint: h.mapPoint,
    unitIntro: h.intro,
    payType: h.payType,
    provinceName: h.city.provinceName,
    provinceCode: h.city.provinceCode,
    cityName: h.city.name,
    cityCode: h.city.cityCode,
    districtName: h.districtName,
    appointmentOpenTime:
      h.openTimeStyle === "clock" ? hhmm(h.openMinute) : `${today} ${hhmm(h.openMinute)}:00`,
    appointmentCycleDays: h.cycleDaysWire,
    busRoute: h.busRoute,
    telephone: h.telephone,
    specialDeps: h.specialDeps,
    unitOrgName: h.unitOrgName,
  };
}

export function depWire(d: SandboxDepartment) {
  return {
    depId: d.depId,
    depName: d.name,
    depIntro: d.intro,
    telephone: d.telephone,
    unitId: d.unitId,
    image: `${IMAGE_BASE}/dep/${d.depId}.png`,
    unitInnerPosition: d.position,
    depClassName: d.className,
    depClassId: d.classId,
    hisDepId: `H${d.depId}`,
  };
}

export function doctorWire(d: SandboxDoctor) {
  return {
    unitId: d.unitId,
    depId: String(d.depId),
    doctorId: d.doctorId,
    doctorName: d.name,
    image: `${IMAGE_BASE}/doctor/${d.doctorId}.jpg`,
    doctorTitle: d.title,
    moreVisits: d.moreVisits,
    detail: d.detail,
    gender: d.gender,
    expertise: d.expertise,
  };
}

export function scheduleWire(
  s: SandboxSchedule,
  unitName: string,
  totals: { resourceMax: number; appointedNum: number },
) {
  return {
    scheduleId: s.scheduleId,
    unitId: s.unitId,
    depId: s.depId,
    doctorId: s.doctorId,
    scheduleDate: s.date,
    unitName,
    timeType: s.period,
    timeTypeDesc: PERIOD_DESC[s.period],
    levelCode: s.level.code,
    levelName: s.level.name,
    resourceMax: totals.resourceMax,
    appointedNum: totals.appointedNum,
    resourceFee: s.level.fee,
  };
}

export function slotWire(slot: SandboxSlot, fee: number, appointedNum: number) {
  return {
    resourceId: slot.resourceId,
    beginTime: slot.beginTime,
    endTime: slot.endTime,
    scheduleId: slot.scheduleId,
    resourceMax: slot.resourceMax,
    appointedNum,
    resourceFee: fee,
  };
}

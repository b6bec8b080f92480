// The seeded world: hospitals from hospitals.ts, departments and doctors drawn from names.ts. Built once
// at start (a few thousand records); schedules and slots are generated per (doctor, day) on demand.
import { doctorsOf } from "./doctors.js";
import { CITIES, type CitySeed, type HospitalSeed } from "./hospitals.js";
import type {
  SandboxCity,
  SandboxDepartment,
  SandboxDoctor,
  SandboxHospital,
  SandboxSchedule,
  SandboxSlot,
} from "./model.js";
import { DEPARTMENT_POOLS } from "./names.js";
import { type Rng, rngFor } from "./prng.js";
import { generateDay, openDates, parseResourceId, parseScheduleId } from "./schedule.js";

export interface SandboxWorld {
  readonly seed: number;
  readonly cities: readonly SandboxCity[];
  /** in unit-list order: city by city */
  readonly hospitals: readonly SandboxHospital[];
  hospitalsIn(cityName: string): SandboxHospital[];
  hospital(unitId: number): SandboxHospital | undefined;
  department(depId: number): SandboxDepartment | undefined;
  doctor(doctorId: number): SandboxDoctor | undefined;
  doctors(): SandboxDoctor[];
  /** The doctor's sessions that day as the seed makes them: before any booking in this run, no window. */
  schedulesFor(doctor: SandboxDoctor, date: string): SandboxSchedule[];
  schedule(scheduleId: string): SandboxSchedule | undefined;
  slot(resourceId: string): { schedule: SandboxSchedule; slot: SandboxSlot } | undefined;
  /** The days a hospital offers at `now`: today .. today+cycleDays, China time. */
  openDates(hospital: SandboxHospital, now: Date): string[];
}

const OPEN_TIMES = ["07:00", "07:30", "08:00", "08:30", "09:00", "12:00", "15:00", "17:00", "20:00", "00:00"];
const ORG: Record<HospitalSeed["kind"], [number, string]> = {
  general: [1, "综合医院"],
  children: [2, "儿童医院"],
  women: [3, "妇幼保健院"],
  tcm: [4, "中医医院"],
};

export function phone(rng: Rng, prefix: string): string {
  return `${prefix}-${rng.int(2, 8)}${String(rng.int(0, 9_999_999)).padStart(7, "0")}`;
}

function departments(seed: number, h: SandboxHospital, city: CitySeed, first: boolean): SandboxDepartment[] {
  const rng = rngFor(seed, "departments", h.unitId);
  const pool = DEPARTMENT_POOLS[h.kind];
  const chosen = pool.filter((_, i) => i < 10 || rng.chance(0.4));
  return chosen.map((seedDep, j) => {
    const d: SandboxDepartment = {
      depId: h.unitId * 100 + j + 1,
      unitId: h.unitId,
      name: seedDep.name,
      className: seedDep.className,
      classId: seedDep.classId,
      intro: `${h.name}${seedDep.name}提供${seedDep.className}常见病、疑难病的门诊诊疗与专科咨询。`,
      telephone: phone(rng, city.phonePrefix),
      position: `门诊楼${rng.int(1, 6)}楼${rng.pick(["A", "B", "C"])}区`,
      doctors: [],
    };
    d.doctors = doctorsOf(seed, h, d, first && j === 0);
    return d;
  });
}

function hospital(seed: number, city: CitySeed, hs: HospitalSeed, index: number): SandboxHospital {
  const rng = rngFor(seed, "hospital", index);
  const first = index === 0;
  const [openH, openM] = (first ? "08:00" : rng.pick(OPEN_TIMES)).split(":").map(Number);
  const cycleDays = first ? 14 : rng.pick([7, 14]);
  const [unitOrg, unitOrgName] = ORG[hs.kind];
  const [lng, lat] = city.centre;
  const h: SandboxHospital = {
    unitId: 101 + index,
    name: hs.name,
    level: hs.level,
    unitType: hs.unitType,
    kind: hs.kind,
    unitOrg,
    unitOrgName,
    city: {
      name: city.name,
      provinceName: city.provinceName,
      provinceCode: city.provinceCode,
      cityCode: city.cityCode,
    },
    districtName: hs.district,
    areaCode: hs.areaCode,
    address: hs.address,
    telephone: phone(rng, city.phonePrefix),
    mapPoint: `${(lng + (rng.next() - 0.5) / 5).toFixed(6)},${(lat + (rng.next() - 0.5) / 5).toFixed(6)}`,
    intro: `${hs.name}是一所集医疗、教学、科研于一体的${hs.level}${unitOrgName}。`,
    busRoute: `乘坐地铁或公交至${hs.district}${rng.pick(["人民医院站", "医院站", "中心站", "公园站"])}下车，步行${rng.int(2, 12)}分钟`,
    specialDeps: "",
    payType: hs.unitType === "2" || rng.chance(0.15) ? "1" : "0",
    openMinute: (openH ?? 8) * 60 + (openM ?? 0),
    openTimeStyle: !first && rng.chance(0.2) ? "datetime" : "clock",
    cycleDays,
    cycleDaysWire: String(cycleDays),
    departments: [],
  };
  h.departments = departments(seed, h, city, first);
  h.specialDeps = h.departments
    .slice(0, 3)
    .map((d) => d.name)
    .join(",");
  return h;
}

/** Two hospitals (never the first) send an appointmentCycleDays the client cannot parse; they use 7. */
function garbleCycleDays(seed: number, hospitals: SandboxHospital[]): void {
  const rng = rngFor(seed, "garble");
  const a = rng.int(1, hospitals.length - 1);
  let b = rng.int(1, hospitals.length - 1);
  while (b === a) b = rng.int(1, hospitals.length - 1);
  for (const [i, wire] of [
    [a, ""],
    [b, "暂无"],
  ] as const) {
    const h = hospitals[i];
    if (!h) continue;
    h.cycleDays = 7;
    h.cycleDaysWire = wire;
  }
}

export function buildWorld(seed: number): SandboxWorld {
  const hospitals: SandboxHospital[] = [];
  for (const city of CITIES) {
    for (const hs of city.hospitals) hospitals.push(hospital(seed, city, hs, hospitals.length));
  }
  garbleCycleDays(seed, hospitals);
  const byUnit = new Map(hospitals.map((h) => [h.unitId, h]));
  const allDeps = hospitals.flatMap((h) => h.departments);
  const byDep = new Map(allDeps.map((d) => [d.depId, d]));
  const allDoctors = allDeps.flatMap((d) => d.doctors);
  const byDoctor = new Map(allDoctors.map((d) => [d.doctorId, d]));

  const schedule = (scheduleId: string): SandboxSchedule | undefined => {
    const key = parseScheduleId(scheduleId);
    const doctor = key && byDoctor.get(key.doctorId);
    if (!key || !doctor) return undefined;
    return generateDay(seed, doctor, key.date).find((s) => s.period === key.period);
  };

  return {
    seed,
    cities: CITIES.map((c) => hospitals.find((h) => h.city.name === c.name)?.city).filter(
      (c): c is SandboxCity => c !== undefined,
    ),
    hospitals,
    hospitalsIn: (cityName) => hospitals.filter((h) => h.city.name === cityName),
    hospital: (unitId) => byUnit.get(unitId),
    department: (depId) => byDep.get(depId),
    doctor: (doctorId) => byDoctor.get(doctorId),
    doctors: () => [...allDoctors],
    schedulesFor: (doctor, date) => generateDay(seed, doctor, date),
    schedule,
    slot: (resourceId) => {
      const key = parseResourceId(resourceId);
      const s = key && schedule(key.scheduleId);
      const slot = key && s?.slots[key.index];
      return s && slot ? { schedule: s, slot } : undefined;
    },
    openDates,
  };
}

// The seeded world: hospitals from hospitals.ts, departments and doctors drawn from names.ts. Built once
// at start (a few thousand records); schedules and slots are generated per (doctor, day) on demand.
import { CITIES, type CitySeed, type HospitalSeed } from "./hospitals.js";
import type {
  FeeLevel,
  SandboxCity,
  SandboxDepartment,
  SandboxDoctor,
  SandboxHospital,
  SandboxSchedule,
  SandboxSlot,
} from "./model.js";
import { DEPARTMENT_POOLS, expertiseFor, GIVEN_FEMALE, GIVEN_MALE, SURNAMES, TITLES } from "./names.js";
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
const FEES: Record<string, [number, number, number]> = {
  三甲: [25, 50, 100],
  三乙: [18.5, 38, 80],
  二甲: [12.5, 28, 60],
};
const ORG: Record<HospitalSeed["kind"], [number, string]> = {
  general: [1, "综合医院"],
  children: [2, "儿童医院"],
  women: [3, "妇幼保健院"],
  tcm: [4, "中医医院"],
};

function phone(rng: Rng, prefix: string): string {
  return `${prefix}-${rng.int(2, 8)}${String(rng.int(0, 9_999_999)).padStart(7, "0")}`;
}

function personName(rng: Rng, gender: 0 | 1): string {
  const pool = gender === 1 ? GIVEN_MALE : GIVEN_FEMALE;
  const given = rng.chance(0.6) ? rng.pick(pool) + rng.pick(pool) : rng.pick(pool);
  return rng.pick(SURNAMES) + given;
}

function title(rng: Rng): string {
  const total = TITLES.reduce((s, t) => s + t.weight, 0);
  let r = rng.next() * total;
  for (const t of TITLES) {
    r -= t.weight;
    if (r < 0) return t.title;
  }
  return TITLES[TITLES.length - 1]?.title ?? "主治医师";
}

function feeLevel(rng: Rng, doctorTitle: string, hospitalLevel: string): FeeLevel {
  const [ordinary, expert, special] = FEES[hospitalLevel] ?? [20, 40, 80];
  if (doctorTitle === "主任医师" && rng.chance(0.3)) return { code: "3", name: "特需号", fee: special };
  if (doctorTitle === "主任医师" || doctorTitle === "副主任医师")
    return { code: "2", name: "专家号", fee: expert };
  return { code: "1", name: "普通号", fee: ordinary };
}

function doctors(seed: number, h: SandboxHospital, d: SandboxDepartment, first: boolean): SandboxDoctor[] {
  const rng = rngFor(seed, "doctors", d.depId);
  // The first department of the first hospital has a bookable doctor first and a fully booked one last.
  const count = first ? 4 : rng.int(2, 5);
  const names = new Set<string>();
  const out: SandboxDoctor[] = [];
  for (let k = 0; k < count; k++) {
    const gender: 0 | 1 = rng.chance(0.55) ? 1 : 0;
    let name = personName(rng, gender);
    while (names.has(name)) name = personName(rng, gender);
    names.add(name);
    const t = title(rng);
    const years = rng.int(5, 30);
    const random = rng.chance(0.04) ? "full" : "usual";
    out.push({
      doctorId: d.depId * 10 + k + 1,
      depId: d.depId,
      unitId: h.unitId,
      name,
      title: t,
      gender,
      expertise: `擅长${expertiseFor(d.name)}`,
      detail: `${name}，${t}，从事${d.name}临床工作${years}年。`,
      moreVisits: rng.int(0, 500),
      level: feeLevel(rng, t, h.level),
      pattern: k === 0 ? "daily" : first && k === count - 1 ? "full" : random,
    });
  }
  return out;
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
    d.doctors = doctors(seed, h, d, first && j === 0);
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

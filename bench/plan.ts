// Who books what. Most patients are spread over many doctors, each on a session of their own, so any
// booking that fails is the bot's fault; the rest are sent in crowds after a few scarce sessions (about
// 1.5 patients per place), so the race for the last places is exercised too. Everything is derived from
// the sandbox's seeded world, so both runs (our bot and the bare one) meet the same hospital.
import { makeIdCardNumber } from "../src/patient/id-card.js";
import type { SandboxDoctor, SandboxSchedule, SandboxWorld } from "../src/sandbox/server.js";

export interface Identity {
  name: string;
  idNumber: string;
  mobile: string;
  address: string;
}

export interface PatientPlan {
  index: number;
  userId: number;
  identity: Identity;
  cityName: string;
  unitId: string;
  depId: string;
  doctorId: string;
  date: string;
  scheduleId: string;
  contested: boolean;
}

export interface HotSession {
  scheduleId: string;
  /** places free before the run */
  capacity: number;
  contenders: number;
}

export interface Plan {
  patients: PatientPlan[];
  hot: HotSession[];
  /** places free in a slot before the run */
  capacityOf(resourceId: string): number;
  /** distinct doctors the patients were sent to */
  doctors: number;
}

/** Only what the first page of each list shows (8 items), so a patient taps as a person would. */
const FIRST_PAGE = 8;
/** Tomorrow onwards (today's sessions may have begun), within the shortest booking window (7 days). */
const DAY_OFFSETS = [1, 2, 3, 4, 5, 6];
const CONTENDERS_PER_PLACE = 1.5;

const SURNAMES = [..."王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"];
const GIVEN = [..."伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平"];

/** A distinct, valid identity per patient: Han name, checksum-valid ID card, mobile and address. */
export function identityOf(i: number): Identity {
  const g = GIVEN.length;
  const name = `${SURNAMES[i % SURNAMES.length]}${GIVEN[Math.floor(i / SURNAMES.length) % g]}${GIVEN[Math.floor(i / (SURNAMES.length * g)) % g]}`;
  const birthday = new Date(Date.UTC(1960, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
  return {
    name,
    idNumber: makeIdCardNumber("440304", birthday, 100 + (i % 800)),
    mobile: `139${String(i).padStart(8, "0")}`,
    address: `深圳市福田区福华路${i + 1}号`,
  };
}

function capacityOfSlot(slot: { resourceMax: number; initialAppointed: number }): number {
  return Math.max(0, slot.resourceMax - slot.initialAppointed);
}

function sessionCapacity(s: SandboxSchedule): number {
  return s.slots.reduce((sum, slot) => sum + capacityOfSlot(slot), 0);
}

/** Sessions in the order patients are given them: every doctor once before any doctor twice. */
function sessionsInSpreadOrder(
  world: SandboxWorld,
  now: Date,
): Array<{ doctor: SandboxDoctor; s: SandboxSchedule }> {
  const doctors: SandboxDoctor[] = [];
  for (const city of world.cities) {
    for (const h of world.hospitalsIn(city.name).slice(0, FIRST_PAGE)) {
      for (const dep of h.departments.slice(0, FIRST_PAGE)) {
        // every department's first doctor sits each morning and afternoon with room left
        const first = dep.doctors[0];
        if (first?.pattern === "daily") doctors.push(first);
      }
    }
  }
  const out: Array<{ doctor: SandboxDoctor; s: SandboxSchedule }> = [];
  for (const offset of DAY_OFFSETS) {
    for (const period of ["am", "pm"] as const) {
      for (const doctor of doctors) {
        const hospital = world.hospital(doctor.unitId);
        const date = hospital ? world.openDates(hospital, now)[offset] : undefined;
        if (!date) continue;
        const s = world.schedulesFor(doctor, date).find((x) => x.period === period);
        if (s && sessionCapacity(s) > 0) out.push({ doctor, s });
      }
    }
  }
  return out;
}

export function planRun(world: SandboxWorld, patients: number, contestedShare: number, now: Date): Plan {
  const sessions = sessionsInSpreadOrder(world, now);
  const contenders = Math.round(patients * contestedShare);
  const hot: HotSession[] = [];
  const hotOf: string[] = [];
  let cursor = 0;
  while (hotOf.length < contenders) {
    const next = sessions[cursor++];
    if (!next) throw new Error("the sandbox world has too few sessions for this many contenders");
    const capacity = sessionCapacity(next.s);
    const crowd = Math.min(contenders - hotOf.length, Math.ceil(capacity * CONTENDERS_PER_PLACE));
    hot.push({ scheduleId: next.s.scheduleId, capacity, contenders: crowd });
    for (let k = 0; k < crowd; k++) hotOf.push(next.s.scheduleId);
  }
  const hotSessions = new Map(sessions.slice(0, cursor).map((x) => [x.s.scheduleId, x]));
  const spread = sessions.slice(cursor);
  if (spread.length < patients - contenders) {
    throw new Error(
      `the sandbox world offers ${spread.length} sessions for ${patients - contenders} patients`,
    );
  }

  const plans: PatientPlan[] = [];
  const doctorIds = new Set<number>();
  let h = 0;
  let sp = 0;
  for (let i = 0; i < patients; i++) {
    // contenders are interleaved with the others, so crowds and quiet bookings run side by side
    const contested = Math.floor(((i + 1) * contenders) / patients) > Math.floor((i * contenders) / patients);
    const target = contested ? hotSessions.get(hotOf[h++] ?? "") : spread[sp++];
    if (!target) throw new Error("planning ran out of sessions");
    const { doctor, s } = target;
    const hospital = world.hospital(doctor.unitId);
    doctorIds.add(doctor.doctorId);
    plans.push({
      index: i,
      userId: 7_100_000 + i,
      identity: identityOf(i),
      cityName: hospital?.city.name ?? "",
      unitId: String(doctor.unitId),
      depId: String(doctor.depId),
      doctorId: String(doctor.doctorId),
      date: s.date,
      scheduleId: s.scheduleId,
      contested,
    });
  }
  return {
    patients: plans,
    hot,
    doctors: doctorIds.size,
    capacityOf(resourceId) {
      const found = world.slot(resourceId);
      return found ? capacityOfSlot(found.slot) : 0;
    },
  };
}

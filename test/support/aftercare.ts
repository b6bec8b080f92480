// What the aftercare stories share: a world on a clock the story moves, a free slot found as a patient
// would browse, a booking through the same order service the confirm step uses, and the expected texts
// from the locale files. Time moves by the clock and jobs.promoteDue(), never by waiting.
import { afterEach } from "vitest";
import type { App } from "../../src/app.js";
import type { BookingRecord } from "../../src/bookings/record.js";
import type { Department, Doctor, Hospital, Patient, Schedule, Slot } from "../../src/hospital/types.js";
import { whenText } from "../../src/i18n/format.js";
import type { Lang } from "../../src/i18n/index.js";
import { zh } from "../../src/i18n/zh.js";
import type { JobKind } from "../../src/jobs/jobs.js";
import type { AftercareEvent } from "../../src/reminders/aftercare.js";
import type { ChatMessage, EmulatedUser } from "../../src/telegram-emulator/types.js";
import { addDaysIso, chinaWallClockToInstant as china, chinaToday } from "../../src/time/china-time.js";
import { type ManualClock, manualClock } from "./clock.js";
import { ADULT_ID, startTestWorld, type TestWorld } from "./world.js";

const PATIENT: Patient = {
  name: "张三",
  certificate: { kind: "id_card", number: ADULT_ID },
  sex: "male",
  birthday: "1990-03-07",
  mobile: "13812345678",
  clinicNo: null,
  address: "深圳市福田区福华路1号",
  guardian: null,
};
export const HOUR = 3_600_000;

export interface Found {
  hospital: Hospital;
  department: Department;
  doctor: Doctor;
  schedule: Schedule;
  slot: Slot;
}

export interface AftercareStories {
  /** a fresh world whose clock starts at 09:00 China time today */
  start(): Promise<TestWorld>;
  readonly clock: ManualClock;
  /** the story's first day plus n, China time, however far the clock has moved since */
  day(n: number): string;
  /** what the aftercare reported for metrics in the current story */
  events(): AftercareEvent[];
  checks(): string[];
  /** another app (a second process) to close with the story */
  keep(app: App): void;
}

export function useAftercareStories(): AftercareStories {
  let world: TestWorld | undefined;
  let clock: ManualClock | undefined;
  let firstDay = "";
  let events: AftercareEvent[] = [];
  const extra: App[] = [];
  afterEach(async () => {
    await Promise.all(extra.splice(0).map((a) => a.close()));
    await world?.stop();
    world = undefined;
  });
  return {
    async start() {
      firstDay = chinaToday(new Date());
      clock = manualClock(china(`${firstDay} 09:00:00`));
      events = [];
      world = await startTestWorld({ now: clock.now, hooks: { onAftercare: (e) => events.push(e) } });
      return world;
    },
    get clock() {
      if (!clock) throw new Error("start() the story first");
      return clock;
    },
    day: (n) => addDaysIso(firstDay, n),
    events: () => events,
    checks: () => events.filter((e) => e.kind === "check").map((e) => e.outcome),
    keep: (app) => void extra.push(app),
  };
}

/** A free slot on `date` whose start passes `accept`, searched as a patient would browse. */
export async function findSlot(w: TestWorld, date: string, accept: (s: Slot) => boolean): Promise<Found> {
  const { catalog, hospital: api } = w.app;
  for (const hospital of (await catalog.hospitals()).slice(0, 6)) {
    for (const department of (await catalog.departments(hospital.unitId)).slice(0, 6)) {
      for (const doctor of await catalog.doctors(hospital.unitId, department.depId)) {
        const schedules = await api.listSchedules({
          unitId: hospital.unitId,
          depId: department.depId,
          doctorId: doctor.doctorId,
          beginDate: date,
          endDate: date,
        });
        for (const schedule of schedules.filter((s) => s.available > 0)) {
          const slots = await api.listSlots(hospital.unitId, schedule.scheduleId);
          const slot = slots.find((s) => s.available > 0 && accept(s));
          if (slot) return { hospital, department, doctor, schedule, slot };
        }
      }
    }
  }
  throw new Error(`no free slot on ${date}`);
}

export const at = (hhmm: string) => (s: Slot) => s.beginTime.slice(11, 16) === hhmm;

/** Books through the same order service the confirm step uses, and tells what the step would tell. */
export async function book(w: TestWorld, userId: number, f: Found, lang: Lang | undefined = "zh") {
  const outcome = await w.app.deps.orders.placeOrderOnce(
    userId,
    `story-${userId}-${f.slot.resourceId}`,
    {
      unitId: f.hospital.unitId,
      depId: f.department.depId,
      doctorId: f.doctor.doctorId,
      resourceId: f.slot.resourceId,
      patient: PATIENT,
    },
    {
      hospital: f.hospital.name,
      department: f.department.name,
      doctor: zh.doctor.button(f.doctor.name, f.doctor.title),
      beginTime: f.slot.beginTime,
      endTime: f.slot.endTime,
      fee: f.slot.fee,
      scheduleId: f.schedule.scheduleId,
    },
  );
  if (outcome.kind !== "placed") throw new Error(`not booked: ${outcome.kind}`);
  if (lang) {
    await w.app.deps.aftercare.noteBooking(userId, outcome.record.id, { lang });
  }
  return outcome.record;
}

export async function runDue(...apps: App[]): Promise<void> {
  for (const a of apps) await a.jobs.promoteDue();
  for (const a of apps) await a.jobs.idle();
}

export async function pendingFor<T extends { bookingId: string }>(
  a: App,
  kind: JobKind<T>,
  bookingId: string,
) {
  return (await a.jobs.pending(kind)).filter((j) => j.data.bookingId === bookingId);
}

export const botMessages = (u: EmulatedUser): ChatMessage[] => u.messages().filter((m) => m.fromBot);

export function expectedReminder(r: BookingRecord, h: Hospital, warning: boolean, t = zh): string {
  return t.aftercare.reminder({
    when: whenText(t, r.beginTime, r.endTime),
    hospital: r.hospital,
    department: r.department,
    doctor: r.doctor,
    orderId: r.orderId ?? "",
    takeNo: r.takeNo ?? "",
    address: h.address || undefined,
    telephone: h.telephone || undefined,
    busRoute: h.busRoute || undefined,
    warning,
  });
}

export const labels = (m: ChatMessage | undefined): string[] => {
  const markup = m?.replyMarkup;
  return markup && "inline_keyboard" in markup ? markup.inline_keyboard.flat().map((b) => b.text) : [];
};

/** Every string a Redis key holds, whatever its type. */
export async function valuesOf(w: TestWorld, key: string): Promise<string[]> {
  switch (await w.redis.type(key)) {
    case "string":
      return [(await w.redis.get(key)) ?? ""];
    case "hash":
      return Object.values(await w.redis.hgetall(key));
    case "stream":
      return (await w.redis.xrange(key, "-", "+")).flatMap(([, fields]) => fields);
    case "zset":
      return w.redis.zrange(key, 0, -1);
    case "list":
      return w.redis.lrange(key, 0, -1);
    case "set":
      return w.redis.smembers(key);
    default:
      return [];
  }
}

// A doctor's sessions and slots on one day, generated on demand from (seed, doctor, date) so nothing is
// stored per day. IDs encode where they came from, which lets an order name a slot that was never listed
// in this run (or was listed before a restart) and still find it.
import { addDays, chinaDate, chinaMinuteOfDay, hhmm, weekday } from "./clock.js";
import type { Period, SandboxDoctor, SandboxHospital, SandboxSchedule, SandboxSlot } from "./model.js";
import { rngFor } from "./prng.js";

export const PERIODS: readonly Period[] = ["am", "pm", "em"];
export const PERIOD_DESC: Record<Period, string> = { am: "上午", pm: "下午", em: "晚上" };
const SESSIONS: Record<Period, { start: number; slots: number }> = {
  am: { start: 8 * 60, slots: 8 },
  pm: { start: 14 * 60, slots: 7 },
  em: { start: 18 * 60 + 30, slots: 5 },
};
const SLOT_MINUTES = 30;
const PERIOD_DIGIT: Record<Period, string> = { am: "1", pm: "2", em: "3" };

export function scheduleIdOf(doctorId: number, date: string, period: Period): string {
  return `${doctorId}${date.replaceAll("-", "")}${PERIOD_DIGIT[period]}`;
}

/** doctorId (6 digits), yyyyMMdd, period digit */
export function parseScheduleId(id: string): { doctorId: number; date: string; period: Period } | null {
  const m = /^(\d{6})(\d{4})(\d{2})(\d{2})([123])$/.exec(id);
  if (!m) return null;
  const period = PERIODS[Number(m[5]) - 1];
  if (!period) return null;
  return { doctorId: Number(m[1]), date: `${m[2]}-${m[3]}-${m[4]}`, period };
}

export function parseResourceId(id: string): { scheduleId: string; index: number } | null {
  const m = /^(\d{15})(\d{2})$/.exec(id);
  return m?.[1] ? { scheduleId: m[1], index: Number(m[2]) } : null;
}

/** Which half-days of the week a doctor sits in clinic: [weekday][period]. */
function weeklyPlan(seed: number, doctor: SandboxDoctor): boolean[][] {
  const rng = rngFor(seed, "week", doctor.doctorId);
  const plan = [0, 1, 2, 3, 4, 5, 6].map((d) => {
    const weekend = d === 0 || d === 6;
    return [rng.chance(weekend ? 0.2 : 0.5), rng.chance(weekend ? 0.15 : 0.45), rng.chance(0.08)];
  });
  const sittings = plan.flat().filter(Boolean).length;
  if (sittings < 2) {
    (plan[1] as boolean[])[0] = true;
    (plan[4] as boolean[])[1] = true;
  }
  return plan;
}

function workingPeriods(seed: number, doctor: SandboxDoctor, date: string): Period[] {
  if (doctor.pattern === "daily") return ["am", "pm"];
  const onLeave = rngFor(seed, "leave", doctor.doctorId, date).chance(0.1);
  if (onLeave) return [];
  const today = weeklyPlan(seed, doctor)[weekday(date)] ?? [];
  return PERIODS.filter((_, i) => today[i]);
}

export function generateDay(seed: number, doctor: SandboxDoctor, date: string): SandboxSchedule[] {
  return workingPeriods(seed, doctor, date).map((period) => {
    const rng = rngFor(seed, "session", doctor.doctorId, date, period);
    const scheduleId = scheduleIdOf(doctor.doctorId, date, period);
    const full = doctor.pattern === "full" || (doctor.pattern === "usual" && rng.chance(0.12));
    const { start, slots: count } = SESSIONS[period];
    const slots: SandboxSlot[] = [];
    for (let i = 0; i < count; i++) {
      const resourceMax = rng.int(1, 3);
      let initialAppointed: number;
      if (full) initialAppointed = i === 0 ? resourceMax + rng.int(1, 3) : resourceMax;
      else if (doctor.pattern === "daily") initialAppointed = rng.int(0, resourceMax - 1);
      else initialAppointed = rng.chance(0.3) ? resourceMax : rng.int(0, resourceMax - 1);
      const begin = start + i * SLOT_MINUTES;
      slots.push({
        resourceId: `${scheduleId}${String(i).padStart(2, "0")}`,
        scheduleId,
        beginTime: `${date} ${hhmm(begin)}:00`,
        endTime: `${date} ${hhmm(begin + SLOT_MINUTES)}:00`,
        resourceMax,
        initialAppointed,
      });
    }
    return {
      scheduleId,
      unitId: doctor.unitId,
      depId: doctor.depId,
      doctorId: doctor.doctorId,
      date,
      period,
      level: doctor.level,
      slots,
    };
  });
}

/** Today up to today + cycleDays (China time); the last day only once today's release time has passed. */
export function openDates(hospital: SandboxHospital, now: Date): string[] {
  const today = chinaDate(now);
  const released = chinaMinuteOfDay(now) >= hospital.openMinute;
  const last = released ? hospital.cycleDays : hospital.cycleDays - 1;
  const dates: string[] = [];
  for (let i = 0; i <= last; i++) dates.push(addDays(today, i));
  return dates;
}

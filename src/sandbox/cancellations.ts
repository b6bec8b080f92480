// Places that free up in the simulated hospital: a patient elsewhere cancels (at random, at the rate the
// `freePlacesPerMinute` knob asks, by the sandbox's own clock), or a test frees one on purpose. Driven by
// the injected clock and a seeded stream, not by timers: moving the clock an hour ahead frees an hour's
// worth of places on the next request, the same ones on every run. The daily release needs nothing here:
// the last day of each hospital's window opens at its appointmentOpenTime (schedule.ts, openDates).
import { chinaInstant } from "./clock.js";
import type { SandboxDoctor, SandboxSchedule, SandboxSlot } from "./model.js";
import { hashKey, streamFrom } from "./prng.js";
import type { BookingState } from "./state.js";
import type { SandboxWorld } from "./world.js";

export interface FreedPlace {
  /** ms, sandbox clock */
  at: number;
  scheduleId: string;
  resourceId: string;
  doctorId: number;
}

export interface Cancellations {
  /** frees one place in the session (in a full slot when there is one); undefined when it has no slot left */
  freePlace(scheduleId: string): FreedPlace | undefined;
  /** runs the random cancellations due by `now` */
  tick(now: Date, perMinute: number, among: readonly number[] | undefined): void;
  freed(): FreedPlace[];
}

const MAX_PER_TICK = 10_000;

export function createCancellations(
  world: SandboxWorld,
  state: BookingState,
  now: () => Date,
): Cancellations {
  const draw = streamFrom(hashKey(world.seed, "cancellations"));
  const log: FreedPlace[] = [];
  let last: number | undefined;
  let owed = 0;

  const upcoming = (s: SandboxSchedule, t: number): SandboxSlot[] =>
    s.slots.filter((slot) => chinaInstant(slot.beginTime) > t);

  function free(s: SandboxSchedule, at: number): FreedPlace | undefined {
    const slots = upcoming(s, at);
    const full = slots.filter((slot) => state.available(slot) === 0);
    const pool = full.length > 0 ? full : slots.filter((slot) => state.appointed(slot) > 0);
    const slot = pool[Math.floor(draw() * pool.length)];
    if (!slot) return undefined;
    // the session's count is the sum over its slots: an overbooked slot would swallow the freed place
    for (const other of slots) state.settleOverbooking(other);
    state.freeOne(slot);
    const place = { at, scheduleId: s.scheduleId, resourceId: slot.resourceId, doctorId: s.doctorId };
    log.push(place);
    return place;
  }

  /** a random booked place of the doctors asked; a draw that lands on a day off is drawn again */
  function randomCancellation(at: number, among: readonly number[] | undefined): void {
    for (let tries = 0; tries < 50; tries++) if (tryCancellation(at, among)) return;
  }

  function tryCancellation(at: number, among: readonly number[] | undefined): boolean {
    const doctors: readonly (SandboxDoctor | undefined)[] = among
      ? among.map((id) => world.doctor(id))
      : world.doctors();
    const doctor = doctors[Math.floor(draw() * doctors.length)];
    const hospital = doctor && world.hospital(doctor.unitId);
    if (!doctor || !hospital) return false;
    const dates = world.openDates(hospital, new Date(at));
    const date = dates[Math.floor(draw() * dates.length)];
    if (!date) return false;
    const sessions = world.schedulesFor(doctor, date);
    const s = sessions[Math.floor(draw() * sessions.length)];
    return s !== undefined && free(s, at) !== undefined;
  }

  return {
    freePlace(scheduleId) {
      const s = world.schedule(scheduleId);
      return s ? free(s, now().getTime()) : undefined;
    },
    tick(at, perMinute, among) {
      const t = at.getTime();
      if (perMinute <= 0 || last === undefined || t < last) {
        last = t;
        owed = 0;
        return;
      }
      owed += ((t - last) / 60_000) * perMinute;
      last = t;
      const due = Math.min(MAX_PER_TICK, Math.floor(owed));
      owed -= due;
      for (let i = 0; i < due; i++) randomCancellation(t, among);
    },
    freed: () => [...log],
  };
}

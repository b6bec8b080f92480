// What the watch stories need from the sandbox: full doctors, each with a schedule after today to watch.
import type { SandboxDoctor, SandboxSchedule } from "../../src/sandbox/model.js";
import { chinaToday } from "../../src/time/china-time.js";
import type { TestWorld } from "./world.js";

export interface FullDoctor {
  doctor: SandboxDoctor;
  schedule: SandboxSchedule;
}

/** Every doctor whose sessions are all full, with the first of their schedules after today. */
export function fullDoctors(world: TestWorld, now: Date, atLeast: number): FullDoctor[] {
  const today = chinaToday(now);
  const fulls = world.sandbox.world
    .doctors()
    .filter((d) => d.pattern === "full")
    .flatMap((doctor) => {
      const h = world.sandbox.world.hospital(doctor.unitId);
      const dates = h ? world.sandbox.world.openDates(h, now).filter((d) => d > today) : [];
      const schedule = dates.flatMap((d) => world.sandbox.world.schedulesFor(doctor, d))[0];
      return schedule ? [{ doctor, schedule }] : [];
    });
  if (fulls.length < atLeast) throw new Error("too few full doctors");
  return fulls;
}

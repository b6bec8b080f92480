// Which doctors and departments the watch benchmark watches: the hospitals releasing at 08:00 first (the
// run's clock starts just before), a fifth of the targets whole departments.
import type { Sandbox } from "../../src/sandbox/server.js";
import type { WatchTarget } from "../../src/watch/watch.js";

/** the doctors polled for a target (a department: all of its doctors) */
export function doctorsOf(sandbox: Sandbox, t: WatchTarget): number[] {
  if (t.kind === "doctor") return [Number(t.doctorId)];
  return sandbox.world.department(Number(t.depId))?.doctors.map((d) => d.doctorId) ?? [];
}

/** Doctor and department targets, the hospitals releasing at 08:00 first (the run starts just before). */
export function pickTargets(sandbox: Sandbox, count: number): WatchTarget[] {
  const hospitals = [...sandbox.world.hospitals].sort(
    (a, b) => Number(b.openMinute === 480) - Number(a.openMinute === 480),
  );
  const departments = hospitals.flatMap((h) => h.departments);
  const wantDeps = Math.round(count / 5);
  const stride = Math.max(1, Math.floor(departments.length / Math.max(1, wantDeps)));
  const deps: WatchTarget[] = departments
    .filter((_, i) => i % stride === 0)
    .slice(0, wantDeps)
    .map((d) => ({ kind: "department", unitId: String(d.unitId), depId: String(d.depId) }));
  const taken = new Set(deps.map((d) => d.depId));
  const doctors: WatchTarget[] = departments
    .filter((d) => !taken.has(String(d.depId)))
    .flatMap((d) => d.doctors)
    .slice(0, count - deps.length)
    .map((d) => ({
      kind: "doctor",
      unitId: String(d.unitId),
      depId: String(d.depId),
      doctorId: String(d.doctorId),
    }));
  return [...doctors, ...deps];
}

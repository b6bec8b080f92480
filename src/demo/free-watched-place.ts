// The demo shows a watch firing: some seconds after the patient sets one, "someone" cancels a place on
// the watched doctor (a full session of the watched days and sessions, when there is one), and the next
// poll finds it. Only the demo does this; the sandbox's own knobs free places at random.
import { chinaInstant } from "../sandbox/clock.js";
import type { Sandbox } from "../sandbox/server.js";
import type { Watch } from "../watch/watch.js";

export function freeWatchedPlaceLater(opts: {
  sandbox: Sandbox;
  watch: Watch;
  afterMs: number;
  now: () => Date;
  timers: Set<NodeJS.Timeout>;
}): void {
  const timer = setTimeout(() => {
    opts.timers.delete(timer);
    const { sandbox, watch } = opts;
    const hospital = sandbox.world.hospital(Number(watch.target.unitId));
    const department = sandbox.world.department(Number(watch.target.depId));
    if (!hospital || !department) return;
    const doctors = department.doctors.filter(
      (d) => watch.target.kind === "department" || String(d.doctorId) === watch.target.doctorId,
    );
    const sessions = sandbox.world
      .openDates(hospital, opts.now())
      .filter((date) => date >= watch.from && date <= watch.to)
      .flatMap((date) => doctors.flatMap((d) => sandbox.world.schedulesFor(d, date)))
      .filter(
        (s) =>
          watch.periods.includes(s.period) &&
          s.slots.some((slot) => chinaInstant(slot.beginTime) > opts.now().getTime()),
      );
    const full = sessions.find((s) => s.slots.every((slot) => slot.initialAppointed >= slot.resourceMax));
    const chosen = full ?? sessions[0];
    if (chosen) sandbox.freePlace(chosen.scheduleId);
  }, opts.afterMs);
  opts.timers.add(timer);
}

// The sandbox can show a watch at work: places free at random (the freePlacesPerMinute knob, by the
// sandbox's clock), a test can free one on purpose, and each hospital releases its next day at its
// appointmentOpenTime.
import { afterEach, describe, expect, it } from "vitest";
import { type Sandbox, startSandbox } from "../../src/sandbox/server.js";
import { free, get, type WireSchedule } from "./client.js";

let sb: Sandbox | undefined;
afterEach(() => sb?.close());

const SCHEDULES = "/appointment/scheduleList";

async function schedulesOf(s: Sandbox, doctorId: number, from: string, to: string): Promise<WireSchedule[]> {
  const d = s.world.doctor(doctorId);
  if (!d) throw new Error("no such doctor");
  const res = await get(s, SCHEDULES, {
    unitId: d.unitId,
    depId: d.depId,
    doctorId,
    beginDate: from,
    endDate: to,
  });
  return res.body.data as WireSchedule[];
}

describe("places that free up", () => {
  it("frees one place in a full session on purpose, visible in the session's count", async () => {
    const t = new Date("2026-03-10T02:30:00Z");
    sb = await startSandbox({ now: () => t });
    const doctor = sb.world.doctors().find((d) => d.pattern === "full");
    if (!doctor) throw new Error("no full doctor");
    const before = await schedulesOf(sb, doctor.doctorId, "2026-03-11", "2026-03-13");
    const target = before[0];
    if (!target) throw new Error("no session");
    expect(before.every((s) => free(s) === 0)).toBe(true);
    expect(sb.freePlace(target.scheduleId)?.scheduleId).toBe(target.scheduleId);
    const after = await schedulesOf(sb, doctor.doctorId, "2026-03-11", "2026-03-13");
    expect(after.map((s) => [s.scheduleId, free(s)])).toEqual(
      before.map((s) => [s.scheduleId, s.scheduleId === target.scheduleId ? 1 : 0]),
    );
  });

  it("frees places at random at the knob's rate, by the sandbox's clock, among the doctors asked", async () => {
    let t = new Date("2026-03-10T02:30:00Z").getTime();
    sb = await startSandbox({ now: () => new Date(t) });
    const full = sb.world
      .doctors()
      .filter((d) => d.pattern === "full")
      .slice(0, 5);
    sb.knobs.freePlacesPerMinute = 6;
    sb.knobs.freePlacesAmong = full.map((d) => d.doctorId);
    await schedulesOf(sb, full[0]?.doctorId ?? 0, "2026-03-10", "2026-03-10");
    expect(sb.freedPlaces()).toEqual([]);
    t += 10 * 60_000;
    await schedulesOf(sb, full[0]?.doctorId ?? 0, "2026-03-10", "2026-03-10");
    const freed = sb.freedPlaces();
    expect(freed).toHaveLength(60);
    expect(new Set(freed.map((f) => f.doctorId))).toEqual(new Set(full.map((d) => d.doctorId)));
  });

  it("releases the next day of a hospital's window at its appointmentOpenTime", async () => {
    // the first hospital releases at 08:00 China time (00:00 UTC), 14 days ahead
    let t = new Date("2026-03-09T23:59:00Z").getTime();
    sb = await startSandbox({ now: () => new Date(t) });
    const doctor = sb.world.hospitals[0]?.departments[0]?.doctors.find((d) => d.pattern === "daily");
    if (!doctor) throw new Error("no daily doctor");
    const lastDay = "2026-03-24";
    expect(await schedulesOf(sb, doctor.doctorId, lastDay, lastDay)).toEqual([]);
    t += 2 * 60_000;
    const released = await schedulesOf(sb, doctor.doctorId, lastDay, lastDay);
    expect(released.length).toBeGreaterThan(0);
    expect(released.some((s) => free(s) > 0)).toBe(true);
  });
});

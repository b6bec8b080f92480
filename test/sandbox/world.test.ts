import { describe, expect, it } from "vitest";
import { type Sandbox, startSandbox } from "../../src/sandbox/server.js";
import { CHINA_0900, firstDoctor, get, schedules, slots } from "./client.js";

/** What a client would fetch to compare two worlds: the whole unit list and the first doctor's week. */
async function snapshot(sb: Sandbox) {
  const units = await get(sb, "/basicInfo/unitList", { pageNum: 1, pageSize: 50 });
  const h = sb.world.hospitals[5];
  const deps = await get(sb, "/basicInfo/depList", { unitId: h?.unitId ?? 0, pageNum: 1, pageSize: 50 });
  const doctors = await get(sb, "/basicInfo/doctorList", {
    unitId: h?.unitId ?? 0,
    depId: h?.departments[2]?.depId ?? 0,
    pageNum: 1,
    pageSize: 50,
  });
  const ids = await firstDoctor(sb);
  const week = await schedules(sb, ids, "2026-03-10", "2026-03-17");
  const firstSlots = week[0] ? await slots(sb, ids.unitId, week[0].scheduleId) : [];
  return { units: units.body, deps: deps.body, doctors: doctors.body, week, firstSlots };
}

async function withSandbox<T>(seed: number, f: (sb: Sandbox) => Promise<T>): Promise<T> {
  const sb = await startSandbox({ seed, now: () => CHINA_0900 });
  try {
    return await f(sb);
  } finally {
    await sb.close();
  }
}

describe("the seeded world", () => {
  it("is the same for the same seed and clock, IDs included", async () => {
    const a = await withSandbox(7, snapshot);
    const b = await withSandbox(7, snapshot);
    expect(b).toEqual(a);
  });

  it("differs for another seed but keeps the first hospital first", async () => {
    const a = await withSandbox(7, snapshot);
    const b = await withSandbox(8, snapshot);
    expect(b.doctors).not.toEqual(a.doctors);
    const first = (x: typeof a) => (x.units.data as { list: Array<{ unitName: string }> }).list[0]?.unitName;
    expect(first(b)).toBe("深圳市人民医院");
    expect(first(a)).toBe("深圳市人民医院");
  });

  it("has four cities, 40+ hospitals, 10+ departments each and 2–5 doctors per department", async () => {
    await withSandbox(91160, async (sb) => {
      const { world } = sb;
      expect(world.cities.map((c) => c.name)).toEqual(["深圳市", "广州市", "北京市", "上海市"]);
      expect(world.hospitals.length).toBeGreaterThanOrEqual(40);
      for (const h of world.hospitals) {
        expect(h.departments.length).toBeGreaterThanOrEqual(10);
        for (const d of h.departments) {
          expect(d.doctors.length).toBeGreaterThanOrEqual(2);
          expect(d.doctors.length).toBeLessThanOrEqual(5);
        }
      }
      expect(new Set(world.hospitals.map((h) => h.level))).toEqual(new Set(["三甲", "三乙", "二甲"]));
      expect(world.doctors().filter((d) => d.pattern === "full").length).toBeGreaterThan(3);
    });
  });

  it("lets a patient book with the first doctor of the first department of the first hospital every day", async () => {
    await withSandbox(12345, async (sb) => {
      const ids = await firstDoctor(sb);
      const week = await schedules(sb, ids, "2026-03-11", "2026-03-17");
      expect(new Set(week.map((s) => s.scheduleDate)).size).toBe(7);
      expect(week.every((s) => s.resourceMax > s.appointedNum)).toBe(true);
    });
  });
});

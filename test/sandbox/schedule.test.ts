import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { API_CODES } from "../../src/hospital/error-codes.js";
import { type Sandbox, startSandbox } from "../../src/sandbox/server.js";
import { CHINA_0900, firstDoctor, free, get, schedules, slots } from "./client.js";

let sb: Sandbox;
let clock = CHINA_0900;
const originalTz = process.env.TZ;
beforeAll(async () => {
  // The machine's zone must not matter: on a New York machine 09:00 in China is still the day before.
  process.env.TZ = "America/New_York";
  sb = await startSandbox({ now: () => clock });
});
afterAll(async () => {
  process.env.TZ = originalTz;
  await sb.close();
});
afterEach(() => {
  clock = CHINA_0900;
});

describe("schedules", () => {
  it("offers the first doctor a bare array of sessions from today to today+14, in China time", async () => {
    const ids = await firstDoctor(sb);
    const res = await get(sb, "/appointment/scheduleList", {
      ...ids,
      beginDate: "2026-03-01",
      endDate: "2026-04-30",
    });
    expect(res.body.code).toBe("0");
    const list = res.body.data as Array<Record<string, unknown>>;
    expect(Array.isArray(list)).toBe(true);
    const dates = [...new Set(list.map((s) => s.scheduleDate))];
    expect(dates[0]).toBe("2026-03-10");
    expect(dates.at(-1)).toBe("2026-03-24");
    const s = list[0] ?? {};
    expect(typeof s.scheduleId).toBe("string");
    expect(typeof s.depId).toBe("number");
    expect(typeof s.doctorId).toBe("number");
    expect(["am", "pm", "em"]).toContain(s.timeType);
    expect(["普通号", "专家号", "特需号"]).toContain(s.levelName);
    expect(typeof s.resourceFee).toBe("number");
    expect(list.filter((x) => free(x as never) > 0).length).toBeGreaterThan(10);
  });

  it("releases the last day only at the hospital's release time", async () => {
    const ids = await firstDoctor(sb);
    clock = new Date("2026-03-09T23:30:00Z"); // 07:30 in China, before the 08:00 release
    const before = await schedules(sb, ids, "2026-03-01", "2026-04-30");
    expect(before.at(-1)?.scheduleDate).toBe("2026-03-23");
  });

  it("keeps only the slots not yet begun, and the session's totals agree with them", async () => {
    const ids = await firstDoctor(sb);
    clock = new Date("2026-03-10T02:10:00Z"); // 10:10 in China
    const [am] = await schedules(sb, ids, "2026-03-10", "2026-03-10");
    if (!am) throw new Error("the first doctor sits every morning");
    const list = await slots(sb, ids.unitId, am.scheduleId);
    expect(list[0]?.beginTime).toBe("2026-03-10 10:30:00");
    expect(list.reduce((n, x) => n + x.resourceMax, 0)).toBe(am.resourceMax);
    expect(list.reduce((n, x) => n + x.appointedNum, 0)).toBe(am.appointedNum);
    for (const slot of list) {
      expect(typeof slot.resourceId).toBe("string");
      expect(slot.beginTime).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
      expect(slot.resourceMax).toBeGreaterThanOrEqual(1);
      expect(slot.resourceMax).toBeLessThanOrEqual(3);
    }
  });

  it("has a doctor with every session full, including an overbooked slot as in the document", async () => {
    const h = sb.world.hospitals[0];
    const dep = h?.departments[0];
    const full = dep?.doctors.at(-1);
    if (!h || !dep || !full) throw new Error("world too small");
    const ids = { unitId: h.unitId, depId: dep.depId, doctorId: full.doctorId };
    const list = await schedules(sb, ids, "2026-03-10", "2026-03-24");
    expect(list.length).toBeGreaterThan(0);
    expect(list.every((s) => free(s) === 0)).toBe(true);
    const first = list[0];
    const firstSlots = first ? await slots(sb, ids.unitId, first.scheduleId) : [];
    expect(firstSlots.some((x) => x.appointedNum > x.resourceMax)).toBe(true);
  });

  it("refuses bad dates and unknown schedules, naming the field", async () => {
    const ids = await firstDoctor(sb);
    const bad = await get(sb, "/appointment/scheduleList", {
      ...ids,
      beginDate: "2026/03/10",
      endDate: "2026-03-12",
    });
    expect(bad.body).toMatchObject({ code: API_CODES.badParameter });
    expect(bad.body.msg).toContain("beginDate");
    const backwards = await get(sb, "/appointment/scheduleList", {
      ...ids,
      beginDate: "2026-03-12",
      endDate: "2026-03-10",
    });
    expect(backwards.body.msg).toContain("endDate");
    const missing = await get(sb, "/appointment/scheduleList", { unitId: ids.unitId, depId: ids.depId });
    expect(missing.body.msg).toContain("doctorId");
    const unknown = await get(sb, "/appointment/resourceList", { unitId: ids.unitId, scheduleId: "106" });
    expect(unknown.body).toMatchObject({ code: API_CODES.badParameter });
    expect(unknown.body.msg).toContain("scheduleId");
  });
});

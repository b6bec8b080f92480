import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_CODES } from "../../src/hospital/error-codes.js";
import { type Sandbox, startSandbox } from "../../src/sandbox/server.js";
import { CHINA_0900, get } from "./client.js";

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox({ now: () => CHINA_0900 });
});
afterAll(() => sb.close());

type Paged = { list: Array<Record<string, unknown>>; total: number };

describe("paging", () => {
  it("walks the hospital list page by page with the full total on every page", async () => {
    const p1 = (await get(sb, "/basicInfo/unitList", { pageNum: 1, pageSize: 20 })).body.data as Paged;
    const p3 = (await get(sb, "/basicInfo/unitList", { pageNum: 3, pageSize: 20 })).body.data as Paged;
    const p9 = (await get(sb, "/basicInfo/unitList", { pageNum: 9, pageSize: 20 })).body.data as Paged;
    expect(p1.total).toBeGreaterThanOrEqual(40);
    expect(p1.list).toHaveLength(20);
    expect(p3.list).toHaveLength(p1.total - 40);
    expect(p3.total).toBe(p1.total);
    expect(p9.list).toEqual([]);
  });

  it("caps pageSize at the server's limit but still reports the full total", async () => {
    const capped = await startSandbox({ pageSizeCap: 10 });
    try {
      const page = (await get(capped, "/basicInfo/unitList", { pageNum: 1, pageSize: 200 })).body
        .data as Paged;
      expect(page.list).toHaveLength(10);
      expect(page.total).toBe(capped.world.hospitals.length);
    } finally {
      await capped.close();
    }
    const big = (await get(sb, "/basicInfo/unitList", { pageNum: 1, pageSize: 200 })).body.data as Paged;
    expect(big.list).toHaveLength(Math.min(50, big.total));
  });

  it("refuses a missing or invalid page parameter, naming it", async () => {
    const missing = await get(sb, "/basicInfo/unitList", { pageNum: 1 });
    expect(missing.body).toMatchObject({ code: API_CODES.badParameter });
    expect(missing.body.msg).toContain("pageSize");
    const zero = await get(sb, "/basicInfo/unitList", { pageNum: 0, pageSize: 10 });
    expect(zero.body.code).toBe(API_CODES.badParameter);
    expect(zero.body.msg).toContain("pageNum");
  });
});

describe("the wire types drift exactly as the document says", () => {
  it("sends unitId as an int and unitType, payType and appointmentCycleDays as strings", async () => {
    const { list } = (await get(sb, "/basicInfo/unitList", { pageNum: 1, pageSize: 50 })).body.data as Paged;
    for (const u of list) {
      expect(typeof u.unitId).toBe("number");
      expect(["1", "2"]).toContain(u.unitType);
      expect(["0", "1"]).toContain(u.payType);
      expect(typeof u.appointmentCycleDays).toBe("string");
      expect(u.appointmentOpenTime).toMatch(/^(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}|\d{2}:\d{2})$/);
    }
    const first = list[0] ?? {};
    expect(first).toMatchObject({
      unitName: "深圳市人民医院",
      cityName: "深圳市",
      appointmentCycleDays: "14",
    });
    expect(first.appointmentOpenTime).toMatch(/^\d{2}:\d{2}$/);
    // The client must tolerate both of the document's openTime styles and an unreadable cycle.
    expect(list.some((u) => String(u.appointmentOpenTime).length > 5)).toBe(true);
    expect(list.some((u) => !/^\d+$/.test(String(u.appointmentCycleDays)))).toBe(true);
  });

  it("sends depId as an int in the department list but as a string in the doctor list", async () => {
    const unitId = sb.world.hospitals[0]?.unitId ?? 0;
    const deps = (await get(sb, "/basicInfo/depList", { unitId, pageNum: 1, pageSize: 20 })).body
      .data as Paged;
    const dep = deps.list[0] ?? {};
    expect(typeof dep.depId).toBe("number");
    expect(typeof dep.unitId).toBe("number");
    expect(typeof dep.depClassId).toBe("string");
    expect(dep).toHaveProperty("hisDepId");
    expect(dep).toHaveProperty("unitInnerPosition");
    expect(deps.total).toBeGreaterThanOrEqual(10);

    const docs = (
      await get(sb, "/basicInfo/doctorList", { unitId, depId: Number(dep.depId), pageNum: 1, pageSize: 20 })
    ).body.data as Paged;
    const doc = docs.list[0] ?? {};
    expect(doc.depId).toBe(String(dep.depId));
    expect(typeof doc.doctorId).toBe("number");
    expect([0, 1]).toContain(doc.gender);
    expect(doc).toHaveProperty("moreVisits");
    expect(docs.total).toBeGreaterThanOrEqual(2);
  });

  it("filters the doctor list by doctorId and by doctorName", async () => {
    const h = sb.world.hospitals[0];
    const d = h?.departments[0];
    const target = d?.doctors[1];
    if (!h || !d || !target) throw new Error("world too small");
    const q = { unitId: h.unitId, depId: d.depId, pageNum: 1, pageSize: 20 };
    const byId = (await get(sb, "/basicInfo/doctorList", { ...q, doctorId: target.doctorId })).body
      .data as Paged;
    expect(byId.list.map((x) => x.doctorName)).toEqual([target.name]);
    const byName = (await get(sb, "/basicInfo/doctorList", { ...q, doctorName: target.name })).body
      .data as Paged;
    expect(byName.list.map((x) => x.doctorId)).toContain(target.doctorId);
  });

  it("refuses an unknown hospital or a department of another hospital, naming the field", async () => {
    const unknown = await get(sb, "/basicInfo/depList", { unitId: 999, pageNum: 1, pageSize: 20 });
    expect(unknown.body.code).toBe(API_CODES.badParameter);
    expect(unknown.body.msg).toContain("unitId");
    const [a, b] = sb.world.hospitals;
    const foreign = await get(sb, "/basicInfo/doctorList", {
      unitId: a?.unitId ?? 0,
      depId: b?.departments[0]?.depId ?? 0,
      pageNum: 1,
      pageSize: 20,
    });
    expect(foreign.body.code).toBe(API_CODES.badParameter);
    expect(foreign.body.msg).toContain("depId");
    const notInt = await get(sb, "/basicInfo/depList", { unitId: "abc", pageNum: 1, pageSize: 20 });
    expect(notInt.body.msg).toContain("unitId");
  });
});

// The flow table is the only place that knows the order of the steps: these checks keep it whole, so
// adding a step stays one row plus one file.
import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import {
  backOf,
  FIRST_STEP,
  FLOW,
  isEnterable,
  isSide,
  nextOf,
  ownedAfter,
  ROUTE,
  rowOf,
  STEPS,
} from "../../scenes/flow.js";
import { entryStepFor } from "../../scenes/route.js";

describe("the flow table", () => {
  it("walks the rows in order: done leads to the next row, Back to the one before", () => {
    // the route is every row but the side trips (the watch set-up), which return where they came from
    expect(ROUTE).toEqual(STEPS.filter((s) => !isSide(s)));
    expect(STEPS).toEqual(Object.keys(FLOW));
    expect(STEPS.filter(isSide)).toEqual(["watch"]);
    expect(ROUTE[0]).toBe(FIRST_STEP);
    expect(backOf(FIRST_STEP)).toBeUndefined();
    for (const [i, step] of ROUTE.entries()) {
      expect(nextOf(step)).toBe(ROUTE[i + 1]);
      if (i > 0) expect(backOf(step)).toBe(ROUTE[i - 1]);
    }
    // every detour names a step of the table
    for (const step of STEPS) {
      for (const to of Object.values(rowOf(step).revisit ?? {})) expect(STEPS).toContain(to);
    }
  });

  it("drops what depends on a changed choice, and nothing before it", () => {
    expect(ownedAfter("hospital")).toEqual(
      expect.arrayContaining(["depId", "doctorId", "scheduleId", "date", "slot", "attemptId"]),
    );
    expect(ownedAfter("hospital")).not.toContain("city");
    expect(ownedAfter("hospital")).not.toContain("unitId");
    expect(ownedAfter("slot")).not.toContain("scheduleId");
  });

  it("asks each direct entry only for choices of the steps before it", () => {
    for (const step of ROUTE.filter(isEnterable)) {
      for (const choice of rowOf(step).enter ?? []) {
        const owner = ROUTE.find((s) => rowOf(s).owns.includes(choice));
        expect(owner, `${step} needs ${choice}`).toBeDefined();
        expect(ROUTE.indexOf(owner ?? step)).toBeLessThan(ROUTE.indexOf(step));
      }
    }
    expect(entryStepFor({})).toBe("city");
    expect(entryStepFor({ unitId: "1" })).toBe("department");
    expect(entryStepFor({ unitId: "1", depId: "2" })).toBe("doctor");
    expect(entryStepFor({ unitId: "1", depId: "2", doctorId: "3" })).toBe("date");
    expect(entryStepFor({ unitId: "1", depId: "2", doctorId: "3", scheduleId: "4" })).toBe("slot");
  });

  it("is the only place that names steps: no step file imports the route", async () => {
    for (const step of STEPS) {
      const file = `${step}.ts`;
      const source = await readFile(new URL(`../../scenes/${file}`, import.meta.url), "utf8");
      expect(source, file).not.toMatch(/from "\.\/(flow|route)\.js"/);
      expect(source, file).not.toMatch(/goTo\(|scene\.enter\(/);
    }
  });
});

import { describe, expect, it } from "vitest";
import { parseAddress } from "../../src/patient/address.js";
import { parseClinicNo } from "../../src/patient/clinic-no.js";
import { parseGuardianRelation } from "../../src/patient/relation.js";

describe("the outpatient card number", () => {
  it("takes 'I have none' in the ways people say it", () => {
    for (const raw of ["无", "没有", "None", "NO", "-", "0", " no "]) {
      expect(parseClinicNo(raw)).toEqual({ ok: true, value: null });
    }
  });

  it("accepts up to 30 letters and digits, upper-cased", () => {
    expect(parseClinicNo("mz 0012345")).toEqual({ ok: true, value: "MZ0012345" });
    expect(parseClinicNo("1".repeat(31))).toEqual({ ok: false, problem: "clinic_no.length" });
    expect(parseClinicNo("MZ-001")).toEqual({ ok: false, problem: "clinic_no.characters" });
    expect(parseClinicNo("")).toEqual({ ok: false, problem: "clinic_no.length" });
  });
});

describe("the address", () => {
  it("keeps an address tidy", () => {
    expect(parseAddress("  深圳市南山区  科技园 1 号 ")).toEqual({
      ok: true,
      value: "深圳市南山区 科技园 1 号",
    });
  });

  it("refuses one under 4 or over 100 characters", () => {
    expect(parseAddress("深圳")).toEqual({ ok: false, problem: "address.length" });
    expect(parseAddress("路".repeat(101))).toEqual({ ok: false, problem: "address.length" });
    expect(parseAddress("路".repeat(100)).ok).toBe(true);
  });
});

describe("the guardian's relation", () => {
  it("accepts the preset codes only", () => {
    expect(parseGuardianRelation("mother")).toEqual({ ok: true, value: "mother" });
    expect(parseGuardianRelation("neighbour")).toEqual({ ok: false, problem: "relation.unknown" });
  });
});

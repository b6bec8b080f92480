import { describe, expect, it } from "vitest";
import { parseBirthday } from "../../src/patient/birthday.js";

const TODAY = "2025-06-01";

describe("a typed birthday", () => {
  it("understands the ways people write a date", () => {
    for (const raw of [
      "2015-03-07",
      "2015/3/7",
      "2015.3.7",
      "20150307",
      "2015年3月7日",
      "2015年3月7号",
      " 2015 年 3 月 7 日 ",
    ]) {
      expect(parseBirthday(raw, TODAY)).toEqual({ ok: true, value: "2015-03-07" });
    }
  });

  it("refuses a day that does not exist", () => {
    expect(parseBirthday("2015-02-30", TODAY)).toEqual({ ok: false, problem: "birthday.not_a_date" });
    expect(parseBirthday("2015年2月29日", TODAY)).toEqual({ ok: false, problem: "birthday.not_a_date" });
    expect(parseBirthday("2016年2月29日", TODAY)).toEqual({ ok: true, value: "2016-02-29" });
  });

  it("refuses tomorrow but accepts today", () => {
    expect(parseBirthday("2025-06-02", TODAY)).toEqual({ ok: false, problem: "birthday.future" });
    expect(parseBirthday("2025-06-01", TODAY)).toEqual({ ok: true, value: "2025-06-01" });
  });

  it("refuses years before 1900, which are typos", () => {
    expect(parseBirthday("1899-12-31", TODAY)).toEqual({ ok: false, problem: "birthday.before_1900" });
  });

  it("refuses forms it cannot read unambiguously", () => {
    for (const raw of ["07/03/2015", "15-3-7", "March 7 2015", "2015-3/7", ""]) {
      expect(parseBirthday(raw, TODAY)).toEqual({ ok: false, problem: "birthday.format" });
    }
  });
});

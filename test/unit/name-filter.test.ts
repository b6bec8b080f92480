import { describe, expect, it } from "vitest";
import { filterByName } from "../../src/search/name-filter.js";

const byName = (names: string[], query: string) => filterByName(names, query, (n) => n);

const HOSPITALS = [
  "北京协和医院",
  "深圳市人民医院",
  "长沙市中心医院",
  "重庆医科大学附属儿童医院",
  "深圳市中医院",
];

describe("filtering a list by what the patient types", () => {
  it("finds a hospital by part of its Chinese name", () => {
    expect(byName(HOSPITALS, "人民")).toEqual(["深圳市人民医院"]);
  });

  it("finds it by full pinyin, with or without spaces and in any case", () => {
    expect(byName(HOSPITALS, "renmin")).toEqual(["深圳市人民医院"]);
    expect(byName(HOSPITALS, "Ren Min")).toEqual(["深圳市人民医院"]);
    expect(byName(HOSPITALS, "shenzhen")).toEqual(["深圳市人民医院", "深圳市中医院"]);
  });

  it("finds it by pinyin initials even when the patient skips a character (szrm for 深圳市人民医院)", () => {
    expect(byName(HOSPITALS, "szrm")).toEqual(["深圳市人民医院"]);
    // 长沙市中心医院 follows: its 市中 spells s-z in the middle of the name
    expect(byName(HOSPITALS, "SZ")).toEqual(["深圳市人民医院", "深圳市中医院", "长沙市中心医院"]);
  });

  it("skips characters only after matching the start of the name, so scattered letters match nothing", () => {
    // 长沙市中心医院 has s (沙) and later x (心), but a patient typing "sx" does not mean it; "csx" does.
    expect(byName(HOSPITALS, "sx")).toEqual([]);
    expect(byName(HOSPITALS, "csx")).toEqual(["长沙市中心医院"]);
  });

  it("finds a department by initials, or by initials mixed with whole syllables", () => {
    const departments = ["心血管内科", "儿科", "耳鼻喉科", "皮肤科"];
    // 耳鼻喉科 also starts with e(r) and ends in ke, so it follows 儿科, skipping 鼻喉
    for (const query of ["ek", "eke", "erke"]) {
      expect(byName(departments, query)).toEqual(["儿科", "耳鼻喉科"]);
    }
  });

  it("reads polyphonic characters as the place name is said (长沙 chang, 重庆 chong)", () => {
    expect(byName(HOSPITALS, "changsha")).toEqual(["长沙市中心医院"]);
    expect(byName(HOSPITALS, "chongqing")).toEqual(["重庆医科大学附属儿童医院"]);
    expect(byName(HOSPITALS, "cq")).toEqual(["重庆医科大学附属儿童医院"]);
  });

  it("accepts v or u for ü", () => {
    expect(byName(["妇女保健院", "骨科"], "funv")).toEqual(["妇女保健院"]);
    expect(byName(["妇女保健院", "骨科"], "funu")).toEqual(["妇女保健院"]);
  });

  it("ranks the exact name, then name prefix, then substring, then pinyin prefix, contiguous, subsequence", () => {
    const names = ["小儿外科", "外科门诊", "儿外科", "外科", "普外科", "微创外科", "外周血管科"];
    expect(byName(names, "外科")).toEqual(["外科", "外科门诊", "小儿外科", "儿外科", "普外科", "微创外科"]);
    const pinyinNames = ["中医科", "皮肤科", "急诊科", "口腔科", "科教科"];
    // "k": 口腔科 and 科教科 start with k; the others only have 科 later on
    expect(byName(pinyinNames, "k")).toEqual(["口腔科", "科教科", "中医科", "皮肤科", "急诊科"]);
    // sz: a prefix of 深圳… before a run in the middle of 北大深圳医院
    expect(byName(["北大深圳医院", "深圳市儿童医院", "深圳大学总医院"], "sz")).toEqual([
      "深圳市儿童医院",
      "深圳大学总医院",
      "北大深圳医院",
    ]);
    // szyy: a run in 北大深圳医院 before the skip over 市儿童 in 深圳市儿童医院
    expect(byName(["深圳市儿童医院", "北大深圳医院"], "szyy")).toEqual(["北大深圳医院", "深圳市儿童医院"]);
  });

  it("keeps the list's own order within a rank", () => {
    expect(byName(["骨科", "儿科", "妇科"], "k")).toEqual(["骨科", "儿科", "妇科"]);
  });

  it("shows everything for an empty query, and nothing for a query that matches nothing", () => {
    expect(byName(HOSPITALS, "  ")).toEqual(HOSPITALS);
    expect(byName(HOSPITALS, "xyz")).toEqual([]);
    expect(byName(HOSPITALS, "上海")).toEqual([]);
  });

  it("ignores punctuation in names and queries, and matches Latin words in names", () => {
    expect(byName(["ICU(重症监护室)", "骨科"], "icu")).toEqual(["ICU(重症监护室)"]);
    expect(byName(["ICU(重症监护室)", "骨科"], "zzjh")).toEqual(["ICU(重症监护室)"]);
    expect(byName(["深圳市人民医院（总院）"], "人民医院总院")).toEqual(["深圳市人民医院（总院）"]);
  });

  it("works on any item type through nameOf", () => {
    const doctors = [
      { id: "1", name: "王建国" },
      { id: "2", name: "李晓明" },
    ];
    expect(filterByName(doctors, "wjg", (d) => d.name).map((d) => d.id)).toEqual(["1"]);
  });
});

// mapPoint → a position for sendLocation: longitude-first and latitude-first are both read, told apart
// by China's coordinate ranges; the document's filler and anything outside China are no position.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseMapPoint } from "../../src/reminders/map-point.js";

const documentExample = (): string => {
  const text = readFileSync(new URL("../hospital/fixtures/unitList.example.txt", import.meta.url), "utf8");
  const m = /"mapPoint":\s*"([^"]*)"/.exec(text);
  if (!m?.[1]) throw new Error("no mapPoint in the document's example");
  return m[1];
};

describe("mapPoint", () => {
  it("reads the document's example (filler) as no position", () => {
    expect(documentExample()).toBe("3i7c50");
    expect(parseMapPoint(documentExample())).toBeUndefined();
  });

  it("reads a real-looking longitude,latitude (AMap/Baidu order, the sandbox's)", () => {
    expect(parseMapPoint("114.057868,22.543099")).toEqual({ latitude: 22.543099, longitude: 114.057868 });
  });

  it("reads latitude first too, with other separators", () => {
    const beijing = { latitude: 39.913818, longitude: 116.363625 };
    expect(parseMapPoint("39.913818,116.363625")).toEqual(beijing);
    expect(parseMapPoint(" 116.363625， 39.913818 ")).toEqual(beijing);
    expect(parseMapPoint("116.363625 39.913818")).toEqual(beijing);
    expect(parseMapPoint("39.913818|116.363625")).toEqual(beijing);
  });

  it("refuses what cannot be a place in China", () => {
    for (const raw of ["", "0,0", "2.3522,48.8566", "114.05", "114.05,22.54,10", "abc,def", "214.05,22.54"]) {
      expect(parseMapPoint(raw)).toBeUndefined();
    }
    expect(parseMapPoint(undefined)).toBeUndefined();
  });
});

import { describe, expect, it } from "vitest";
import { citiesOf } from "../../src/catalog/cities.js";
import type { Hospital } from "../../src/hospital/types.js";

const h = (unitId: string, cityName: string, cityCode = ""): Hospital => ({
  unitId,
  name: `医院${unitId}`,
  level: "三甲",
  provinceName: "",
  cityName,
  cityCode,
  districtName: "",
  address: "",
  telephone: "",
  mapPoint: "",
  busRoute: "",
  payType: "onsite",
  appointmentOpenTime: { hour: 8, minute: 0 },
  bookingWindowDays: 7,
});

describe("cities read off the hospital list", () => {
  it("count hospitals per city, biggest first, then in pinyin order, skipping hospitals with no city", () => {
    const cities = citiesOf([
      h("1", "深圳市", ""),
      h("2", "北京市", "110100"),
      h("3", "深圳市", "440300"),
      h("4", "广州市", "440100"),
      h("5", " "),
    ]);
    expect(cities).toEqual([
      { name: "深圳市", code: "440300", hospitalCount: 2 },
      { name: "北京市", code: "110100", hospitalCount: 1 },
      { name: "广州市", code: "440100", hospitalCount: 1 },
    ]);
  });
});

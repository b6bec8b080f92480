import { describe, expect, it } from "vitest";
import { DEFAULT_CARD_TYPES, resolveCardTypes } from "../../src/hospital/card-types.js";
import { toOrderBody, wireDate } from "../../src/hospital/order-body.js";
import type { OrderRequest } from "../../src/hospital/types.js";

const order: OrderRequest = {
  unitId: "395",
  depId: "120",
  doctorId: "D-7",
  resourceId: "106",
  patient: {
    name: "张三",
    certificate: { kind: "passport", number: "E12345678" },
    sex: "female",
    birthday: "2019-4-5",
    mobile: "13800138000",
    clinicNo: null,
    address: "深圳市福田区",
    guardian: {
      name: "张大",
      mobile: "13900139000",
      certificate: { kind: "id_card", number: "110101199003077777" },
      sex: "male",
      relation: "父亲",
      birthday: "1990-03-07",
    },
  },
};

describe("the order body", () => {
  it("uses the order endpoint's sex codes and sends the guardian's codes as strings", () => {
    const body = toOrderBody(order, DEFAULT_CARD_TYPES);
    expect(body).toEqual({
      unitId: 395,
      depId: 120,
      doctorId: "D-7",
      detlId: "106",
      mobile: "13800138000",
      trueName: "张三",
      sex: 1,
      birthday: "2019-04-05",
      cardType: 3,
      cardNo: "E12345678",
      clinicNo: "",
      address: "深圳市福田区",
      guardian: {
        guardianTrueName: "张大",
        guardianMobile: "13900139000",
        guardianCardType: "1",
        guardianCardNo: "110101199003077777",
        guardianSex: "0",
        guardianRelation: "父亲",
        guardianBirthday: "1990-03-07",
      },
    });
  });

  it("leaves the guardian out when there is none and keeps a clinic number", () => {
    const body = toOrderBody(
      { ...order, patient: { ...order.patient, guardian: null, sex: "male", clinicNo: "MZ001" } },
      DEFAULT_CARD_TYPES,
    );
    expect(body.guardian).toBeUndefined();
    expect(body.sex).toBe(0);
    expect(body.clinicNo).toBe("MZ001");
  });

  it("refuses a birthday that is not a calendar date", () => {
    expect(() => wireDate("2023-02-30")).toThrow(RangeError);
    expect(() => wireDate("30/01/2023")).toThrow(RangeError);
  });
});

describe("card types", () => {
  it("default to WS 364.3 and take overrides, reporting keys that name no kind", () => {
    const { table, unknown } = resolveCardTypes({ passport: 12, visa: 40 });
    expect(table.id_card).toBe(1);
    expect(table.other).toBe(99);
    expect(table.passport).toBe(12);
    expect(unknown).toEqual(["visa"]);
    expect(DEFAULT_CARD_TYPES.passport).toBe(3);
  });
});

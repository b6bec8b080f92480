// The document's own example responses (fixtures/*.example.txt: copied verbatim from 91160-openapi.md,
// trailing commas removed), served byte for byte: the client must accept their filler values and extra
// fields. Three examples carry code "97955" next to their data; a non-"0" code is a refusal, so those
// are checked as errors, and their data shape through the schema directly.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HospitalApiError } from "../../src/hospital/errors.js";
import { toSlot } from "../../src/hospital/normalise.js";
import { orderData, slotWire } from "../../src/hospital/schemas.js";
import type { OrderRequest } from "../../src/hospital/types.js";
import { type FakeHospital, startFakeHospital, testClient } from "./support/fake-hospital.js";

const example = (name: string) =>
  readFileSync(new URL(`./fixtures/${name}.example.txt`, import.meta.url), "utf8");
const EXAMPLES: Record<string, string> = {
  "/basicInfo/unitList": example("unitList"),
  "/basicInfo/depList": example("depList"),
  "/basicInfo/doctorList": example("doctorList"),
  "/appointment/scheduleList": example("scheduleList"),
  "/appointment/resourceList": example("resourceList"),
  "/appointment/order": example("order"),
  "/appointment/cancel": example("cancel"),
};

const order: OrderRequest = {
  unitId: "395",
  depId: "120",
  doctorId: "252",
  resourceId: "106",
  patient: {
    name: "锦程",
    certificate: { kind: "id_card", number: "110101199003077777" },
    sex: "male",
    birthday: "2023-04-24",
    mobile: "17628427637",
    clinicNo: "epfghp",
    address: "云浮",
    guardian: null,
  },
};

let server: FakeHospital;
let client: ReturnType<typeof testClient>["client"];

beforeAll(async () => {
  server = await startFakeHospital((req) => ({ body: EXAMPLES[req.path] ?? "{}" }));
  client = testClient(server.url).client;
});
afterAll(async () => {
  client.close();
  await server.close();
});

describe("the document's example responses", () => {
  it("reads the hospital list, falling back where the example holds filler", async () => {
    const page = await client.listHospitals({ pageNum: 1, pageSize: 10 });
    expect(page.total).toBe(468);
    expect(page.items).toEqual([
      {
        unitId: "100",
        name: "深圳市人民医院",
        level: "re7bqy",
        provinceName: "锦程.袁",
        cityName: "锦程.袁",
        cityCode: "97955",
        districtName: "锦程.袁",
        address: "Suite 609 贾街30号， 云浮， 新 359155",
        telephone: "17087246424",
        mapPoint: "3i7c50",
        busRoute: "bzapid",
        payType: "unknown",
        appointmentOpenTime: { hour: 17, minute: 3 },
        bookingWindowDays: 7,
      },
    ]);
  });

  it("reads the department list with its extra fields", async () => {
    const page = await client.listDepartments("273", { pageNum: 1, pageSize: 10 });
    expect(page.total).toBe(32);
    expect(page.items).toEqual([
      { depId: "120", unitId: "273", name: "锦程.袁", className: "锦程.袁", intro: "ai2wx6" },
    ]);
  });

  it("reads the doctor list, its string depId and its gender 0 as female", async () => {
    const page = await client.listDoctors("804", "106", { pageNum: 1, pageSize: 10 });
    expect(page.items).toEqual([
      {
        doctorId: "252",
        depId: "106",
        unitId: "804",
        name: "王元",
        title: "vd0stt",
        gender: "female",
        expertise: "54j6g7",
      },
    ]);
  });

  it("reads the schedule list, a bare array", async () => {
    const list = await client.listSchedules({
      unitId: "520",
      depId: "300",
      doctorId: "731",
      beginDate: "2023-04-24",
      endDate: "2023-04-24",
    });
    expect(list).toEqual([
      {
        scheduleId: "106",
        unitId: "520",
        depId: "300",
        doctorId: "731",
        date: "2023-04-24",
        period: "am",
        levelName: "锦程.袁",
        fee: 86.93,
        capacity: 737,
        available: 617,
      },
    ]);
  });

  it("treats the slot list's code 97955 as a refusal, carrying code and msg", async () => {
    const err = await client.listSlots("667", "106").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HospitalApiError);
    expect(err).toMatchObject({ endpoint: "resourceList", code: "97955", apiMessage: "29unlf" });
  });

  it("reads the slot example's data as a full slot, never a negative count", () => {
    const env = JSON.parse(EXAMPLES["/appointment/resourceList"] ?? "") as { data: unknown[] };
    const slot = toSlot(slotWire.parse(env.data[0]), "106");
    expect(slot).toEqual({
      resourceId: "106",
      scheduleId: "106",
      beginTime: "2023-04-24 17:03:28",
      endTime: "2023-04-24 17:03:28",
      fee: 6.62,
      available: 0,
    });
  });

  it("treats the order example's code 97955 as a refusal, and reads its data shape", async () => {
    const err = await client.placeOrder(order).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: "HospitalApiError", endpoint: "order", code: "97955" });
    const env = JSON.parse(EXAMPLES["/appointment/order"] ?? "") as { data: unknown };
    expect(orderData.parse(env.data)).toMatchObject({ orderId: "974", hisTakeNo: "取号密码" });
  });

  it("treats the cancel example's code 97955 as a refusal", async () => {
    await expect(client.cancelOrder("488", "取消原因")).rejects.toMatchObject({
      endpoint: "cancel",
      code: "97955",
      apiMessage: "nfiuxp",
    });
  });
});

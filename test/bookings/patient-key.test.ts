// The booking records' patient hash is keyed by a secret derived from PATIENT_DATA_KEY: nobody without
// the key can test candidate ID numbers against it, and a rotated key still recognises older records.
import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { patientKeyOf } from "../../src/bookings/patient-key.js";
import { createOrderService } from "../../src/bookings/place-order.js";
import { createBookingRecords } from "../../src/bookings/records-store.js";
import { OrderOutcomeUnknownError } from "../../src/hospital/errors.js";
import type { HospitalApi, OrderRequest } from "../../src/hospital/types.js";
import { silentLogger } from "../../src/observability/logger.js";
import { patientKeySecret } from "../../src/patients/cipher.js";
import { cleanPrefix, testPrefix, testRedis } from "../support/redis.js";
import { fakeHospital } from "./fixtures.js";

const redis = testRedis();
const prefix = testPrefix("patient-key");
afterAll(async () => {
  await cleanPrefix(redis, prefix);
  await redis.quit();
});

const patient = { certificate: { kind: "id_card" as const, number: "110101199003077777" } };

describe("the patient hash", () => {
  it("depends on the secret, not only on the public prefix", () => {
    const a = patientKeySecret(randomBytes(32));
    const b = patientKeySecret(randomBytes(32));
    expect(patientKeyOf(a, patient)).toBe(patientKeyOf(a, patient));
    expect(patientKeyOf(a, patient)).not.toBe(patientKeyOf(b, patient));
    expect(patientKeyOf(a, patient)).not.toBe(patientKeyOf(prefix, patient));
  });

  it("recognises a record written under a rotated-out key", async () => {
    const oldKey = randomBytes(32);
    const newKey = randomBytes(32);
    const records = createBookingRecords({ redis, prefix });
    let posts = 0;
    const api: HospitalApi = {
      ...fakeHospital().api,
      placeOrder: async () => {
        posts++;
        throw new OrderOutcomeUnknownError("timeout");
      },
    };
    const service = (keys: Buffer[]) =>
      createOrderService({
        api,
        records,
        redis,
        prefix,
        logger: silentLogger(),
        patientKeySecrets: keys.map(patientKeySecret),
      });
    const request: OrderRequest = {
      unitId: "1",
      depId: "2",
      doctorId: "3",
      resourceId: "4",
      patient: {
        name: "王五",
        certificate: patient.certificate,
        sex: "male",
        birthday: "1990-03-07",
        mobile: "13800138000",
        clinicNo: null,
        address: "广州",
        guardian: null,
      },
    };
    const summary = {
      hospital: "医院",
      department: "内科",
      doctor: "医生",
      beginTime: "2030-03-10 09:00:00",
      endTime: "2030-03-10 09:30:00",
      fee: 20,
      scheduleId: "s1",
    };
    expect((await service([oldKey]).placeOrderOnce(7, "a1", request, summary)).kind).toBe("unknown");
    // after the rotation the same patient and schedule are still held back, not posted again
    const again = await service([newKey, oldKey]).placeOrderOnce(7, "a2", request, summary);
    expect(again.kind).toBe("unresolved");
    expect(posts).toBe(1);
  });
});

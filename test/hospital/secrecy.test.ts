// The appToken and appSecret are credentials: whatever goes wrong, neither may reach a thrown error (its
// message, stack, properties or JSON) nor any log line, even at trace level.
import { PassThrough } from "node:stream";
import { inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HospitalClientOptions } from "../../src/hospital/client.js";
import type { OrderRequest } from "../../src/hospital/types.js";
import { createLogger } from "../../src/observability/logger.js";
import { type FakeHospital, ok, startFakeHospital, TEST_TOKEN, testClient } from "./support/fake-hospital.js";

const SECRET = "sec-7Hq2-very-secret";
const ISSUED = "issued-token-Zx81Qp";

const order: OrderRequest = {
  unitId: "1",
  depId: "2",
  doctorId: "3",
  resourceId: "4",
  patient: {
    name: "王五",
    certificate: { kind: "id_card", number: "110101199003077777" },
    sex: "male",
    birthday: "1990-03-07",
    mobile: "13800138000",
    clinicNo: null,
    address: "广州",
    guardian: null,
  },
};

let server: FakeHospital;
let refused: FakeHospital;
const logLines: string[] = [];
const stream = new PassThrough();
stream.on("data", (c: Buffer) => logLines.push(c.toString("utf8")));
const logger = createLogger({ level: "trace", pretty: false, destination: stream });

beforeAll(async () => {
  // Every path fails its own way, and the failures echo what they were sent, as careless servers do.
  server = await startFakeHospital((req) => {
    const echo = `you sent ${JSON.stringify({ ...req.query, ...req.body })}`;
    switch (req.path) {
      case "/app/token":
        return ok({ appToken: ISSUED, expiresIn: 3600 });
      case "/basicInfo/unitList":
        return { body: { code: "20001", msg: echo } };
      case "/basicInfo/depList":
        return { status: 503, body: echo };
      case "/basicInfo/doctorList":
        return { body: `not json ${echo}` };
      case "/appointment/resourceList":
        return { hang: true };
      case "/appointment/order":
        return { hang: true };
      default:
        return { body: { code: 10001, msg: echo } };
    }
  });
  refused = await startFakeHospital(() => ({ body: { code: "20001", msg: `bad secret ${SECRET}` } }));
  await refused.close();
});
afterAll(async () => {
  await server.close();
});

function expectNoSecret(text: string): void {
  for (const s of [TEST_TOKEN, SECRET, ISSUED]) expect(text).not.toContain(s);
}

function expectCleanError(err: unknown): void {
  expect(err).toBeInstanceOf(Error);
  const e = err as Error;
  expectNoSecret(e.message);
  expectNoSecret(String(e.stack));
  expectNoSecret(JSON.stringify(e));
  expectNoSecret(inspect(e, { depth: 20, showHidden: true }));
}

async function failures(over: Partial<HospitalClientOptions>): Promise<unknown[]> {
  const { client } = testClient(server.url, { logger, timeoutMs: 150, orderTimeoutMs: 150, ...over });
  const errors = await Promise.all([
    client.listHospitals({ pageNum: 1, pageSize: 5 }).catch((e: unknown) => e),
    client.listDepartments("1", { pageNum: 1, pageSize: 5 }).catch((e: unknown) => e),
    client.listDoctors("1", "2", { pageNum: 1, pageSize: 5 }).catch((e: unknown) => e),
    client.listSlots("1", "2").catch((e: unknown) => e),
    client.placeOrder(order).catch((e: unknown) => e),
    client.cancelOrder("9", "x").catch((e: unknown) => e),
  ]);
  client.close();
  return errors;
}

describe("credentials stay secret", () => {
  it("in every error a fixed-token client throws", async () => {
    const errors = await failures({});
    expect(errors.map((e) => (e as Error).name)).toEqual([
      "HospitalApiError",
      "HospitalUnavailableError",
      "HospitalUnavailableError",
      "HospitalUnavailableError",
      "OrderOutcomeUnknownError",
      "HospitalApiError",
    ]);
    for (const e of errors) expectCleanError(e);
  });

  it("in every error a credentials client throws", async () => {
    const errors = await failures({ auth: { kind: "credentials", appId: 1001, appSecret: SECRET } });
    expect(errors).toHaveLength(6);
    for (const e of errors) expectCleanError(e);
  });

  it("when the token endpoint itself fails or is unreachable", async () => {
    const { client } = testClient(refused.url, {
      logger,
      auth: { kind: "credentials", appId: 1001, appSecret: SECRET },
    });
    const err = await client.listSlots("1", "2").catch((e: unknown) => e);
    client.close();
    expect(err).toMatchObject({ name: "HospitalUnavailableError", endpoint: "appToken" });
    expectCleanError(err);
  });

  it("in everything logged, at trace level", () => {
    const all = logLines.join("");
    expect(all).toContain('"endpoint":"unitList"');
    expectNoSecret(all);
  });
});

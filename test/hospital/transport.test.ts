import { afterEach, describe, expect, it } from "vitest";
import {
  HospitalApiError,
  HospitalUnavailableError,
  OrderOutcomeUnknownError,
} from "../../src/hospital/errors.js";
import type { OrderRequest } from "../../src/hospital/types.js";
import {
  type FakeHospital,
  type Handler,
  ok,
  startFakeHospital,
  TEST_TOKEN,
  testClient,
} from "./support/fake-hospital.js";

const order: OrderRequest = {
  unitId: "200",
  depId: "20",
  doctorId: "2000",
  resourceId: "R-1",
  patient: {
    name: "李四",
    certificate: { kind: "id_card", number: "110101199003077777" },
    sex: "male",
    birthday: "1990-03-07",
    mobile: "13800138000",
    clinicNo: null,
    address: "北京市东城区",
    guardian: null,
  },
};

const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const f of cleanup.splice(0)) await f();
});

async function setup(handler: Handler, over: Parameters<typeof testClient>[1] = {}) {
  const server: FakeHospital = await startFakeHospital(handler);
  const { client, calls } = testClient(server.url, over);
  cleanup.push(
    () => client.close(),
    () => server.close(),
  );
  return { server, client, calls };
}

const emptyPage = ok({ list: [], total: 0 });

describe("the envelope", () => {
  it("sends the token and paging as query parameters", async () => {
    const { server, client } = await setup(() => emptyPage);
    await client.listDepartments("710", { pageNum: 2, pageSize: 10 });
    expect(server.requests[0]).toMatchObject({
      method: "GET",
      path: "/basicInfo/depList",
      query: { appToken: TEST_TOKEN, unitId: "710", pageNum: "2", pageSize: "10" },
    });
  });

  it.each([
    ["string", "20001"],
    ["number", 20001],
  ])("turns a non-zero %s code into HospitalApiError with endpoint, code and msg", async (_, code) => {
    const { client, calls } = await setup(() => ({ body: { code, msg: "参数错误" } }));
    const err = await client.listHospitals({ pageNum: 1, pageSize: 10 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HospitalApiError);
    expect(err).toMatchObject({ endpoint: "unitList", code: "20001", apiMessage: "参数错误" });
    expect(calls).toEqual([{ endpoint: "unitList", ms: expect.any(Number), outcome: "20001" }]);
  });

  it("accepts a numeric zero code as success", async () => {
    const { client } = await setup(() => ({ body: { code: 0, msg: "ok", data: [] } }));
    await expect(client.listSlots("1", "2")).resolves.toEqual([]);
  });

  it("does not follow a redirect, which would carry the token in its query elsewhere", async () => {
    const elsewhere = await startFakeHospital(() => ok([]));
    cleanup.push(() => elsewhere.close());
    const { server, client } = await setup(() => ({
      status: 302,
      headers: { Location: `${elsewhere.url}/ticket/resourceList` },
      body: "",
    }));
    await expect(client.listSlots("1", "2")).rejects.toBeInstanceOf(HospitalUnavailableError);
    expect(server.count()).toBe(1);
    expect(elsewhere.count()).toBe(0);
  });

  it("reports a body that is not an envelope as unavailable, without retrying", async () => {
    const { server, client } = await setup(() => ({ body: "<html>gateway</html>" }));
    await expect(client.listSlots("1", "2")).rejects.toBeInstanceOf(HospitalUnavailableError);
    expect(server.count()).toBe(1);
  });
});

describe("retries", () => {
  it("retries a GET after 5xx answers and returns the answer that finally comes", async () => {
    const { server, client, calls } = await setup((_, nth) => (nth <= 2 ? { status: 503 } : ok([])));
    await expect(client.listSlots("1", "2")).resolves.toEqual([]);
    expect(server.count()).toBe(3);
    expect(calls.map((c) => c.outcome)).toEqual(["http_5xx", "http_5xx", "ok"]);
  });

  it("gives up after the configured retries with HospitalUnavailableError", async () => {
    const { server, client } = await setup(() => ({ status: 502 }), { retries: 3 });
    const err = await client.listSlots("1", "2").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HospitalUnavailableError);
    expect(err).toMatchObject({ endpoint: "resourceList" });
    expect(server.count()).toBe(4);
  });

  it("retries a GET that timed out", async () => {
    const { server, client, calls } = await setup((_, nth) => (nth === 1 ? { hang: true } : ok([])), {
      timeoutMs: 150,
    });
    await expect(client.listSlots("1", "2")).resolves.toEqual([]);
    expect(server.count()).toBe(2);
    expect(calls.map((c) => c.outcome)).toEqual(["timeout", "ok"]);
  });

  it("does not retry a refusal: the API said no", async () => {
    const { server, client } = await setup(() => ({ body: { code: "50000", msg: "系统繁忙" } }));
    await expect(client.listSlots("1", "2")).rejects.toBeInstanceOf(HospitalApiError);
    expect(server.count()).toBe(1);
  });

  it("reports an unreachable hospital as unavailable after retrying", async () => {
    const server = await startFakeHospital(() => ok([]));
    await server.close();
    const { client, calls } = testClient(server.url);
    cleanup.push(() => client.close());
    await expect(client.listSlots("1", "2")).rejects.toMatchObject({
      name: "HospitalUnavailableError",
      reason: expect.stringContaining("ECONNREFUSED"),
    });
    expect(calls.map((c) => c.outcome)).toEqual(["network", "network", "network"]);
  });
});

describe("the order POST", () => {
  it("sends the patient as the documented JSON body and returns the confirmation", async () => {
    const { server, client } = await setup(() => ok({ orderId: 974, hisTakeNo: "A12" }));
    await expect(client.placeOrder(order)).resolves.toEqual({ orderId: "974", hisTakeNo: "A12" });
    expect(server.requests[0]?.body).toMatchObject({
      appToken: TEST_TOKEN,
      unitId: 200,
      depId: 20,
      doctorId: 2000,
      detlId: "R-1",
      sex: 0,
      cardType: 1,
      clinicNo: "",
    });
  });

  it("is never retried: a timeout is an unknown outcome after exactly one request", async () => {
    const { server, client, calls } = await setup(() => ({ hang: true }), {
      orderTimeoutMs: 200,
      retries: 5,
    });
    const err = await client.placeOrder(order).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OrderOutcomeUnknownError);
    expect(server.count("/appointment/order")).toBe(1);
    expect(calls).toEqual([{ endpoint: "order", ms: expect.any(Number), outcome: "timeout" }]);
  });

  it("treats a 5xx answer as an unknown outcome, sent once", async () => {
    const { server, client } = await setup(() => ({ status: 504 }), { retries: 5 });
    await expect(client.placeOrder(order)).rejects.toBeInstanceOf(OrderOutcomeUnknownError);
    expect(server.count()).toBe(1);
  });

  it("knows the order was not placed when the connection was refused", async () => {
    const server = await startFakeHospital(() => ok());
    await server.close();
    const { client } = testClient(server.url);
    cleanup.push(() => client.close());
    await expect(client.placeOrder(order)).rejects.toBeInstanceOf(HospitalUnavailableError);
  });

  it("passes a refusal through as HospitalApiError (the slot is taken)", async () => {
    const { client } = await setup(() => ({ body: { code: "30001", msg: "号源已满" } }));
    await expect(client.placeOrder(order)).rejects.toMatchObject({ endpoint: "order", code: "30001" });
  });

  it("reports code 0 without an orderId as an unknown outcome", async () => {
    const { client } = await setup(() => ok({ hisTakeNo: "A12" }));
    await expect(client.placeOrder(order)).rejects.toBeInstanceOf(OrderOutcomeUnknownError);
  });
});

describe("the cancel POST", () => {
  it("sends orderId and reason, once, even when the hospital fails", async () => {
    const { server, client } = await setup(() => ({ status: 500 }), { retries: 5 });
    await expect(client.cancelOrder("488", "改期")).rejects.toBeInstanceOf(HospitalUnavailableError);
    expect(server.count()).toBe(1);
    expect(server.requests[0]?.body).toEqual({ appToken: TEST_TOKEN, orderId: 488, cancelReason: "改期" });
  });
});

describe("the limiter", () => {
  it("holds concurrent calls to maxConcurrent, across endpoints", async () => {
    const { server, client } = await setup(
      (req) => ({ ...(req.path === "/basicInfo/unitList" ? emptyPage : ok([])), delayMs: 40 }),
      { maxConcurrent: 3 },
    );
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        i % 2 ? client.listSlots("1", String(i)) : client.listHospitals({ pageNum: i, pageSize: 1 }),
      ),
    );
    expect(server.count()).toBe(12);
    expect(server.peakConcurrency).toBe(3);
  });

  it("holds calls to maxPerSecond", async () => {
    const { server, client } = await setup(() => ok([]), { maxPerSecond: 5 });
    const started = Date.now();
    await Promise.all(Array.from({ length: 8 }, (_, i) => client.listSlots("1", String(i))));
    expect(server.count()).toBe(8);
    expect(Date.now() - started).toBeGreaterThanOrEqual(700);
  });
});

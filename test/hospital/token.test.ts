import { afterEach, describe, expect, it } from "vitest";
import { createHospitalClient } from "../../src/hospital/client.js";
import { API_CODES } from "../../src/hospital/error-codes.js";
import { HospitalApiError } from "../../src/hospital/errors.js";
import { silentLogger } from "../../src/observability/logger.js";
import {
  type FakeHospital,
  ok,
  type SeenRequest,
  startFakeHospital,
  testClient,
} from "./support/fake-hospital.js";

const SECRET = "app-secret-9c1d";
const credentials = { kind: "credentials", appId: 1001, appSecret: SECRET } as const;

/** A hospital issuing numbered tokens; only the latest is accepted, and the refusal code is a number. */
async function tokenHospital(opts: { expiresIn?: unknown; tokenDelayMs?: number } = {}) {
  let issued = 0;
  const state = { valid: "" };
  const server = await startFakeHospital((req: SeenRequest) => {
    if (req.path === "/app/token") {
      if (req.query.appId !== "1001" || req.query.appSecret !== SECRET) {
        return { body: { code: 20001, msg: "bad credentials" } };
      }
      issued++;
      state.valid = `token-${issued}`;
      return {
        ...ok({ appToken: state.valid, expiresIn: opts.expiresIn ?? 7200 }),
        delayMs: opts.tokenDelayMs,
      };
    }
    if (req.query.appToken !== state.valid) {
      return { body: { code: Number(API_CODES.invalidToken), msg: "appToken invalid" } };
    }
    return { ...ok([]), delayMs: 20 };
  });
  return {
    server,
    revoke: () => {
      state.valid = "revoked";
    },
    tokensUsed: () => server.requests.filter((r) => r.path !== "/app/token").map((r) => r.query.appToken),
  };
}

const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const f of cleanup.splice(0)) await f();
});

function clientFor(server: FakeHospital, now?: () => number) {
  const { client } = testClient(server.url, { auth: credentials, now });
  cleanup.push(
    () => client.close(),
    () => server.close(),
  );
  return client;
}

describe("the appToken from credentials", () => {
  it("is fetched once for many concurrent first calls", async () => {
    const h = await tokenHospital({ tokenDelayMs: 50 });
    const client = clientFor(h.server);
    await Promise.all(Array.from({ length: 20 }, () => client.listSlots("1", "2")));
    expect(h.server.count("/app/token")).toBe(1);
    expect(new Set(h.tokensUsed())).toEqual(new Set(["token-1"]));
  });

  it("is renewed shortly before expiresIn (seconds) runs out, not before", async () => {
    const h = await tokenHospital({ expiresIn: 600 });
    let clock = 1_000_000;
    const client = clientFor(h.server, () => clock);
    await client.listSlots("1", "2");
    clock += 500_000;
    await client.listSlots("1", "2");
    expect(h.server.count("/app/token")).toBe(1);
    clock += 99_000;
    await client.listSlots("1", "2");
    expect(h.server.count("/app/token")).toBe(2);
    expect(h.tokensUsed()).toEqual(["token-1", "token-1", "token-2"]);
  });

  it("is renewed once when concurrent calls are refused for an invalid token, and the calls succeed", async () => {
    const h = await tokenHospital({ tokenDelayMs: 30 });
    const client = clientFor(h.server);
    await client.listSlots("1", "2");
    h.revoke();
    await Promise.all(Array.from({ length: 15 }, (_, i) => client.listSlots("1", String(i))));
    expect(h.server.count("/app/token")).toBe(2);
    expect(h.tokensUsed().filter((t) => t === "token-2")).toHaveLength(15);
  });

  it("is renewed only once per call: a second refusal is passed on", async () => {
    const server = await startFakeHospital((req) =>
      req.path === "/app/token"
        ? ok({ appToken: "never-good", expiresIn: 7200 })
        : { body: { code: 10001, msg: "appToken invalid" } },
    );
    const client = clientFor(server);
    const err = await client.listSlots("1", "2").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HospitalApiError);
    expect(err).toMatchObject({ code: API_CODES.invalidToken });
    expect(server.count("/app/token")).toBe(2);
    expect(server.count("/appointment/resourceList")).toBe(2);
  });

  it("does not cache a failed fetch: the next call tries again", async () => {
    let fail = true;
    const server = await startFakeHospital((req) => {
      if (req.path === "/app/token") {
        return fail ? { body: { code: "20001", msg: "bad" } } : ok({ appToken: "t", expiresIn: 60 });
      }
      return ok([]);
    });
    const client = clientFor(server);
    await expect(client.listSlots("1", "2")).rejects.toMatchObject({ endpoint: "appToken", code: "20001" });
    fail = false;
    await expect(client.listSlots("1", "2")).resolves.toEqual([]);
  });
});

describe("a fixed appToken", () => {
  it("is not retried when refused: there is nothing to renew it with", async () => {
    const server = await startFakeHospital(() => ({ body: { code: 10001, msg: "invalid" } }));
    const { client } = testClient(server.url);
    cleanup.push(
      () => client.close(),
      () => server.close(),
    );
    await expect(client.listSlots("1", "2")).rejects.toMatchObject({ code: "10001" });
    expect(server.count()).toBe(1);
  });

  it("'sandbox' auth must have been turned into a fixed token by the composition root", () => {
    expect(() =>
      createHospitalClient({
        baseUrl: "http://127.0.0.1:1",
        auth: { kind: "sandbox" },
        timeoutMs: 1000,
        orderTimeoutMs: 1000,
        maxConcurrent: 1,
        maxPerSecond: 1,
        retries: 0,
        cardTypeOverrides: {},
        logger: silentLogger(),
      }),
    ).toThrow(/sandbox/);
  });
});

// The axios instance the hospital client speaks through: requests reach the pool's origin only, its
// `timeout` bounds the whole exchange, it never follows a redirect, and an AxiosError it rejects with
// carries neither credential nor the patient's order body in its message, config, request, response,
// cause, stack or toJSON().
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { inspect } from "node:util";
import axios, { type Axios } from "axios";
import { Pool } from "undici";
import { afterEach, describe, expect, it } from "vitest";
import { createPoolAxios } from "../../src/hospital/pool-axios.js";
import { type FakeHospital, ok, startFakeHospital } from "./support/fake-hospital.js";

const TOKEN = "tok-axios-4b7d1e";
const SECRET = "secret-axios-c93a";
const ID_NUMBER = "110101199003077777";

const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

function instanceFor(url: string): Axios {
  const pool = new Pool(new URL(url).origin);
  cleanup.push(() => pool.destroy());
  return createPoolAxios(pool, `${url}/api`);
}

/** A server of the test's own, for what the fake hospital cannot do (trickle, drop, show headers). */
async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  cleanup.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function hospital(handler: Parameters<typeof startFakeHospital>[0]): Promise<FakeHospital> {
  const server = await startFakeHospital(handler);
  cleanup.push(() => server.close());
  return server;
}

async function rejection(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => {
      throw new Error("expected the request to fail");
    },
    (e: unknown) => e,
  );
}

/** Every way an error is commonly looked at: logged, serialised, inspected, printed. */
function expectClean(err: unknown): void {
  expect(axios.isAxiosError(err)).toBe(true);
  if (!axios.isAxiosError(err)) return;
  const views = [
    err.message,
    String(err.stack),
    JSON.stringify(err),
    JSON.stringify(err.toJSON()),
    inspect(err, { depth: 20, showHidden: true }),
    inspect(err.config, { depth: 20, showHidden: true }),
  ];
  for (const view of views) {
    for (const secret of [TOKEN, SECRET, ID_NUMBER]) expect(view).not.toContain(secret);
  }
  expect(err.request).toBeUndefined();
  expect(err.response).toBeUndefined();
  expect(err.cause).toBeUndefined();
}

describe("requests through the pool", () => {
  it("send the query without absent fields and return the body as text, whatever the status", async () => {
    const server = await hospital(() => ({ status: 404, body: { code: "0", data: [1] } }));
    const res = await instanceFor(server.url).get("/basicInfo/unitList", {
      params: { appToken: TOKEN, pageNum: 1, depId: undefined, docId: null },
    });
    expect(res.status).toBe(404);
    expect(res.data).toBe(JSON.stringify({ code: "0", data: [1] }));
    expect(server.requests[0]).toMatchObject({
      method: "GET",
      path: "/api/basicInfo/unitList",
      query: { appToken: TOKEN, pageNum: "1" },
    });
    expect(Object.keys(server.requests[0]?.query ?? {})).toEqual(["appToken", "pageNum"]);
  });

  it("send a POST's data as JSON, saying so, and ask for JSON back", async () => {
    const seen: IncomingHttpHeaders[] = [];
    const url = await listen(
      createServer((req, res) => {
        seen.push(req.headers);
        req.resume();
        req.on("end", () => res.end('{"code":"0"}'));
      }),
    );
    await instanceFor(url).post("/appointment/order", { appToken: TOKEN, unitId: 200 });
    await instanceFor(url).get("/basicInfo/unitList");
    expect(seen.map((h) => [h.accept, h["content-type"]])).toEqual([
      ["application/json", "application/json; charset=utf-8"],
      ["application/json", undefined],
    ]);

    const server = await hospital(() => ok());
    await instanceFor(server.url).post("/appointment/order", { appToken: TOKEN, unitId: 200 });
    expect(server.requests[0]).toMatchObject({
      method: "POST",
      path: "/api/appointment/order",
      body: { appToken: TOKEN, unitId: 200 },
    });
  });

  it("never follow a redirect", async () => {
    const elsewhere = await hospital(() => ok());
    const server = await hospital(() => ({ status: 302, headers: { Location: `${elsewhere.url}/x` } }));
    const res = await instanceFor(server.url).get("/a", { params: { appToken: TOKEN } });
    expect(res.status).toBe(302);
    expect(elsewhere.count()).toBe(0);
  });

  it("refuse a URL outside the pool's origin before anything is sent", async () => {
    const elsewhere = await hospital(() => ok());
    const server = await hospital(() => ok());
    const err = await rejection(
      instanceFor(server.url).get(`${elsewhere.url.replace("//", `//app:${TOKEN}@`)}/app/token`, {
        params: { appSecret: SECRET },
      }),
    );
    expect(err).toMatchObject({ code: "ERR_INVALID_URL" });
    expectClean(err);
    expect(server.count() + elsewhere.count()).toBe(0);
  });
});

describe("timeout", () => {
  it("is a deadline for the whole exchange: a body trickling in past it fails", async () => {
    // Headers at once, then a byte every 40 ms for a second: no gap is long enough for an idle timeout.
    const trickle = createServer((_req, res) => {
      res.writeHead(200, { "Content-Type": "application/json" });
      let sent = 0;
      const beat = setInterval(() => {
        res.write(" ");
        if (++sent === 25) {
          clearInterval(beat);
          res.end('{"code":"0"}');
        }
      }, 40);
      res.on("close", () => clearInterval(beat));
    });
    const url = await listen(trickle);
    const err = await rejection(instanceFor(url).get("/slow", { params: { appToken: TOKEN }, timeout: 300 }));
    expect(err).toMatchObject({ code: "ETIMEDOUT", message: expect.stringContaining("300ms") });
    expectClean(err);
  });
});

describe("an AxiosError from the instance carries no secret", () => {
  it("when a GET with the appToken and the appSecret times out", async () => {
    const server = await hospital(() => ({ hang: true }));
    const err = await rejection(
      instanceFor(server.url).get("/app/token", {
        params: { appId: 1001, appSecret: SECRET, appToken: TOKEN },
        timeout: 100,
      }),
    );
    expect(err).toMatchObject({ code: "ETIMEDOUT", config: { method: "get", url: "/app/token" } });
    expectClean(err);
  });

  it("when the order POST, token and patient in its body, times out", async () => {
    const server = await hospital(() => ({ hang: true }));
    const err = await rejection(
      instanceFor(server.url).post(
        "/appointment/order",
        { appToken: TOKEN, cardNo: ID_NUMBER, mobile: "13800138000" },
        { timeout: 100 },
      ),
    );
    expect(err).toMatchObject({ code: "ETIMEDOUT" });
    expectClean(err);
    expect(server.count()).toBe(1);
  });

  it("when the hospital cannot be reached", async () => {
    const server = await startFakeHospital(() => ok());
    await server.close();
    const err = await rejection(
      instanceFor(server.url).get("/basicInfo/unitList", { params: { appToken: TOKEN } }),
    );
    expect(err).toMatchObject({ code: "ECONNREFUSED" });
    expectClean(err);
  });

  it("when the connection drops mid-answer", async () => {
    const dropping = createServer((req, res) => {
      res.writeHead(200, { "Content-Length": "100" });
      res.write(`{"echo":"${req.url}`);
      setTimeout(() => req.socket.destroy(), 20);
    });
    const url = await listen(dropping);
    const err = await rejection(instanceFor(url).get("/x", { params: { appToken: TOKEN } }));
    expect(err).toMatchObject({ code: "UND_ERR_SOCKET" });
    expectClean(err);
  });
});

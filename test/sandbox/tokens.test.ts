import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_CODES } from "../../src/hospital/error-codes.js";
import { type Sandbox, startSandbox } from "../../src/sandbox/server.js";
import { CHINA_0900, get, post } from "./client.js";

let sb: Sandbox;
let clock = CHINA_0900;
beforeAll(async () => {
  sb = await startSandbox({ now: () => clock, appId: 42, appSecret: "s3cret", tokenTtlSeconds: 60 });
});
afterAll(() => sb.close());

const UNITS = "/basicInfo/unitList";
const page = { pageNum: 1, pageSize: 5 };

async function issue(appId: number | string = 42, appSecret = "s3cret") {
  const res = await fetch(`${sb.url}/app/token?${new URLSearchParams({ appId: String(appId), appSecret })}`);
  return (await res.json()) as { code: unknown; msg: string; data?: { appToken: string; expiresIn: number } };
}

describe("appToken", () => {
  it("refuses a wrong or missing token with the invalid-token code sent as a number", async () => {
    const wrong = await get(sb, UNITS, page, "not-a-token");
    expect(wrong.status).toBe(200);
    expect(wrong.body.code).toBe(Number(API_CODES.invalidToken));
    expect(wrong.body.msg).toContain("appToken");
    const missing = await get(sb, UNITS, page, "");
    expect(missing.body.code).toBe(10001);
    const order = await post(sb, "/appointment/cancel", { orderId: 1, cancelReason: "" }, "nope");
    expect(order.body.code).toBe(10001);
  });

  it("checks a POST's token in its JSON body, not in the query", async () => {
    const res = await fetch(`${sb.url}/appointment/cancel?appToken=${sb.appToken}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ orderId: 1, cancelReason: "" }),
    });
    expect(((await res.json()) as { code: unknown }).code).toBe(10001);
  });

  it("issues a token for the right credentials that works until it expires", async () => {
    const issued = await issue();
    expect(issued.code).toBe("0");
    expect(issued.data?.expiresIn).toBe(60);
    const token = issued.data?.appToken ?? "";
    expect(token).not.toBe(sb.appToken);
    expect((await get(sb, UNITS, page, token)).body.code).toBe("0");
    clock = new Date(CHINA_0900.getTime() + 61_000);
    try {
      expect((await get(sb, UNITS, page, token)).body.code).toBe(10001);
    } finally {
      clock = CHINA_0900;
    }
  });

  it("refuses wrong credentials without the invalid-token code, so a refreshing client cannot loop", async () => {
    const wrong = await issue(42, "guess");
    expect(wrong.code).toBe(API_CODES.badParameter);
    expect(wrong.data).toBeUndefined();
    const missing = await issue("", "s3cret");
    expect(missing.msg).toContain("appId");
  });

  it("revokes every issued token at once but keeps the fixed one", async () => {
    const a = (await issue()).data?.appToken ?? "";
    const b = (await issue()).data?.appToken ?? "";
    expect(a).not.toBe(b);
    sb.revokeTokens();
    expect((await get(sb, UNITS, page, a)).body.code).toBe(10001);
    expect((await get(sb, UNITS, page, b)).body.code).toBe(10001);
    expect((await get(sb, UNITS, page)).body.code).toBe("0");
    const fresh = (await issue()).data?.appToken ?? "";
    expect((await get(sb, UNITS, page, fresh)).body.code).toBe("0");
  });
});

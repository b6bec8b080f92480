// What a patient reads when the hospital refuses an order: our own words for a code whose text helps no
// patient (internal errors, a refused token), and for any other code a short hospital message with no
// credential in any encoding and no URL or query string.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_CODES } from "../../src/hospital/error-codes.js";
import { zh } from "../../src/i18n/zh.js";
import { startTestWorld, type TestWorld, walkToSummary } from "../support/world.js";

const TOKEN = "sbx+Tok/en=42&x";

const encodings = (s: string) => [
  s,
  encodeURIComponent(s),
  JSON.stringify(s).slice(1, -1),
  Buffer.from(s).toString("base64"),
  Buffer.from(s).toString("base64url"),
];

describe("the hospital's words, as the patient sees them", () => {
  let world: TestWorld;
  beforeAll(async () => {
    world = await startTestWorld({
      sandbox: { appToken: TOKEN },
      flood: { points: 1000, durationSeconds: 10 },
    });
  });
  afterAll(async () => {
    await world?.stop();
  });

  it("never shows the appToken, in any encoding, nor the request the gateway echoed", async () => {
    const user = world.user(6701);
    await walkToSummary(user);
    const echoed = encodings(TOKEN).join(" ");
    world.sandbox.knobs.failNext.push({
      endpoint: "/appointment/order",
      code: "39999",
      msg: `网关拒绝 ${echoed} https://openapi.91160.com/appointment/order?appToken=${encodeURIComponent(TOKEN)} ?unitId=100&appToken=${TOKEN}`,
    });
    const turn = await user.press(zh.confirm.confirmButton);
    expect(turn.text).toContain("网关拒绝");
    for (const e of encodings(TOKEN)) expect(turn.text).not.toContain(e);
    expect(turn.text).not.toMatch(/https?:|appToken|unitId/);
    expect(user.buttons().flat()).toContain(zh.confirm.retry);
  });

  it("says in our own words what a known code means, and passes on what a bad parameter was", async () => {
    const user = world.user(6702);
    await walkToSummary(user);
    world.sandbox.knobs.failNext.push({
      endpoint: "/appointment/order",
      code: API_CODES.internal,
      msg: `NullPointerException at com.gw.Order appToken=${TOKEN}`,
    });
    const turn = await user.press(zh.confirm.confirmButton);
    expect(turn.text).toBe(zh.confirm.failed(zh.errors.hospitalCodes[API_CODES.internal] ?? "?"));

    // the hospital's own reason for a bad parameter is what the patient needs to fix it
    world.sandbox.knobs.failNext.push({
      endpoint: "/appointment/order",
      code: API_CODES.badParameter,
      msg: `证件号码与姓名不符 ?cardNo=x&appToken=${TOKEN}`,
    });
    const retried = await user.press(zh.confirm.retry);
    expect(retried.text).toBe(zh.confirm.failed("证件号码与姓名不符"));
  });
});

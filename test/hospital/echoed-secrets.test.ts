// Gateways echo the request in their error text. Whatever encoding the appToken or appSecret comes back
// in (raw, URL-encoded, JSON-escaped, base64url, base64, inside a URL or a query string), the error the
// client throws, and everything logged, holds none of them; and the text is short.
import { PassThrough } from "node:stream";
import { inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HospitalApiError } from "../../src/hospital/errors.js";
import { MAX_HOSPITAL_TEXT, scrubHospitalText, secretSpellings } from "../../src/hospital/scrub.js";
import { createLogger } from "../../src/observability/logger.js";
import { type FakeHospital, ok, startFakeHospital, testClient } from "./support/fake-hospital.js";

const TOKEN = "tok+Secret/5f1e=9a7c&3b";
const SECRET = "sec-7Hq2 very/secret+";

/** Every way a careless gateway could send a credential back. */
function echoes(secret: string): string[] {
  return [
    secret,
    encodeURIComponent(secret),
    new URLSearchParams({ v: secret }).toString().slice(2),
    JSON.stringify(secret).slice(1, -1),
    Buffer.from(secret).toString("base64"),
    Buffer.from(secret).toString("base64url"),
    Buffer.from(`appToken=${secret}`).toString("base64"),
    Buffer.from(`{"appToken":"${secret}"}`).toString("base64url"),
  ];
}

const lines: string[] = [];
const stream = new PassThrough();
stream.on("data", (c: Buffer) => lines.push(c.toString("utf8")));
const logger = createLogger({ level: "trace", pretty: false, destination: stream });

let hospital: FakeHospital;
beforeAll(async () => {
  let n = 0;
  hospital = await startFakeHospital((req) => {
    if (req.path === "/app/token") return ok({ appToken: TOKEN, expiresIn: 3600 });
    const all = [...echoes(TOKEN), ...echoes(SECRET)];
    const echo = all[n++ % all.length] ?? "";
    return {
      body: {
        code: "39999",
        msg: `非法请求 ${echo} https://gw.example.com/x?unitId=1&appToken=${encodeURIComponent(TOKEN)} ?unitId=100&appToken=${echo}`,
      },
    };
  });
});
afterAll(async () => {
  await hospital.close();
});

function expectNone(text: string): void {
  for (const spelling of [...echoes(TOKEN), ...echoes(SECRET)]) {
    // the parts of an encoding that carry the secret's own bytes (the edges mix with what is around it)
    const core = spelling.length > 12 ? spelling.slice(4, -4) : spelling;
    expect(text).not.toContain(core);
  }
}

describe("credentials echoed by the hospital", () => {
  it("are in no error the client throws, nor in the logs, in any encoding", async () => {
    const { client } = testClient(hospital.url, {
      logger,
      auth: { kind: "credentials", appId: 1001, appSecret: SECRET },
    });
    const errors: unknown[] = [];
    for (let i = 0; i < 16; i++) {
      errors.push(await client.listHospitals({ pageNum: 1, pageSize: 5 }).catch((e: unknown) => e));
    }
    client.close();
    for (const e of errors) {
      expect(e).toBeInstanceOf(HospitalApiError);
      const err = e as HospitalApiError;
      expectNone(err.apiMessage);
      expectNone(err.message);
      expectNone(inspect(err, { depth: 10, showHidden: true }));
      logger.warn({ err }, "hospital API failed during a step");
      expect(Array.from(err.apiMessage).length).toBeLessThanOrEqual(MAX_HOSPITAL_TEXT);
      expect(err.apiMessage).not.toMatch(/https?:|\?|appToken/);
      expect(err.apiMessage).toContain("非法请求");
    }
    await new Promise((r) => setTimeout(r, 50));
    expect(lines.join("")).toContain("hospital API failed during a step");
    expectNone(lines.join(""));
  });

  it("are censored whatever surrounds a base64 encoding", () => {
    for (const lead of ["", "a", "ab", "abc"]) {
      const b64 = Buffer.from(`${lead}${TOKEN}!`).toString("base64");
      expect(scrubHospitalText(`x ${b64} y`, [TOKEN])).toContain("[redacted]");
    }
    expect(secretSpellings(TOKEN)).toContain(encodeURIComponent(TOKEN));
  });
});

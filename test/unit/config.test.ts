import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.js";

const problemsOf = (env: Record<string, string>): string[] => {
  try {
    loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  return [];
};

describe("configuration", () => {
  it("runs on the built-in sandbox with nothing configured", () => {
    const c = loadConfig({});
    expect(c.botToken).toBeUndefined();
    expect(c.hospital.auth).toEqual({ kind: "sandbox" });
    expect(c.hospital.baseUrl).toBe("https://openapi.91160.com");
    expect(c.redis.url).toBe("redis://127.0.0.1:6379");
    expect(c.webhook).toBeNull();
  });

  it("takes a fixed appToken or an appId with its secret", () => {
    expect(loadConfig({ HOSPITAL_APP_TOKEN: "tok" }).hospital.auth).toEqual({
      kind: "fixed",
      appToken: "tok",
    });
    expect(loadConfig({ HOSPITAL_APP_ID: "42", HOSPITAL_APP_SECRET: "s" }).hospital.auth).toEqual({
      kind: "credentials",
      appId: 42,
      appSecret: "s",
    });
  });

  it("names every problem on its own line and never echoes a secret", () => {
    const problems = problemsOf({
      BOT_TOKEN: "not-a-token-secret-value",
      HOSPITAL_APP_ID: "abc",
      PORT: "99999",
      REDIS_URL: "localhost:6379",
      WEBHOOK_URL: "https://bot.example.com/hook",
      LOG_LEVEL: "loud",
    });
    expect(problems).toHaveLength(7);
    expect(problems.join("\n")).toMatch(/HOSPITAL_APP_SECRET: required/);
    expect(problems.join("\n")).toMatch(/BOT_TOKEN/);
    expect(problems.join("\n")).toMatch(/WEBHOOK_SECRET: required in webhook mode/);
    expect(problems.join("\n")).not.toContain("not-a-token-secret-value");
  });

  it("serves the sandbox hospital to a bot only when HOSPITAL_SANDBOX=true says so", () => {
    const token = "123456:TEST-emulator-token-abcdefghijklmnop";
    const problems = problemsOf({ BOT_TOKEN: token });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^HOSPITAL_APP_TOKEN: .*HOSPITAL_SANDBOX=true/);
    expect(loadConfig({ BOT_TOKEN: token, HOSPITAL_SANDBOX: "true" }).hospital.auth).toEqual({
      kind: "sandbox",
    });
    expect(loadConfig({ BOT_TOKEN: token, HOSPITAL_APP_TOKEN: "tok" }).hospital.auth.kind).toBe("fixed");
    expect(problemsOf({ HOSPITAL_SANDBOX: "true", HOSPITAL_APP_TOKEN: "tok" })).toEqual([
      "HOSPITAL_SANDBOX: set either it or the hospital credentials, not both",
    ]);
    expect(problemsOf({ HOSPITAL_SANDBOX: "yes" })).toEqual([
      "HOSPITAL_SANDBOX: HOSPITAL_SANDBOX must be true or false",
    ]);
  });

  it("merges certificate-type overrides given as JSON", () => {
    expect(loadConfig({ HOSPITAL_CARD_TYPES: '{"passport": 9}' }).hospital.cardTypeOverrides).toEqual({
      passport: 9,
    });
    expect(problemsOf({ HOSPITAL_CARD_TYPES: "passport=9" })).toEqual([
      'HOSPITAL_CARD_TYPES: must be JSON such as {"passport": 3}',
    ]);
  });

  it("takes the patient-data key and earlier keys in base64, and makes one up outside production", () => {
    const key = Buffer.alloc(32, 7).toString("base64");
    const old = Buffer.alloc(32, 8).toString("base64");
    const c = loadConfig({ PATIENT_DATA_KEY: key, PATIENT_DATA_OLD_KEYS: ` ${old} ,` });
    expect(c.patientData.key.equals(Buffer.alloc(32, 7))).toBe(true);
    expect(c.patientData.oldKeys).toEqual([Buffer.alloc(32, 8)]);
    expect(c.patientData.ephemeral).toBe(false);
    const demo = loadConfig({});
    expect(demo.patientData).toMatchObject({ ephemeral: true, oldKeys: [] });
    expect(demo.patientData.key).toHaveLength(32);
    expect(loadConfig({}).patientData.key.equals(demo.patientData.key)).toBe(false);
    expect(c.retention).toEqual({ bookingDaysAfterVisit: 180, savedPatientIdleDays: 365 });
  });

  it("requires the key in production and refuses a key of the wrong size, without echoing it", () => {
    const token = "123456:TEST-emulator-token-abcdefghijklmnop";
    // a production bot without a key is refused by startApp, in one line (test/ops/startup.test.ts)
    expect(
      loadConfig({ NODE_ENV: "production", BOT_TOKEN: token, HOSPITAL_SANDBOX: "true" }).patientData,
    ).toMatchObject({
      ephemeral: true,
      required: true,
    });
    const short = Buffer.alloc(16, 1).toString("base64");
    const problems = problemsOf({ PATIENT_DATA_KEY: short, PATIENT_DATA_OLD_KEYS: "not base64!" });
    expect(problems).toEqual([
      "PATIENT_DATA_OLD_KEYS: must be 32 bytes in base64 (generate one with `openssl rand -base64 32`)",
      "PATIENT_DATA_KEY: must be 32 bytes in base64 (generate one with `openssl rand -base64 32`)",
    ]);
    expect(problems.join("\n")).not.toContain(short);
    // the demo serves no real patient: it runs in production mode with a key of its own
    expect(loadConfig({ NODE_ENV: "production" }).patientData.ephemeral).toBe(true);
  });
});

describe("watch settings", () => {
  it("defaults to the issue's values and warns about intervals under 30 s", async () => {
    const { configWarnings } = await import("../../src/config.js");
    const c = loadConfig({});
    expect(c.watch).toEqual({
      intervalSeconds: 120,
      releaseIntervalSeconds: 10,
      releaseWindowMinutes: 3,
      maxCallsPerMinute: 120,
      holdSeconds: 180,
      maxPerUser: 5,
    });
    expect(configWarnings(c)).toEqual([]);
    const fast = loadConfig({ WATCH_INTERVAL_SECONDS: "5" });
    expect(fast.watch.intervalSeconds).toBe(5);
    expect(configWarnings(fast).join("\n")).toContain("WATCH_INTERVAL_SECONDS=5");
    expect(problemsOf({ WATCH_MAX_PER_USER: "0" })).toEqual([
      "WATCH_MAX_PER_USER: WATCH_MAX_PER_USER must be at least 1",
    ]);
  });
});

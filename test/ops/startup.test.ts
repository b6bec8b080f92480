// A bad configuration stops `npm start` at once, with a line per problem a person can act on, and no
// stack trace to wade through.
import { describe, expect, it } from "vitest";
import { freePort } from "../support/ports.js";
import { spawnBot } from "./support.js";

const VALID_TOKEN = "123456:TEST-emulator-token-abcdefghijklmnop";

describe("starting with a bad configuration", () => {
  it("lists every problem with the environment and exits non-zero", async () => {
    const bot = spawnBot({
      BOT_TOKEN: "not-a-token",
      PORT: "eighty",
      REDIS_URL: "http://localhost:6379",
      WEBHOOK_URL: "https://bot.example.com/hook",
    });
    expect(await bot.exited).toBe(1);
    const lines = bot.stderr().trim().split("\n");
    expect(lines[0]).toBe("The configuration has problems:");
    expect(lines).toContain("  - BOT_TOKEN: BOT_TOKEN does not look like a token from @BotFather");
    expect(lines).toContain("  - PORT: PORT must be a number");
    expect(lines).toContain("  - REDIS_URL: REDIS_URL must start with redis:// or rediss://");
    expect(lines).toContain("  - WEBHOOK_SECRET: required in webhook mode (WEBHOOK_URL is set)");
    expect(bot.stderr()).not.toMatch(/^\s+at /m);
    expect(bot.stderr()).not.toContain("not-a-token");
  });

  it("refuses to serve the sandbox hospital to a real bot unless asked for explicitly", async () => {
    const bot = spawnBot({ BOT_TOKEN: VALID_TOKEN, PORT: "0" });
    expect(await bot.exited).toBe(1);
    const lines = bot.stderr().trim().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^ {2}- HOSPITAL_APP_TOKEN: a bot .* HOSPITAL_SANDBOX=true/);
  });

  it("says where Redis was expected when none answers, in one line", async () => {
    const port = await freePort();
    const bot = spawnBot({
      BOT_TOKEN: VALID_TOKEN,
      REDIS_URL: `redis://user:hunter2@127.0.0.1:${port}`,
      HOSPITAL_SANDBOX: "true",
      PORT: "0",
    });
    expect(await bot.exited).toBe(1);
    expect(bot.stderr().trim()).toBe(
      `Redis does not answer at redis://[credentials]@127.0.0.1:${port}: start it or set REDIS_URL`,
    );
  });
});

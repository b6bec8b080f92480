// The no-token demo, played by a script in place of a person at the terminal: a whole booking, then
// /mybookings and a cancellation, all through the demo's own streams.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { demoPrefix, runDemo } from "../../src/demo/run-demo.js";
import { cleanPrefix, REDIS_URL, testPrefix, testRedis } from "../support/redis.js";
import { ADULT_ID, DEFAULT_PATIENT } from "../support/world.js";

/** The person at the terminal: reads what the demo prints, types a line, presses buttons by number. */
class Terminal {
  readonly input = new PassThrough();
  readonly output = new PassThrough();
  private transcript = "";
  private cursor = 0;

  constructor() {
    this.output.on("data", (chunk: Buffer) => {
      this.transcript += chunk.toString("utf8");
    });
  }

  get text(): string {
    return this.transcript;
  }

  type(line: string): void {
    this.cursor = this.transcript.length;
    this.input.write(`${line}\n`);
  }

  /** waits until the demo has printed this since the last line typed; returns what it printed */
  async waitFor(expected: RegExp, timeoutMs = 8_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const since = this.transcript.slice(this.cursor);
      if (expected.test(since)) return since;
      if (Date.now() > deadline) throw new Error(`the demo did not print ${expected} but:\n${since}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** types the number of the first button whose label matches, among those printed since the last line */
  press(label: RegExp): void {
    const since = this.transcript.slice(this.cursor);
    for (const m of since.matchAll(/\[(\d+)\] (.+?)(?= {2}\[|\n|$)/g)) {
      if (m[1] && m[2] && label.test(m[2]) && !m[2].startsWith("🚫")) {
        this.type(m[1]);
        return;
      }
    }
    throw new Error(`no button ${label} in:\n${since}`);
  }

  async step(expected: RegExp, then: () => void): Promise<void> {
    await this.waitFor(expected);
    then();
  }
}

describe("the demo", () => {
  const prefix = testPrefix("demo");
  let dir = "";
  afterAll(async () => {
    const redis = testRedis();
    await cleanPrefix(redis, demoPrefix(prefix));
    redis.disconnect();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("books, lists and cancels an appointment with a script at the keyboard", async () => {
    dir = await mkdtemp(join(tmpdir(), "demo-"));
    const logFile = join(dir, "demo.log");
    const config = loadConfig({ REDIS_URL, REDIS_PREFIX: prefix, TELEGRAM_CHAT_PER_SECOND: "1000" });
    // a key the last demo run left behind: the demo starts from nothing
    const redis = testRedis();
    await redis.set(`${demoPrefix(prefix)}bookings:1001`, "left over");
    const t = new Terminal();
    const demo = runDemo(config, { input: t.input, output: t.output, logFile, languageCode: "en" });

    await t.step(/Type \/start to begin/, () => t.type("/start"));
    await t.step(/Book an appointment/, () => t.press(/Book an appointment/));
    await t.step(/Choose a city/, () => t.press(/深圳市/));
    await t.step(/choose a hospital/, () => t.press(/三甲/));
    await t.step(/Choose a department/, () => t.press(/^内科$/));
    await t.step(/Choose a doctor/, () => t.press(/医师/));
    await t.step(/choose a day/, () => t.press(/\d+ left/));
    await t.step(/Choose a session/, () => t.press(/\d+ left/));
    await t.step(/Choose a time/, () => t.press(/\d+ left/));
    await t.step(/Your personal information/, () => t.press(/Agree/));
    await t.step(/full legal name/, () => t.type("Zhang San"));
    await t.step(/Type of identity document/, () => t.press(/Resident ID card/));
    await t.step(/ID card number/, () => t.type(ADULT_ID));
    await t.step(/Mobile number/, () => t.type(DEFAULT_PATIENT.mobile));
    await t.step(/Outpatient card number/, () => t.press(/^None$/));
    await t.step(/Contact address/, () => t.type("Shenzhen, Futian, Fuhua Road 1"));
    await t.step(/Please check your booking/, () => t.press(/Confirm/));
    const booked = await t.waitFor(/Booked![\s\S]*Pickup code: \d+/);
    const orderId = /Order number: (\d+)/.exec(booked)?.[1];
    expect(orderId).toBeDefined();

    t.type("/mybookings");
    const listed = await t.waitFor(/My bookings[\s\S]*Cancel no\. 1/);
    expect(listed).toContain(`Order ${orderId}`);
    t.press(/Cancel no\. 1/);
    await t.step(/Why are you cancelling/, () => t.press(/Schedule conflict/));
    await t.step(/Cancel this booking\?/, () => t.press(/Yes, cancel it/));
    await t.waitFor(new RegExp(`Booking ${orderId} .* is cancelled`));
    t.type("/quit");
    await demo;

    expect(t.text).not.toContain("(error)");
    // the demo's keys live under a prefix of its own, never the configured one, and were cleared first
    expect(await redis.keys(`${prefix}*`)).toEqual([]);
    expect(await redis.type(`${demoPrefix(prefix)}bookings:1001`)).toBe("hash");
    expect(await redis.hlen(`${demoPrefix(prefix)}bookings:1001`)).toBe(1);
    redis.disconnect();
    // the bot's log went to the file, not into the chat
    expect(await readFile(logFile, "utf8")).toContain('"msg":"update"');
  });

  it("shows a watch fire: a place frees on the watched doctor soon after the watch is set", async () => {
    const watchDir = await mkdtemp(join(tmpdir(), "demo-watch-"));
    const config = loadConfig({ REDIS_URL, REDIS_PREFIX: prefix, TELEGRAM_CHAT_PER_SECOND: "1000" });
    const t = new Terminal();
    const demo = runDemo(config, {
      input: t.input,
      output: t.output,
      logFile: join(watchDir, "demo.log"),
      languageCode: "en",
      // the demo waits 30 s for a newcomer to read the line; the script does not need to
      freeWatchedPlaceAfterMs: 200,
    });
    try {
      await t.step(/Type \/start to begin/, () => t.type("/book"));
      await t.step(/Choose a city/, () => t.press(/深圳市/));
      await t.step(/choose a hospital/, () => t.press(/三甲/));
      await t.step(/Choose a department/, () => t.press(/^内科$/));
      await t.step(/Choose a doctor/, () => t.press(/医师/));
      await t.step(/choose a day/, () => t.press(/🔔 Watch/));
      await t.step(/Which days\?/, () => t.press(/Whole booking window/));
      await t.step(/Which sessions\?/, () => t.press(/Any session/));
      await t.waitFor(/🔔 Watching .*until/);
      // the demo polls watched doctors every few seconds
      const fired = await t.waitFor(/A place is free![\s\S]*Book now/, 15_000);
      expect(fired).toContain("Keep watching");
    } finally {
      t.type("/quit");
      await demo;
      await rm(watchDir, { recursive: true, force: true });
    }
  });
});

// Whatever the bot logs, at debug level and through failures on every side (a refused Telegram call, a
// 429, a failing hospital), never holds the patient's certificate number, mobile, name or address, the
// hospital's appToken or the bot token.
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/observability/logger.js";
import { makeIdCardNumber } from "../../src/patient/id-card.js";
import { nextBotText } from "../faults/bot-text.js";
import { agreeIfAsked, bookFirstAvailable, firstButton, firstWithPlaces } from "../support/world.js";
import { type OpsWorld, startOpsWorld } from "./support.js";

const PATIENT = {
  name: "欧阳娜娜",
  idNumber: makeIdCardNumber("110105", "1985-11-23", 457),
  mobile: "13987654321",
  address: "北京市朝阳区建国路88号",
};

describe("the bot's logs", () => {
  let world: OpsWorld;
  let logged = "";
  beforeAll(async () => {
    const destination = new PassThrough();
    destination.on("data", (chunk: Buffer) => {
      logged += chunk.toString("utf8");
    });
    world = await startOpsWorld({ logger: createLogger({ level: "debug", pretty: false, destination }) });
  });
  afterAll(async () => {
    await world?.stop();
  });

  it("hold no personal data or credential, whatever happens", async () => {
    const user = world.user(7301);
    await bookFirstAvailable(user, PATIENT);
    world.emulator.failNext("sendMessage", { error_code: 429, retry_after: 1 });
    const listed = nextBotText(user, 5_000);
    await user.say("/mybookings");
    await listed;

    // a second patient: Telegram refuses the summary of their answers, then the hospital fails the order
    const other = world.user(7302, "en");
    await other.say("/book");
    for (let step = 0; step < 4; step++) await other.press(firstButton(other));
    for (let step = 0; step < 3; step++) await other.press(firstWithPlaces(other));
    await agreeIfAsked(other);
    await other.say(PATIENT.name);
    await other.press(/Resident ID/);
    await other.say(PATIENT.idNumber);
    await other.say(PATIENT.mobile);
    await other.press(/^None$/);
    world.emulator.failNext("sendMessage", { error_code: 400, description: "Bad Request: no" }, 2);
    await other.say(PATIENT.address);
    // a third, whose order the hospital fails
    world.sandbox.knobs.failNext.push({ endpoint: "/appointment/order", status: 500 });
    await expect(bookFirstAvailable(world.user(7303), PATIENT)).rejects.toThrow(/no order number/);
    await new Promise((r) => setTimeout(r, 200));

    const lines = logged.trim().split("\n");
    expect(lines.length).toBeGreaterThan(30);
    expect(lines.some((l) => l.includes('"level":20'))).toBe(true);
    expect(lines.some((l) => l.includes('"level":50') || l.includes('"level":40'))).toBe(true);
    for (const secret of [
      PATIENT.idNumber,
      PATIENT.idNumber.slice(0, 14),
      PATIENT.mobile,
      PATIENT.name,
      PATIENT.address,
      world.sandbox.appToken,
      world.emulator.token,
      world.emulator.token.split(":")[1] ?? "",
    ]) {
      expect(logged).not.toContain(secret);
    }
    // a refused call's buttons (which may name the patient) stay out of the error
    expect(logged).not.toContain("inline_keyboard");
  });

  it("say, for each update, which chat, which step and how long it took", () => {
    const updates = logged
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => l.msg === "update");
    expect(updates.length).toBeGreaterThan(15);
    expect(updates.some((u) => u.chat === 7301 && typeof u.step === "string")).toBe(true);
    for (const u of updates) expect(typeof u.ms).toBe("number");
  });
});

// The hospital answers 5xx or not at all: list requests are retried a bounded number of times, then the
// patient is told plainly and offered a Retry button that works once the hospital is back.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { zh } from "../../src/i18n/zh.js";
import type { EmulatedUser } from "../../src/telegram-emulator/types.js";
import {
  firstButton,
  firstWithPlaces,
  promptLine,
  startTestWorld,
  type TestWorld,
} from "../support/world.js";
import { nextBotText } from "./bot-text.js";

const SLOTS = "/appointment/resourceList";
const RETRIES = 2;

describe("a failing hospital API", () => {
  let world: TestWorld;
  beforeAll(async () => {
    world = await startTestWorld({
      env: { HOSPITAL_RETRIES: String(RETRIES), HOSPITAL_TIMEOUT_MS: "300" },
    });
  });
  afterAll(async () => {
    await world?.stop();
  });

  /** Up to the sessions of the first day with places: the next tap asks the hospital for slots. */
  async function toSessions(user: EmulatedUser): Promise<void> {
    await user.say("/book");
    for (let step = 0; step < 4; step++) await user.press(firstButton(user));
    await user.press(firstWithPlaces(user));
  }

  const failNextSlots = (times: number) => {
    for (let i = 0; i < times; i++) world.sandbox.knobs.failNext.push({ endpoint: SLOTS, status: 502 });
  };

  it("retries a list request that fails with 5xx and shows the slots when a retry succeeds", async () => {
    const user = world.user(6201);
    await toSessions(user);
    failNextSlots(RETRIES);
    const asked = world.sandbox.requestCount(SLOTS);
    const turn = await user.press(firstWithPlaces(user));
    expect(turn.text).toContain(promptLine(zh.slot.prompt("", "", "")));
    expect(world.sandbox.requestCount(SLOTS) - asked).toBe(RETRIES + 1);
  });

  it("gives up after the retries, says so plainly, and a Retry button that works", async () => {
    const user = world.user(6202);
    await toSessions(user);
    failNextSlots(RETRIES + 1);
    const asked = world.sandbox.requestCount(SLOTS);
    const failed = await user.press(firstWithPlaces(user));
    expect(failed.text).toBe(zh.errors.hospitalUnavailable);
    expect(user.buttons().flat()).toContain(zh.confirm.retry);
    expect(world.sandbox.requestCount(SLOTS) - asked).toBe(RETRIES + 1);

    const retried = await user.press(zh.confirm.retry);
    expect(retried.text).toContain(promptLine(zh.slot.prompt("", "", "")));
    expect(
      user
        .buttons()
        .flat()
        .some((label) => /\d{2}:\d{2}/.test(label)),
    ).toBe(true);
  });

  it("treats a hospital that does not answer in time like one that fails, and recovers the same way", async () => {
    const user = world.user(6203);
    await toSessions(user);
    const asked = world.sandbox.requestCount(SLOTS);
    world.sandbox.knobs.latencyMs = 1_000;
    try {
      const answer = nextBotText(user);
      await user.press(firstWithPlaces(user));
      expect(await answer).toBe(zh.errors.hospitalUnavailable);
      expect(world.sandbox.requestCount(SLOTS) - asked).toBe(RETRIES + 1);
    } finally {
      world.sandbox.knobs.latencyMs = 0;
    }
    const retried = await user.press(zh.confirm.retry);
    expect(retried.text).toContain(promptLine(zh.slot.prompt("", "", "")));
  });
});

// A patient tapping far faster than a person reads is slowed down: past the limit their updates are
// dropped with one notice, so they cannot spend the hospital API quota everyone shares, and the others
// are served as usual. When the window has passed they are heard again.
import type { Redis } from "ioredis";
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

const POINTS = 8;
const WINDOW_SECONDS = 2;
const SLOTS = "/appointment/resourceList";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("a patient flooding the bot", () => {
  let world: TestWorld;
  let redis: Redis;
  beforeAll(async () => {
    world = await startTestWorld({ flood: { points: POINTS, durationSeconds: WINDOW_SECONDS } });
    redis = world.redis;
  });
  afterAll(async () => {
    await world?.stop();
  });

  /** Presses "retry" on the live slot list: each one that gets through asks the hospital for slots again. */
  async function retrySlots(u: EmulatedUser) {
    const session = JSON.parse((await redis.get(`${world.prefix}session:${u.id}`)) ?? "{}") as {
      menu?: { nonce: string; messageId: number };
    };
    if (!session.menu) throw new Error("no live menu");
    return u.pressData(`${session.menu.nonce}|retry|`, session.menu.messageId);
  }

  it("drops a flood with one notice, spares the hospital, serves others, and listens again later", async () => {
    const flooder = world.user(6601);
    await flooder.say("/book");
    for (let step = 0; step < 4; step++) await flooder.press(firstButton(flooder));
    for (let step = 0; step < 2; step++) await flooder.press(firstWithPlaces(flooder));
    expect(flooder.lastMessage()?.text).toContain(promptLine(zh.slot.prompt("", "", "")));
    await sleep(WINDOW_SECONDS * 1000 + 100);

    const asked = world.sandbox.requestCount(SLOTS);
    const turns = [];
    for (let i = 0; i < POINTS + 6; i++) turns.push(await retrySlots(flooder));
    const heard = turns.filter((t) => t.text.includes(promptLine(zh.slot.prompt("", "", ""))));
    const notices = turns.filter((t) => t.text === zh.errors.flood);
    expect(heard).toHaveLength(POINTS);
    expect(notices).toHaveLength(1);
    expect(turns.slice(POINTS + 1).every((t) => t.text === "")).toBe(true);
    // every dropped press is still answered, so no button keeps spinning
    expect(turns.every((t) => t.answer !== undefined)).toBe(true);
    expect(world.sandbox.requestCount(SLOTS) - asked).toBe(POINTS);

    const neighbour = world.user(6602);
    expect((await neighbour.say("/book")).text).toBe(zh.city.prompt);

    await sleep(WINDOW_SECONDS * 1000 + 100);
    expect((await retrySlots(flooder)).text).toContain(promptLine(zh.slot.prompt("", "", "")));
  });
});

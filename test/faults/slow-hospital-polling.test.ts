// Long polling in a rush: while one patient's step waits on a slow hospital, other patients' taps are
// fetched and answered; the slow step still gets its answer.
import { afterAll, beforeAll, expect, it } from "vitest";
import { zh } from "../../src/i18n/zh.js";
import type { ChatMessage, EmulatedUser } from "../../src/telegram-emulator/types.js";
import { startTestWorld, type TestWorld } from "../support/world.js";

let world: TestWorld;
beforeAll(async () => {
  // the production default, not the stories' longer grace
  world = await startTestWorld({ env: { POLL_BATCH_GRACE_MS: "20" } });
});
afterAll(async () => {
  await world?.stop();
});

/** resolves with the next message the bot sends or edits in this chat */
function nextMessage(user: EmulatedUser): Promise<ChatMessage> {
  return new Promise((resolve) => {
    const stop = user.watch((e) => {
      if (e.kind === "sent" || e.kind === "edited") {
        stop();
        resolve(e.message);
      }
    });
  });
}

it("answers a quick tap while another patient's step waits on a slow hospital", async () => {
  const slow = world.user(9301);
  const quick = world.user(9302);
  world.sandbox.knobs.latencyMs = 1_500;
  const slowAnswer = nextMessage(slow);
  const started = Date.now();
  // the city list is not cached yet: this asks the hospital
  await slow.say("/book");
  const quickAnswer = nextMessage(quick);
  await quick.say("/help");
  await quickAnswer;
  const quickMs = Date.now() - started;
  const slowText = (await slowAnswer).text;
  const slowMs = Date.now() - started;
  world.sandbox.knobs.latencyMs = 0;
  expect(quickMs).toBeLessThan(700);
  expect(slowMs).toBeGreaterThanOrEqual(1_500);
  expect(slowText).toBe(zh.city.prompt);
});

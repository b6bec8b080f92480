// A session stored by the previous version of the bot still loads after a deploy: a step whose own state
// no longer fits its schema (the slot and date steps used to keep positional tuples) starts that step
// again with a polite line, keeps the choices made before it, and the patient carries on.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { zh } from "../../src/i18n/zh.js";
import type { EmulatedUser } from "../../src/telegram-emulator/types.js";
import { firstButton, firstWithPlaces, startTestWorld, type TestWorld } from "../support/world.js";

let world: TestWorld;
beforeAll(async () => {
  world = await startTestWorld();
});
afterAll(async () => {
  await world?.stop();
});

const key = (user: EmulatedUser) => `${world.prefix}session:${user.id}`;

/** Rewrites the stored step state as the previous version wrote it. */
async function storeOldState(user: EmulatedUser, toOld: (state: Record<string, unknown>) => unknown) {
  const raw = await world.redis.get(key(user));
  if (!raw) throw new Error("no stored session");
  const session = JSON.parse(raw) as { __scenes: { state: Record<string, unknown> } };
  session.__scenes.state = { ...session.__scenes.state, ...(toOld(session.__scenes.state) as object) };
  const ttl = await world.redis.pttl(key(user));
  await world.redis.set(key(user), JSON.stringify(session), "PX", Math.max(ttl, 60_000));
}

async function toSlots(user: EmulatedUser): Promise<void> {
  await user.say("/book");
  for (let i = 0; i < 4; i++) await user.press(firstButton(user));
  await user.press(firstWithPlaces(user));
  await user.press(firstWithPlaces(user));
}

describe("a session from the previous version", () => {
  it("resets the slot step's old tuples politely and books on the next tap", async () => {
    const user = world.user(9501);
    await toSlots(user);
    const slotsText = user.lastMessage()?.text;
    await storeOldState(user, (state) => ({
      shown: (
        state.shown as {
          resourceId: string;
          scheduleId: string;
          beginTime: string;
          endTime: string;
          fee: number;
        }[]
      ).map((s) => [s.resourceId, s.scheduleId, s.beginTime, s.endTime, s.fee]),
    }));
    const slot = firstWithPlaces(user);
    const reset = await user.press(slot);
    expect(reset.sent.map((m) => m.text)).toEqual([zh.flow.stepReset]);
    expect(reset.text).toBe(slotsText);
    const asked = await user.press(firstWithPlaces(user));
    expect(asked.text).toContain(zh.patient.askName);
  });

  it("resets the date step's old session tuples and keeps the doctor chosen", async () => {
    const user = world.user(9502);
    await user.say("/book");
    for (let i = 0; i < 4; i++) await user.press(firstButton(user));
    const daysText = user.lastMessage()?.text;
    await user.press(firstWithPlaces(user)); // a day: its sessions are drawn
    await storeOldState(user, (state) => ({
      sessions: (state.sessions as { scheduleId: string; date: string; period: string }[]).map((s) => [
        s.scheduleId,
        s.date,
        s.period,
      ]),
    }));
    const reset = await user.press(firstWithPlaces(user));
    expect(reset.sent.map((m) => m.text)).toEqual([zh.flow.stepReset]);
    // the step starts again at its list of days, for the same doctor, and goes on from there
    expect(reset.text).toBe(daysText);
    await user.press(firstWithPlaces(user));
    await user.press(firstWithPlaces(user));
    const asked = await user.press(firstWithPlaces(user));
    expect(asked.text).toContain(zh.patient.askName);
  });
});

// Updates the bot did not expect: fields missing, a novel for a message, button data it never wrote or
// cut short, a button from another patient's conversation. Each gets a polite answer or silence; none
// crashes the bot or changes anybody's conversation (the stored session is compared byte for byte).
import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { zh } from "../../src/i18n/zh.js";
import type { EmulatedUser } from "../../src/telegram-emulator/types.js";
import { firstButton, promptLine, startTestWorld, type TestWorld } from "../support/world.js";

const NOW = () => Math.floor(Date.now() / 1000);

describe("malformed and hostile updates", () => {
  let world: TestWorld;
  let redis: Redis;
  let patient: EmulatedUser;
  let other: EmulatedUser;
  beforeAll(async () => {
    world = await startTestWorld();
    redis = world.redis;
    patient = world.user(6501);
    other = world.user(6502);
    for (const u of [patient, other]) {
      await u.say("/book");
      for (let step = 0; step < 4; step++) await u.press(firstButton(u));
    }
  });
  afterAll(async () => {
    await world?.stop();
  });

  // parsed, since loading a session re-parses it and may store its fields in another order
  const sessionOf = async (u: EmulatedUser): Promise<unknown> =>
    JSON.parse((await redis.get(`${world.prefix}session:${u.id}`)) ?? "null");
  const chatOf = (u: EmulatedUser) => ({ id: u.id, type: "private", first_name: `Patient${u.id}` });
  const fromOf = (u: EmulatedUser) => ({
    id: u.id,
    is_bot: false,
    first_name: `Patient${u.id}`,
    language_code: "zh-hans",
  });

  /** The patient's live menu (the message the session points at) and the data of its buttons. */
  async function menuOf(u: EmulatedUser): Promise<{ messageId: number; data: string[]; labels: string[] }> {
    const session = (await sessionOf(u)) as { menu?: { messageId: number } } | null;
    const messageId = session?.menu?.messageId ?? -1;
    const markup = u.messages().find((m) => m.messageId === messageId)?.replyMarkup;
    const buttons = (markup && "inline_keyboard" in markup ? markup.inline_keyboard : []).flat();
    const data = buttons.flatMap((b) => ("callback_data" in b ? [b.callback_data] : []));
    return { messageId, data, labels: buttons.map((b) => b.text) };
  }

  /** Taps the first button of the live menu that shows places left, wherever the latest message is. */
  async function pressWithPlaces(u: EmulatedUser) {
    const { messageId, labels } = await menuOf(u);
    const label = labels.find((l) => /余\d+/.test(l) && !l.startsWith("🚫"));
    if (!label) throw new Error(`no button with places left: ${labels.join(", ")}`);
    return u.press(label, { messageId });
  }

  /** Runs `act` and checks that neither patient's stored conversation changed and nothing went wrong. */
  async function unchanged(act: () => Promise<unknown>): Promise<void> {
    const before = [await sessionOf(patient), await sessionOf(other)];
    const sentBefore = world.emulator.calls("sendMessage").length;
    await act();
    expect([await sessionOf(patient), await sessionOf(other)]).toEqual(before);
    const replies = world.emulator.calls("sendMessage").slice(sentBefore);
    // silence, or words of the bot's own; never the apology for a handler that failed
    for (const r of replies) expect(r.payload.text).not.toBe(zh.errors.generic);
  }

  it("ignores updates that carry nothing it can use", async () => {
    await unchanged(() => world.emulator.pushUpdate({}));
    await unchanged(() => world.emulator.pushUpdate({ message: { message_id: 9001, date: NOW() } }));
    await unchanged(() =>
      world.emulator.pushUpdate({ message: { message_id: 9002, date: NOW(), chat: chatOf(patient) } }),
    );
    await unchanged(() =>
      world.emulator.pushUpdate({
        edited_message: {
          message_id: 9003,
          date: NOW(),
          chat: chatOf(patient),
          from: fromOf(patient),
          text: "x",
        },
      }),
    );
    await unchanged(async () =>
      world.emulator.pushUpdate({
        callback_query: {
          id: "9004",
          from: fromOf(patient),
          chat_instance: "1",
          data: (await menuOf(patient)).data[0],
        },
      }),
    );
    const menuId = (await menuOf(patient)).messageId;
    await unchanged(() =>
      world.emulator.pushUpdate({
        callback_query: {
          id: "9005",
          from: fromOf(patient),
          chat_instance: "1",
          message: { message_id: menuId, date: NOW(), chat: chatOf(patient), text: "menu" },
        },
      }),
    );
  });

  it("answers a 10,000-character message politely without taking it as an answer", async () => {
    await pressWithPlaces(patient); // a day: the step now expects a tap, not text
    const turn = await (async () => {
      let t: Awaited<ReturnType<EmulatedUser["say"]>> | undefined;
      await unchanged(async () => {
        t = await patient.say("挂".repeat(10_000));
      });
      return t;
    })();
    expect(turn?.text).toBe(zh.flow.tapExpected);
  });

  it("turns away button data it never wrote, forged or cut short", async () => {
    const { messageId, data } = await menuOf(patient);
    const real = data[0] ?? "";
    for (const forged of [
      "",
      "0|pick|",
      "zzzz|pick|101",
      "abcd|drop|1",
      `${real}|extra`,
      real.slice(0, 6),
      "💥".repeat(30),
    ]) {
      await unchanged(async () => {
        const turn = await patient.pressData(forged, messageId);
        expect([forged, turn.answer?.text]).toEqual([forged, zh.flow.expired]);
      });
    }
  });

  it("does not let one patient's button act on another patient's conversation", async () => {
    const theirs = (await menuOf(other)).data.find((d) => d.includes("|pick|")) ?? "";
    expect(theirs).not.toBe("");
    const mine = (await menuOf(patient)).messageId;
    await unchanged(async () => {
      const turn = await patient.pressData(theirs, mine);
      expect(turn.answer?.text).toBe(zh.flow.expired);
    });
  });

  it("keeps serving the patient normally afterwards", async () => {
    const turn = await pressWithPlaces(patient);
    expect(turn.text).toContain(promptLine(zh.slot.prompt("", "", "")));
  });
});

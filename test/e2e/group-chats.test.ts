// The bot books in private only: in a group, supergroup or channel it collects nothing and starts no
// booking. The booking commands get one short reply with a button to the private chat, a pressed button
// gets the same hint, and `/start book` in the private chat starts the booking.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { en } from "../../src/i18n/en.js";
import { zh } from "../../src/i18n/zh.js";
import { encodeCallback, GLOBAL_NONCE } from "../../src/telegram/callback-data.js";
import { startTestWorld, type TestWorld } from "../support/world.js";

const GROUP = { id: -1001234567, type: "supergroup", title: "病友群" };
const MEMBER = { id: 6601, is_bot: false, first_name: "Member", language_code: "zh-hans" };

describe("the bot in a group chat", () => {
  let world: TestWorld;
  let messageId = 1;
  beforeAll(async () => {
    world = await startTestWorld();
  });
  afterAll(async () => {
    await world?.stop();
  });

  const say = (text: string, chat: Record<string, unknown> = GROUP) =>
    world.emulator.pushUpdate({
      message: {
        message_id: messageId++,
        from: MEMBER,
        chat,
        date: Math.floor(Date.now() / 1000),
        text,
        ...(text.startsWith("/")
          ? { entities: [{ type: "bot_command", offset: 0, length: text.split(/\s/)[0]?.length ?? 0 }] }
          : {}),
      },
    });
  const sentTo = (chatId: number) =>
    world.emulator.calls("sendMessage").filter((c) => String(c.payload.chat_id) === String(chatId));
  const keysOf = async (id: number) =>
    (await world.redis.keys(`${world.prefix}*`)).filter((k) => k.includes(String(id)));

  it("answers each booking command with one short reply and a button that opens the private chat", async () => {
    for (const command of ["/start", "/book", "/mybookings", "/cancel", "/book@emulated_booking_bot"]) {
      const before = sentTo(GROUP.id).length;
      await say(command);
      const replies = sentTo(GROUP.id).slice(before);
      expect(replies, command).toHaveLength(1);
      expect(replies[0]?.payload.text).toBe(zh.privateOnly.text);
      expect(JSON.stringify(replies[0]?.payload.reply_markup)).toContain(
        "https://t.me/emulated_booking_bot?start=book",
      );
    }
    // and no conversation was started or stored for the member or the group
    expect(await keysOf(MEMBER.id)).toEqual([]);
    expect(await keysOf(Math.abs(GROUP.id))).toEqual([]);
  });

  it("collects nothing said in the group and ignores commands for another bot", async () => {
    const before = sentTo(GROUP.id).length;
    await say("张三");
    await say("44030419900307123X");
    await say("/book@some_other_bot");
    await say("/help");
    expect(sentTo(GROUP.id).length).toBe(before);
    expect(await keysOf(MEMBER.id)).toEqual([]);
  });

  it("answers any button pressed in a group with the same hint and changes nothing", async () => {
    const before = world.emulator.calls("answerCallbackQuery").length;
    await world.emulator.pushUpdate({
      callback_query: {
        id: "group-press-1",
        from: MEMBER,
        chat_instance: "1",
        message: { message_id: 1, chat: GROUP, date: Math.floor(Date.now() / 1000), text: "menu" },
        data: encodeCallback({ nonce: GLOBAL_NONCE, action: "start", arg: "" }),
      },
    });
    const answers = world.emulator.calls("answerCallbackQuery").slice(before);
    expect(answers).toHaveLength(1);
    expect(answers[0]?.payload.text).toBe(zh.privateOnly.text);
    expect(sentTo(GROUP.id).filter((c) => c.payload.text !== zh.privateOnly.text)).toEqual([]);
    expect(await keysOf(MEMBER.id)).toEqual([]);
  });

  it("starts the booking from the private chat's link (/start book)", async () => {
    const user = world.user(6602, "en");
    const turn = await user.say("/start book");
    expect(turn.text).toContain(en.city.prompt);
  });
});

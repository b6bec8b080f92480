import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTelegramEmulator, type TelegramEmulator } from "../../src/telegram-emulator/index.js";

// These stories speak HTTP to the emulator directly, the way any Bot API client would.
describe("the emulated Bot API over HTTP", () => {
  let emulator: TelegramEmulator;

  beforeEach(async () => {
    emulator = await startTelegramEmulator();
  });
  afterEach(async () => {
    await emulator.close();
  });

  async function call(method: string, params: Record<string, unknown> = {}) {
    const res = await fetch(`${emulator.apiRoot}/bot${emulator.token}/${method}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(params),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  it("refuses a wrong token and an unknown method with Telegram's envelopes", async () => {
    const wrong = await fetch(`${emulator.apiRoot}/bot123:nope/getMe`);
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({ ok: false, error_code: 401, description: "Unauthorized" });
    expect(await call("sendPigeon")).toEqual({
      status: 404,
      body: { ok: false, error_code: 404, description: "Not Found" },
    });
  });

  it("answers getMe over GET, with method names case-insensitive", async () => {
    const res = await fetch(`${emulator.apiRoot}/bot${emulator.token}/GETME`);
    expect(await res.json()).toMatchObject({ ok: true, result: { id: 123456, is_bot: true } });
  });

  it("accepts urlencoded and multipart bodies with reply_markup as JSON text", async () => {
    const user = emulator.user(1);
    const markup = JSON.stringify({ inline_keyboard: [[{ text: "Yes", callback_data: "y" }]] });
    const form = await fetch(`${emulator.apiRoot}/bot${emulator.token}/sendMessage`, {
      method: "POST",
      body: new URLSearchParams({ chat_id: "1", text: "Form 你好", reply_markup: markup }),
    });
    expect(((await form.json()) as { ok: boolean }).ok).toBe(true);
    const multipart = new FormData();
    multipart.set("chat_id", "1");
    multipart.set("text", "Multipart 你好");
    const sent = await fetch(`${emulator.apiRoot}/bot${emulator.token}/sendMessage`, {
      method: "POST",
      body: multipart,
    });
    expect(((await sent.json()) as { ok: boolean }).ok).toBe(true);
    expect(user.messages().map((m) => m.text)).toEqual(["Form 你好", "Multipart 你好"]);
    expect(user.buttons(1)).toEqual([["Yes"]]);
  });

  it("holds getUpdates for its timeout and answers as soon as an update arrives", async () => {
    const started = Date.now();
    expect(await call("getUpdates", { timeout: 1 })).toEqual({ status: 200, body: { ok: true, result: [] } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);

    const early = Date.now();
    const polled = call("getUpdates", { timeout: 30 });
    const turn = emulator.user(2).say("hello");
    const { body } = await polled;
    expect(Date.now() - early).toBeLessThan(1000);
    const [update] = body.result as Array<{ update_id: number; message: { text: string } }>;
    expect(update?.message.text).toBe("hello");

    // the same update comes again until an offset above it confirms it — and that ends the turn
    expect((await call("getUpdates", { offset: update?.update_id })).body.result).toHaveLength(1);
    expect((await call("getUpdates", { offset: (update?.update_id ?? 0) + 1 })).body.result).toEqual([]);
    expect((await turn).updateId).toBe(update?.update_id);
  });

  it("lets a callback query be answered once", async () => {
    const user = emulator.user(3);
    await call("sendMessage", {
      chat_id: 3,
      text: "Menu",
      reply_markup: { inline_keyboard: [[{ text: "Go", callback_data: "go" }]] },
    });
    const turn = user.press("Go");
    const { body } = await call("getUpdates", { timeout: 5 });
    const [update] = body.result as Array<{ update_id: number; callback_query: { id: string } }>;
    const queryId = update?.callback_query.id;
    expect(
      await call("answerCallbackQuery", { callback_query_id: queryId, text: "Done", show_alert: true }),
    ).toEqual({
      status: 200,
      body: { ok: true, result: true },
    });
    expect((await call("answerCallbackQuery", { callback_query_id: queryId })).body).toEqual({
      ok: false,
      error_code: 400,
      description: "Bad Request: query is too old and response timeout expired or query ID is invalid",
    });
    await call("getUpdates", { offset: (update?.update_id ?? 0) + 1 });
    expect((await turn).answer).toEqual({ text: "Done", show_alert: true });
  });

  it("refuses edits of unknown messages and HTML that Telegram cannot parse", async () => {
    emulator.user(4);
    expect((await call("editMessageText", { chat_id: 4, message_id: 77, text: "x" })).body.description).toBe(
      "Bad Request: message to edit not found",
    );
    expect(
      (await call("sendMessage", { chat_id: 4, text: "<b>bold", parse_mode: "HTML" })).body.description,
    ).toBe(`Bad Request: can't parse entities: Can't find end tag corresponding to start tag "b"`);
    expect(
      (await call("sendMessage", { chat_id: 4, text: "1 < 2", parse_mode: "HTML" })).body.description,
    ).toMatch(/^Bad Request: can't parse entities: Unsupported start tag "" at byte offset 2$/);
    expect((await call("sendMessage", { chat_id: 5, text: "hi" })).body.description).toBe(
      "Bad Request: chat not found",
    );
  });

  it("keeps the raw HTML and shows the user the plain text with entities", async () => {
    const user = emulator.user(6);
    const { body } = await call("sendMessage", {
      chat_id: 6,
      text: "<b>Dr Wang</b> &amp; <i>Dr Li</i> &lt;3",
      parse_mode: "HTML",
    });
    expect(body.result).toMatchObject({
      text: "Dr Wang & Dr Li <3",
      entities: [
        { type: "bold", offset: 0, length: 7 },
        { type: "italic", offset: 10, length: 5 },
      ],
    });
    expect(user.lastMessage()).toMatchObject({
      text: "Dr Wang & Dr Li <3",
      rawText: "<b>Dr Wang</b> &amp; <i>Dr Li</i> &lt;3",
    });
  });

  it("records commands per language", async () => {
    await call("setMyCommands", {
      commands: [{ command: "book", description: "预约挂号" }],
      language_code: "zh",
    });
    await call("setMyCommands", { commands: [{ command: "book", description: "Book" }] });
    expect(emulator.commands("zh")).toEqual([{ command: "book", description: "预约挂号" }]);
    expect((await call("getMyCommands", {})).body.result).toEqual([{ command: "book", description: "Book" }]);
    expect(
      (await call("setMyCommands", { commands: [{ command: "Book!", description: "x" }] })).body.description,
    ).toBe("Bad Request: BOT_COMMAND_INVALID");
  });

  it("fails the next calls as a test asks, then works again", async () => {
    emulator.user(7);
    emulator.failNext(
      "sendMessage",
      { error_code: 403, description: "Forbidden: bot was blocked by the user" },
      2,
    );
    expect((await call("sendMessage", { chat_id: 7, text: "a" })).status).toBe(403);
    expect((await call("sendMessage", { chat_id: 7, text: "b" })).status).toBe(403);
    expect((await call("sendMessage", { chat_id: 7, text: "c" })).status).toBe(200);
    expect(emulator.calls("sendMessage").map((c) => c.error?.error_code)).toEqual([403, 403, undefined]);
  });
});

// Webhook mode: Telegram's secret header is checked on every request. Without it, or with a wrong one,
// the request is refused with 401 and the update never reaches the bot; with it, a patient books.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { zh } from "../../src/i18n/zh.js";
import { cleanPrefix, testRedis } from "../support/redis.js";
import { bookFirstAvailable } from "../support/world.js";
import { type OpsWorld, startOpsWorld, WEBHOOK_SECRET, WEBHOOK_URL } from "./support.js";

describe("the bot in webhook mode", () => {
  let world: OpsWorld;
  const handled: string[] = [];
  beforeAll(async () => {
    world = await startOpsWorld({ webhook: true, hooks: { onUpdate: (e) => handled.push(e.kind) } });
  });
  afterAll(async () => {
    await world?.stop();
  });

  const hookUrl = () => `${world.service.http.url}${new URL(WEBHOOK_URL).pathname}`;
  const update = (id: number) => ({
    update_id: 900_000 + id,
    message: {
      message_id: 1,
      date: Math.floor(Date.now() / 1000),
      chat: { id: 7001, type: "private" },
      from: { id: 7001, is_bot: false, first_name: "Mallory" },
      text: "/start",
      entities: [{ type: "bot_command", offset: 0, length: 6 }],
    },
  });
  const post = (headers: Record<string, string>, id: number) =>
    fetch(hookUrl(), {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(update(id)),
    });

  it("registers the webhook with its secret and keeps what Telegram had queued", async () => {
    expect(world.service.mode).toBe("webhook");
    const [set] = world.emulator.calls("setWebhook");
    expect(set?.payload).toMatchObject({
      url: WEBHOOK_URL,
      secret_token: WEBHOOK_SECRET,
      drop_pending_updates: false,
    });
    expect(world.emulator.calls("getUpdates")).toEqual([]);
  });

  it("refuses a request without the secret or with a wrong one, and handles neither", async () => {
    const missing = await post({}, 1);
    const wrong = await post({ "X-Telegram-Bot-Api-Secret-Token": "wrong_secret-123" }, 2);
    const prefix = await post({ "X-Telegram-Bot-Api-Secret-Token": WEBHOOK_SECRET.slice(0, -1) }, 3);
    expect([missing.status, wrong.status, prefix.status]).toEqual([401, 401, 401]);
    await new Promise((r) => setTimeout(r, 100));
    expect(handled).toEqual([]);
    expect(world.emulator.calls("sendMessage").filter((c) => c.payload.chat_id === 7001)).toEqual([]);
  });

  it("takes a whole booking through the webhook when Telegram sends the secret", async () => {
    const user = world.user(7002);
    const { orderId } = await bookFirstAvailable(user);
    expect(world.sandbox.orders().some((o) => String(o.orderId) === orderId)).toBe(true);
    // every call was a real API call: none hid in a webhook response, where its failure would go unseen
    expect(world.emulator.calls().filter((c) => c.viaWebhookReply)).toEqual([]);
    expect(world.emulator.calls("answerCallbackQuery").length).toBeGreaterThan(5);
  });
});

describe("stopping the bot in webhook mode", () => {
  let world: OpsWorld;
  beforeAll(async () => {
    world = await startOpsWorld({ webhook: true });
  });
  afterAll(async () => {
    const redis = testRedis();
    await cleanPrefix(redis, world.prefix);
    redis.disconnect();
    await world?.emulator.close();
    await world?.sandbox.close();
  });

  it("finishes the update in hand and sends new deliveries back to Telegram with 503", async () => {
    const user = world.user(7003);
    world.sandbox.knobs.latencyMs = 800;
    const asked = world.sandbox.requestCount();
    const turn = user.say("/book");
    while (world.sandbox.requestCount() === asked) await new Promise((r) => setTimeout(r, 10));

    const stopped = world.service.stop("test");
    const late = await fetch(`${world.service.http.url}${new URL(WEBHOOK_URL).pathname}`, {
      method: "POST",
      headers: { "content-type": "application/json", "X-Telegram-Bot-Api-Secret-Token": WEBHOOK_SECRET },
      body: "{}",
    });
    expect(late.status).toBe(503);
    expect((await turn).text).toBe(zh.city.prompt);
    await stopped;
    // the registration stays for the other replicas and the next deployment
    expect(world.emulator.calls("deleteWebhook")).toEqual([]);
  });
});

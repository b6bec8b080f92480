import type { User, UserFromGetMe } from "telegraf/types";
import { callApi } from "./api.js";
import { badRequest } from "./api-error.js";
import { BotCommands } from "./bot-commands.js";
import { CallLog } from "./call-log.js";
import { CallbackQueries } from "./callback-queries.js";
import { ChatState } from "./chat.js";
import { FailureInjector } from "./failures.js";
import { HandledTracker, withTimeout } from "./handled-tracker.js";
import { type RawUpdate, UpdateQueue } from "./update-queue.js";
import { type WebhookConfig, WebhookDispatcher } from "./webhook.js";

export interface EmulatorConfig {
  token: string;
  bot: UserFromGetMe;
  turnTimeoutMs: number;
  webhookTarget: (registeredUrl: string) => string;
}

/** Everything the emulated Telegram knows; methods read and change it, the driver watches it. */
export class EmulatorState {
  readonly chats = new Map<number, ChatState>();
  readonly tracker = new HandledTracker();
  readonly queue = new UpdateQueue(this.tracker);
  readonly callbackQueries = new CallbackQueries();
  readonly commands = new BotCommands();
  readonly calls = new CallLog();
  readonly failures = new FailureInjector();
  readonly webhook: WebhookDispatcher;
  private readonly closing = new AbortController();
  // real update ids are large and only ever grow
  private nextUpdateId = 800_000_001;

  constructor(readonly config: EmulatorConfig) {
    this.webhook = new WebhookDispatcher({
      tracker: this.tracker,
      target: config.webhookTarget,
      runReply: async (method, payload) => {
        await callApi(this, method, payload, { signal: this.closing.signal, viaWebhookReply: true });
      },
    });
  }

  get bot(): User {
    return this.config.bot;
  }

  get closed(): AbortSignal {
    return this.closing.signal;
  }

  chatOf(user: User): ChatState {
    const existing = this.chats.get(user.id);
    if (existing !== undefined) return existing;
    const chat = new ChatState(user);
    this.chats.set(user.id, chat);
    return chat;
  }

  /** The chat a bot call names; the bot can only write to users who have written to it. */
  /** A raw update from a group or channel: the bot may answer there, as Telegram lets it. */
  private noteGroupChat(content: Record<string, unknown>): void {
    const holder = (content.message ?? content.channel_post ?? content.callback_query) as
      | { chat?: { id?: unknown; title?: unknown }; message?: { chat?: { id?: unknown; title?: unknown } } }
      | undefined;
    const chat = holder?.chat ?? holder?.message?.chat;
    if (typeof chat?.id !== "number" || chat.id > 0 || this.chats.has(chat.id)) return;
    const title = typeof chat.title === "string" ? chat.title : "group";
    this.chats.set(chat.id, new ChatState({ id: chat.id, is_bot: false, first_name: title }));
  }

  chat(chatId: number): ChatState {
    const chat = this.chats.get(chatId);
    if (chat === undefined) throw badRequest("chat not found");
    return chat;
  }

  private submit(content: Record<string, unknown>): { updateId: number; handled: Promise<void> } {
    if (this.closing.signal.aborted) throw new Error("the Telegram emulator is closed");
    const update: RawUpdate = { update_id: this.nextUpdateId++, ...withoutId(content) };
    const handled = this.tracker.expect(update.update_id);
    if (this.webhook.active) this.webhook.deliver(update);
    else this.queue.add(update);
    return { updateId: update.update_id, handled };
  }

  /** Submits an update and waits, up to the turn timeout, until the bot has handled it. */
  async deliver(content: Record<string, unknown>): Promise<number> {
    this.noteGroupChat(content);
    const { updateId, handled } = this.submit(content);
    const ms = this.config.turnTimeoutMs;
    await withTimeout(handled, ms, `the bot did not handle update ${updateId} within ${ms / 1000} s`);
    return updateId;
  }

  setWebhook(config: WebhookConfig, dropPending: boolean): void {
    const waiting = this.queue.drain();
    if (dropPending) this.drop(waiting);
    this.webhook.set(config);
    if (!dropPending) for (const update of waiting) this.webhook.deliver(update);
  }

  deleteWebhook(dropPending: boolean): void {
    const unsent = this.webhook.clear();
    if (dropPending) this.drop([...unsent, ...this.queue.drain()]);
    else for (const update of unsent) this.queue.add(update);
  }

  close(): void {
    this.closing.abort();
    this.webhook.close();
    this.queue.wakeAll();
    this.tracker.failAll(new Error("the Telegram emulator was closed before the bot handled the update"));
  }

  private drop(updates: RawUpdate[]): void {
    for (const { update_id } of updates) {
      this.tracker.fail(update_id, new Error(`update ${update_id} was dropped (drop_pending_updates)`));
    }
  }
}

function withoutId(content: Record<string, unknown>): Record<string, unknown> {
  const { update_id: _ignored, ...rest } = content;
  return rest;
}

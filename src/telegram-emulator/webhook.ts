import http from "node:http";
import https from "node:https";
import type { WebhookInfo } from "telegraf/types";
import type { HandledTracker } from "./handled-tracker.js";
import { postJson } from "./http-post.js";
import type { RawUpdate } from "./update-queue.js";

export interface WebhookConfig {
  url: string;
  secretToken?: string;
  maxConnections: number;
  allowedUpdates?: string[];
}

export interface WebhookDeps {
  tracker: HandledTracker;
  /** maps the registered URL to the one to POST to */
  target: (registeredUrl: string) => string;
  /** runs a method telegraf answered in the webhook response body */
  runReply: (method: string, payload: Record<string, unknown>) => Promise<void>;
}

const SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";
const DELIVERY_TIMEOUT_MS = 60_000;

/**
 * POSTs updates to the bot, at most max_connections at a time. An update counts as handled when the
 * bot's response arrives, which telegraf sends once the handler returns — or earlier, when it
 * answers a call (answerCallbackQuery, deleteMessage, sendChatAction) in the response body itself.
 */
export class WebhookDispatcher {
  private config: WebhookConfig | undefined;
  private waiting: RawUpdate[] = [];
  private inFlight = 0;
  private lastError: { date: number; message: string } | undefined;
  private readonly agents = {
    http: new http.Agent({ keepAlive: true }),
    https: new https.Agent({ keepAlive: true }),
  };

  constructor(private readonly deps: WebhookDeps) {}

  get active(): boolean {
    return this.config !== undefined;
  }

  set(config: WebhookConfig): void {
    this.config = config;
    this.pump();
  }

  /** Stops delivering; returns the updates not sent yet, for getUpdates to pick up. */
  clear(): RawUpdate[] {
    this.config = undefined;
    const unsent = this.waiting;
    this.waiting = [];
    return unsent;
  }

  deliver(update: RawUpdate): void {
    this.waiting.push(update);
    this.pump();
  }

  info(): WebhookInfo {
    return {
      url: this.config?.url ?? "",
      has_custom_certificate: false,
      pending_update_count: this.waiting.length + this.inFlight,
      ...(this.config === undefined ? {} : { max_connections: this.config.maxConnections }),
      ...(this.config?.allowedUpdates === undefined ? {} : { allowed_updates: this.config.allowedUpdates }),
      ...(this.lastError === undefined
        ? {}
        : { last_error_date: this.lastError.date, last_error_message: this.lastError.message }),
    };
  }

  close(): void {
    this.config = undefined;
    this.waiting = [];
    this.agents.http.destroy();
    this.agents.https.destroy();
  }

  private pump(): void {
    const config = this.config;
    if (config === undefined) return;
    while (this.inFlight < config.maxConnections) {
      const update = this.waiting.shift();
      if (update === undefined) return;
      this.inFlight += 1;
      void this.post(config, update).finally(() => {
        this.inFlight -= 1;
        this.pump();
      });
    }
  }

  private async post(config: WebhookConfig, update: RawUpdate): Promise<void> {
    const headers: Record<string, string> =
      config.secretToken === undefined ? {} : { [SECRET_HEADER]: config.secretToken };
    try {
      const url = this.deps.target(config.url);
      const res = await postJson(url, JSON.stringify(update), headers, this.agents, DELIVERY_TIMEOUT_MS);
      if (res.status < 200 || res.status >= 300) {
        throw new Error(`Wrong response from the webhook: ${res.status} ${res.statusText}`);
      }
      await this.runReplyIn(res.body, res.contentType);
      this.deps.tracker.done(update.update_id);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.lastError = { date: Math.floor(Date.now() / 1000), message };
      this.deps.tracker.fail(
        update.update_id,
        new Error(`the webhook did not accept update ${update.update_id}: ${message}`),
      );
    }
  }

  private async runReplyIn(body: string, contentType: string): Promise<void> {
    if (body.trim() === "" || !contentType.includes("json")) return;
    let reply: unknown;
    try {
      reply = JSON.parse(body);
    } catch {
      // Telegram ignores a response body it cannot read; the update still counts as delivered
      return;
    }
    if (typeof reply !== "object" || reply === null || !("method" in reply)) return;
    const { method, ...payload } = reply;
    if (typeof method === "string") await this.deps.runReply(method, payload);
  }
}

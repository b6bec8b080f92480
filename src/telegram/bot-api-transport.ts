// The HTTP client behind every call to the Bot API. Telegraf's own goes through node-fetch and Node's
// http agent, which the benchmark measured at about a third of the bot's CPU per update; an undici pool
// with keep-alive does the same JSON POST for a fraction of that. Calls that upload a file (none of
// ours) stay on telegraf's client, which knows multipart.
import type { Telegram } from "telegraf";
import { TelegramError } from "telegraf";
import { Pool } from "undici";
import { z } from "zod";

export interface BotApiTransport {
  /** makes this client's JSON calls go through the pool instead of telegraf's HTTP client */
  install(telegram: Telegram): void;
  close(): Promise<void>;
}

export interface BotApiTransportOptions {
  /** https://api.telegram.org, or a local Bot API server */
  apiRoot: string;
  token: string;
  /** sockets kept open to the Bot API (default 64); the long poll holds one of them */
  connections?: number;
}

/** The Bot API's envelope; `result` is typed by the method called, as telegraf types it. */
const envelopeSchema = z.object({
  ok: z.boolean(),
  result: z.unknown().optional(),
  error_code: z.number().int().optional(),
  description: z.string().optional(),
  parameters: z
    .object({ retry_after: z.number().optional(), migrate_to_chat_id: z.number().optional() })
    .optional(),
});

/** A call still unanswered after this long (beyond a long poll's own wait) has failed. */
const ANSWER_TIMEOUT_MS = 30_000;

export function createBotApiTransport(opts: BotApiTransportOptions): BotApiTransport {
  const root = new URL(opts.apiRoot);
  const basePath = `${root.pathname.replace(/\/$/, "")}/bot${opts.token}/`;
  const pool = new Pool(root.origin, {
    connections: opts.connections ?? 64,
    keepAliveTimeout: 30_000,
  });
  const redact = (text: string) => text.split(opts.token).join("[REDACTED]");

  async function call(method: string, payload: unknown, signal: AbortSignal | undefined): Promise<unknown> {
    const waitSeconds = method === "getUpdates" ? longPollSeconds(payload) : 0;
    let response: Awaited<ReturnType<Pool["request"]>>;
    try {
      response = await pool.request({
        path: basePath + method,
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(payload ?? {}, dropNulls),
        signal,
        headersTimeout: ANSWER_TIMEOUT_MS + waitSeconds * 1000,
        bodyTimeout: ANSWER_TIMEOUT_MS,
      });
    } catch (e) {
      // the error's own text may carry the request's path, and with it the token
      const message = e instanceof Error ? e.message : String(e);
      throw Object.assign(new Error(redact(`Bot API ${method}: ${message}`)), {
        name: e instanceof Error ? e.name : "Error",
        code: e instanceof Error && "code" in e ? e.code : undefined,
      });
    }
    if (response.statusCode >= 500) {
      await response.body.dump();
      throw new TelegramError(
        { error_code: response.statusCode, description: `Bot API answered HTTP ${response.statusCode}` },
        { method, payload },
      );
    }
    const envelope = envelopeSchema.safeParse(await response.body.json().catch(() => undefined));
    if (!envelope.success) {
      throw new TelegramError(
        {
          error_code: response.statusCode,
          description: "Bot API answered something that is not its envelope",
        },
        { method, payload },
      );
    }
    const data = envelope.data;
    if (!data.ok) {
      throw new TelegramError(
        {
          error_code: data.error_code ?? response.statusCode,
          description: data.description ?? "Bot API refused the call",
          parameters: data.parameters,
        },
        { method, payload },
      );
    }
    return data.result;
  }

  return {
    install(telegram) {
      const viaTelegraf = telegram.callApi.bind(telegram);
      const viaPool = ((method, payload, options) =>
        carriesFile(payload)
          ? viaTelegraf(method, payload, options)
          : call(method, payload, options?.signal as AbortSignal | undefined)) as Telegram["callApi"];
      telegram.callApi = viaPool;
    },
    async close() {
      await pool.close();
    },
  };
}

function longPollSeconds(payload: unknown): number {
  if (typeof payload !== "object" || payload === null || !("timeout" in payload)) return 0;
  return typeof payload.timeout === "number" ? payload.timeout : 0;
}

/** Telegram reads a null field as a value; telegraf leaves such fields out, and so do we. */
function dropNulls(_key: string, value: unknown): unknown {
  return value === null ? undefined : value;
}

/** The same test telegraf makes before it switches to multipart: a top-level file, or media with one. */
function carriesFile(payload: unknown): boolean {
  if (typeof payload !== "object" || payload === null) return false;
  return Object.values(payload).some((value) => {
    const items: unknown[] = Array.isArray(value) ? value : [value];
    return items.some((item) => {
      if (typeof item !== "object" || item === null) return false;
      if ("source" in item || "url" in item) return true;
      const media = "media" in item ? item.media : undefined;
      return typeof media === "object" && media !== null && ("source" in media || "url" in media);
    });
  });
}

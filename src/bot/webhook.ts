// Webhook mode: Telegram POSTs each update to WEBHOOK_URL with the secret in a header. A request without
// the right secret is refused with 401 before its body is read, so nobody who guesses the URL can speak
// for a patient. The response is sent when the update has been handled (webhookReply is off, see
// create-bot.ts), which is what tells Telegram the update is done; while stopping, new requests get 503
// and Telegram delivers them again later, to this process's successor or another replica.
import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Telegraf } from "telegraf";
import type { Logger } from "../observability/logger.js";
import type { BotContext } from "./context.js";
import type { RunningBot } from "./polling.js";

const SECRET_HEADER = "x-telegram-bot-api-secret-token";

export interface WebhookHandler {
  /** the path part of WEBHOOK_URL, which the HTTP server routes here */
  readonly path: string;
  handle(req: IncomingMessage, res: ServerResponse): void;
}

export interface WebhookOptions {
  /** the public URL Telegram POSTs to; its path is the one served */
  url: string;
  secret: string;
  logger: Logger;
}

function sameSecret(given: string | string[] | undefined, expected: Buffer): boolean {
  if (typeof given !== "string") return false;
  const bytes = Buffer.from(given);
  return bytes.length === expected.length && timingSafeEqual(bytes, expected);
}

export function createWebhook(
  bot: Telegraf<BotContext>,
  opts: WebhookOptions,
): { handler: WebhookHandler; start(): Promise<RunningBot> } {
  const path = new URL(opts.url).pathname;
  const expected = Buffer.from(opts.secret);
  const callback = bot.webhookCallback(path, { secretToken: opts.secret });
  const inFlight = new Set<Promise<void>>();
  let accepting = false;

  const handler: WebhookHandler = {
    path,
    handle(req, res) {
      if (!accepting) {
        res.writeHead(503, { "retry-after": "1" }).end();
        return;
      }
      if (!sameSecret(req.headers[SECRET_HEADER], expected)) {
        opts.logger.warn({ path }, "webhook request without the right secret refused");
        res.writeHead(401).end();
        return;
      }
      const done: Promise<void> = callback(req, res, () => {
        res.writeHead(req.method === "POST" ? 404 : 405).end();
      })
        .catch((err: unknown) => {
          opts.logger.error({ err }, "webhook update failed");
          if (!res.headersSent) res.writeHead(500);
          if (!res.writableEnded) res.end();
        })
        .finally(() => inFlight.delete(done));
      inFlight.add(done);
    },
  };

  return {
    handler,
    async start() {
      // a wrong token fails here, at start-up, rather than on the first update
      bot.botInfo ??= await bot.telegram.getMe();
      accepting = true;
      // every replica registers the same URL; updates queued meanwhile are kept for us
      await bot.telegram.setWebhook(opts.url, {
        secret_token: opts.secret,
        drop_pending_updates: false,
      });
      return {
        inFlight: () => inFlight.size,
        // the webhook stays registered: the other replicas, or the next deployment, take the updates
        async stop() {
          accepting = false;
          while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
        },
      };
    },
  };
}

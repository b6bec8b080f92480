// The bot as a running service: the app (app.ts) with metrics hooked in, its transport (long polling, or
// a webhook when WEBHOOK_URL is set) and the HTTP listener for health, metrics and the webhook. main.ts
// runs it under signals; the tests run it in-process.
import { TelegramError } from "telegraf";
import { type App, type AppHooks, startApp } from "./app.js";
import { publishCommandMenus } from "./bot/commands.js";
import { launchPolling, type RunningBot } from "./bot/polling.js";
import { createWebhook } from "./bot/webhook.js";
import type { Config } from "./config.js";
import { createHealthCheck } from "./observability/health.js";
import type { Logger } from "./observability/logger.js";
import { createMetrics, type Metrics } from "./observability/metrics.js";
import { type HttpServer, startHttpServer } from "./server/http-server.js";

export interface ServiceOptions {
  config: Config;
  logger: Logger;
  now?: () => Date;
  /** called besides the metrics' own hooks (tests watch updates through it) */
  hooks?: AppHooks;
  /** default 0.0.0.0 */
  host?: string;
  /** polling cannot go on (a revoked token, another process polling it): the process should stop */
  onFatal?: (err: unknown) => void;
}

export interface Service {
  app: App;
  metrics: Metrics;
  http: HttpServer;
  mode: "polling" | "webhook";
  /** stops taking updates, finishes the ones in hand, then closes the listener, Redis and the rest */
  stop(reason: string): Promise<void>;
}

function both(ours: AppHooks, theirs: AppHooks | undefined): AppHooks {
  if (!theirs) return ours;
  const pair =
    <A extends unknown[]>(a?: (...x: A) => void, b?: (...x: A) => void) =>
    (...x: A) => {
      a?.(...x);
      b?.(...x);
    };
  return {
    onUpdate: pair(ours.onUpdate, theirs.onUpdate),
    onHospitalCall: pair(ours.onHospitalCall, theirs.onHospitalCall),
    onRoundTrip: pair(ours.onRoundTrip, theirs.onRoundTrip),
    onOrder: pair(ours.onOrder, theirs.onOrder),
    onCancel: pair(ours.onCancel, theirs.onCancel),
    onTelegramCall: pair(ours.onTelegramCall, theirs.onTelegramCall),
    onAftercare: pair(ours.onAftercare, theirs.onAftercare),
    watch: {
      onPoll: pair(ours.watch?.onPoll, theirs.watch?.onPoll),
      onNotify: pair(ours.watch?.onNotify, theirs.watch?.onNotify),
      onOffer: pair(ours.watch?.onOffer, theirs.watch?.onOffer),
      onSeenToNotified: pair(ours.watch?.onSeenToNotified, theirs.watch?.onSeenToNotified),
      onOfferSent: pair(ours.watch?.onOfferSent, theirs.watch?.onOfferSent),
      onWatchSet: pair(ours.watch?.onWatchSet, theirs.watch?.onWatchSet),
    },
  };
}

export async function startService(opts: ServiceOptions): Promise<Service> {
  const { config, logger } = opts;
  // the app's clock, so ages (the last good watch poll) agree with what the app recorded
  const appNow = opts.now;
  const metrics = createMetrics(appNow ? { now: () => appNow().getTime() } : {});
  const app = await startApp({ config, logger, now: opts.now, hooks: both(metrics.hooks, opts.hooks) });
  metrics.watchStats(() => app.watches.stats());
  let http: HttpServer | undefined;
  try {
    const health = createHealthCheck({ redis: app.redis, hospital: app.hospital });
    const webhook = config.webhook
      ? createWebhook(app.bot, { url: config.webhook.url, secret: config.webhook.secret, logger })
      : undefined;
    // listening before the webhook is registered, so the first delivery finds us
    http = await startHttpServer({
      port: config.port,
      host: opts.host,
      health,
      metrics,
      webhook: webhook?.handler,
      logger,
    });
    const running: RunningBot = webhook
      ? await webhook.start()
      : await launchPolling(app.bot, {
          batchGraceMs: config.pollBatchGraceMs,
          onError(err) {
            if (err instanceof TelegramError && (err.code === 401 || err.code === 409)) {
              logger.fatal({ err }, "Telegram refuses to give this process updates");
              opts.onFatal?.(err);
            } else logger.warn({ err }, "polling failed; retrying");
          },
        });
    await publishCommandMenus(app.bot.telegram).catch((err: unknown) =>
      logger.warn({ err }, "could not register the command menu"),
    );
    const listener = http;
    logger.info(
      { mode: webhook ? "webhook" : "polling", port: listener.port, path: webhook?.handler.path },
      "bot is running",
    );
    return {
      app,
      metrics,
      http: listener,
      mode: webhook ? "webhook" : "polling",
      async stop(reason) {
        logger.info({ reason, inFlight: running.inFlight() }, "stopping: finishing the updates in hand");
        await running.stop(reason);
        await listener.close();
        await app.close();
        logger.info("stopped");
      },
    };
  } catch (e) {
    await http?.close();
    await app.close();
    throw e;
  }
}

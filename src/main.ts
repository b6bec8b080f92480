// `npm start`: reads the configuration and runs the bot (long polling, or a webhook when WEBHOOK_URL is
// set) with /healthz and /metrics on PORT. SIGTERM or SIGINT stop it gracefully. Without BOT_TOKEN it runs
// the demo instead: the sandbox hospital, a local Telegram emulator and a chat in this terminal.
import { StartupError } from "./app.js";
import { type Config, ConfigError, loadConfig } from "./config.js";
import { runDemo } from "./demo/run-demo.js";
import { createLogger, type Logger, scrubText } from "./observability/logger.js";
import { type Service, startService } from "./service.js";

function fail(lines: string[]): never {
  for (const line of lines) process.stderr.write(`${line}\n`);
  process.exit(1);
}

async function runBot(config: Config): Promise<void> {
  const logger = createLogger({ level: config.logLevel, pretty: !config.production });
  if (config.telegrafDebug) {
    logger.warn(
      "DEBUG turns on telegraf's own output: it prints messages, names and phone numbers unredacted",
    );
  }
  let service: Service | undefined;
  let stopping = false;
  let exitCode = 0;
  // a signal or a fatal polling error during start-up is acted on once the service is up
  let deferred: string | undefined;
  const stop = (reason: string) => {
    const running = service;
    if (!running) {
      // a second signal while starting: the person means it
      if (deferred) exitAfterFlush(logger, 1);
      deferred = reason;
      return;
    }
    if (stopping) {
      logger.warn({ reason }, "stopping at once, abandoning the updates in hand");
      exitAfterFlush(logger, 1);
      return;
    }
    stopping = true;
    const deadline = setTimeout(() => {
      logger.error({ ms: config.shutdownTimeoutMs }, "updates still in hand at the shutdown deadline");
      exitAfterFlush(logger, 1);
    }, config.shutdownTimeoutMs);
    deadline.unref();
    running.stop(reason).then(
      () => exitAfterFlush(logger, exitCode),
      (err: unknown) => {
        logger.error({ err }, "stopping failed");
        exitAfterFlush(logger, 1);
      },
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
  service = await startService({
    config,
    logger,
    onFatal: () => {
      exitCode = 1;
      stop("Telegram refused polling");
    },
  });
  if (deferred) stop(deferred);
}

/** pino-pretty writes from a worker thread: give it the last lines before the process goes. */
function exitAfterFlush(logger: Logger, code: number): void {
  logger.flush(() => process.exit(code));
  setTimeout(() => process.exit(code), 500).unref();
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (e) {
    if (e instanceof ConfigError)
      fail(["The configuration has problems:", ...e.problems.map((p) => `  - ${p}`)]);
    throw e;
  }
  if (config.botToken) return runBot(config);
  await runDemo(config);
  process.exit(0);
}

main().catch((e: unknown) => {
  const message = scrubText(e instanceof Error ? e.message : String(e));
  process.stderr.write(e instanceof StartupError ? `${message}\n` : `fatal: ${message}\n`);
  process.exit(1);
});

// `npm start`: reads the configuration and runs the bot. Without BOT_TOKEN it runs the demo instead:
// the sandbox hospital, a local Telegram emulator and a chat in this terminal.
import { type App, StartupError, startApp } from "./app.js";
import { publishCommandMenus } from "./bot/commands.js";
import { launchPolling } from "./bot/polling.js";
import { type Config, ConfigError, loadConfig } from "./config.js";
import { runDemo } from "./demo/run-demo.js";
import { createLogger, scrubText } from "./observability/logger.js";

function fail(lines: string[]): never {
  for (const line of lines) process.stderr.write(`${line}\n`);
  process.exit(1);
}

async function runBot(config: Config): Promise<void> {
  const logger = createLogger({ level: config.logLevel, pretty: !config.production });
  let app: App;
  try {
    app = await startApp({ config, logger });
  } catch (e) {
    if (e instanceof StartupError) fail([e.message]);
    throw e;
  }
  await publishCommandMenus(app.bot.telegram).catch((err: unknown) =>
    logger.warn({ err }, "could not register the command menu"),
  );
  const running = await launchPolling(app.bot);
  logger.info("bot is polling for updates");
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "stopping: finishing the updates in hand");
    await running.stop(signal);
    await app.close();
    logger.info("stopped");
    process.exit(0);
  };
  process.once("SIGINT", () => void stop("SIGINT"));
  process.once("SIGTERM", () => void stop("SIGTERM"));
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
  if (!config.botToken) return runDemo(config);
  return runBot(config);
}

main().catch((e: unknown) => {
  process.stderr.write(`fatal: ${scrubText(e instanceof Error ? e.message : String(e))}\n`);
  process.exit(1);
});

// The no-token demo: the sandbox hospital, a local Telegram emulator and the real bot, with the patient's
// side of the chat in this terminal. Nothing leaves the machine. Logs go to a file so the chat stays
// readable.
import { createWriteStream } from "node:fs";
import type { Redis } from "ioredis";
import { startApp } from "../app.js";
import { launchPolling } from "../bot/polling.js";
import type { Config } from "../config.js";
import { createLogger } from "../observability/logger.js";
import { startTelegramEmulator } from "../telegram-emulator/server.js";
import type { Watch } from "../watch/watch.js";
import { freeWatchedPlaceLater } from "./free-watched-place.js";
import { runTerminalChat } from "./terminal-chat.js";

export interface DemoOptions {
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
  logFile?: string;
  languageCode?: string;
  /** how long after a watch is set the demo frees a place on it (default 30 s) */
  freeWatchedPlaceAfterMs?: number;
}

/** the demo polls watched doctors every few seconds, so a freed place shows soon (a warning in the log says so) */
const DEMO_WATCH_INTERVAL_SECONDS = 5;

/** The demo's keys: never the bot's own (`hbot:` → `hbot-demo:`), so a demo cannot touch real bookings. */
export function demoPrefix(prefix: string): string {
  return `${prefix.replace(/:+$/, "")}-demo:`;
}

/** Every key under the prefix, removed: each demo run starts from nothing, as its sandbox does. */
async function clearPrefix(redis: Redis, prefix: string): Promise<void> {
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 500);
    cursor = next;
    if (keys.length > 0) await redis.unlink(...keys);
  } while (cursor !== "0");
}

export async function runDemo(config: Config, opts: DemoOptions = {}): Promise<void> {
  const output = opts.output ?? process.stdout;
  const logFile = opts.logFile ?? "demo.log";
  const logger = createLogger({
    level: config.logLevel,
    pretty: false,
    destination: createWriteStream(logFile),
  });
  const emulator = await startTelegramEmulator();
  const timers = new Set<NodeJS.Timeout>();
  let onWatchSet: (w: Watch) => void = () => {};
  const app = await startApp({
    config: {
      ...config,
      botToken: emulator.token,
      telegramApiRoot: emulator.apiRoot,
      webhook: null,
      watch: { ...config.watch, intervalSeconds: DEMO_WATCH_INTERVAL_SECONDS },
      hospital: { ...config.hospital, auth: { kind: "sandbox" } },
      redis: { ...config.redis, prefix: demoPrefix(config.redis.prefix) },
    },
    logger,
    hooks: { watch: { onWatchSet: (w) => onWatchSet(w) } },
    beforeStart: (redis) => clearPrefix(redis, demoPrefix(config.redis.prefix)),
  });
  const sandbox = app.sandbox;
  if (sandbox) {
    onWatchSet = (watch) =>
      freeWatchedPlaceLater({
        sandbox,
        watch,
        afterMs: opts.freeWatchedPlaceAfterMs ?? 30_000,
        now: () => new Date(),
        timers,
      });
  }
  // one patient: a batch waiting for its slowest update holds up nobody else, and the terminal prints
  // each answer only once the bot has finished it
  const running = await launchPolling(app.bot, { batchGraceMs: 60_000 });
  output.write(
    [
      "Demo: the sandbox hospital and a local Telegram emulator, no token and no network needed.",
      `The bot's log is in ${logFile}. Type /start to begin, a number to press a button, /quit to leave.`,
      "",
    ].join("\n"),
  );
  try {
    await runTerminalChat({
      emulator,
      userId: 1001,
      languageCode: opts.languageCode ?? config.demoLanguageCode,
      input: opts.input,
      output,
    });
  } finally {
    for (const t of timers) clearTimeout(t);
    await running.stop("demo over");
    await app.close();
    await emulator.close();
  }
}

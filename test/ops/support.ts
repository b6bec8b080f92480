// The bot as it runs in production (src/service.ts: transport, health, metrics), in this process or as a
// child process, against the sandbox hospital, the Telegram emulator and Redis under a test prefix.

import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import type { AppHooks } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import { type Logger, silentLogger } from "../../src/observability/logger.js";
import { type Sandbox, type SandboxOptions, startSandbox } from "../../src/sandbox/server.js";
import { type Service, startService } from "../../src/service.js";
import { startTelegramEmulator } from "../../src/telegram-emulator/server.js";
import type { EmulatedUser, TelegramEmulator } from "../../src/telegram-emulator/types.js";
import { morningClock } from "../support/clock.js";
import { freePort } from "../support/ports.js";
import { cleanPrefix, REDIS_URL, testPrefix } from "../support/redis.js";

export const WEBHOOK_URL = "https://bot.example.com/telegram/hook";
export const WEBHOOK_SECRET = "right_secret-123";

export interface OpsWorld {
  sandbox: Sandbox;
  emulator: TelegramEmulator;
  service: Service;
  prefix: string;
  user(id: number, lang?: "zh" | "en"): EmulatedUser;
  stop(): Promise<void>;
}

export interface OpsWorldOptions {
  webhook?: boolean;
  logger?: Logger;
  hooks?: AppHooks;
  env?: Record<string, string>;
  sandbox?: SandboxOptions;
}

/** the environment a bot needs to talk to this sandbox and emulator */
export function botEnv(sandbox: Sandbox, emulator: TelegramEmulator, prefix: string): Record<string, string> {
  return {
    BOT_TOKEN: emulator.token,
    TELEGRAM_API_ROOT: emulator.apiRoot,
    HOSPITAL_API_URL: sandbox.url,
    HOSPITAL_APP_TOKEN: sandbox.appToken,
    HOSPITAL_TIMEOUT_MS: "2000",
    REDIS_URL,
    REDIS_PREFIX: prefix,
    PORT: "0",
    TELEGRAM_CHAT_PER_SECOND: "1000",
    TELEGRAM_GLOBAL_PER_SECOND: "100000",
    // the emulator ends a turn when the bot confirms the update: see test/support/world.ts
    POLL_BATCH_GRACE_MS: "1000",
  };
}

export async function startOpsWorld(opts: OpsWorldOptions = {}): Promise<OpsWorld> {
  const prefix = testPrefix("ops");
  const now = morningClock();
  const sandbox = await startSandbox({ now, ...opts.sandbox });
  let local = "";
  // telegraf registers the public https URL; deliver to this process's listener instead
  const emulator = await startTelegramEmulator({
    webhookTarget: (url) => url.replace("https://bot.example.com", local),
  });
  const config = loadConfig({
    ...botEnv(sandbox, emulator, prefix),
    ...(opts.webhook ? { WEBHOOK_URL, WEBHOOK_SECRET } : {}),
    ...opts.env,
  });
  const port = await freePort();
  local = `http://127.0.0.1:${port}`;
  const service = await startService({
    config: { ...config, port },
    logger: opts.logger ?? silentLogger(),
    now,
    hooks: opts.hooks,
    host: "127.0.0.1",
  });
  return {
    sandbox,
    emulator,
    service,
    prefix,
    user: (id, lang = "zh") =>
      emulator.user(id, { languageCode: lang === "zh" ? "zh-hans" : "en", firstName: `Patient${id}` }),
    async stop() {
      await cleanPrefix(service.app.redis, prefix).catch(() => {});
      await service.stop("test over");
      await emulator.close();
      await sandbox.close();
    },
  };
}

/** A production bot needs its patient-data key; each test run makes one up. */
export const TEST_PATIENT_DATA_KEY = randomBytes(32).toString("base64");

export interface BotProcess {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** the exit code (or the signal's name) */
  exited: Promise<number | string>;
}

/**
 * `npm start` with exactly this environment (plus PATH and HOME), as `node --import tsx` so that a signal
 * reaches the bot itself rather than an npx or tsx wrapper process.
 */
export function spawnBot(env: Record<string, string>): BotProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      NODE_ENV: "production",
      PATIENT_DATA_KEY: TEST_PATIENT_DATA_KEY,
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout?.on("data", (c: Buffer) => {
    out += c.toString("utf8");
  });
  child.stderr?.on("data", (c: Buffer) => {
    err += c.toString("utf8");
  });
  const exited = new Promise<number | string>((resolve) =>
    child.once("exit", (code, signal) => resolve(code ?? signal ?? "unknown")),
  );
  return { child, stdout: () => out, stderr: () => err, exited };
}

/** polls until the condition holds */
export async function until(what: string, check: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

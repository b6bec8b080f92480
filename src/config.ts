// The environment, parsed once. Nothing else in the bot reads process.env.
import { randomBytes } from "node:crypto";
import { z } from "zod";

const optionalString = z
  .string()
  .trim()
  .transform((s) => (s === "" ? undefined : s))
  .optional();

const url = (name: string) => z.url({ message: `${name} must be a URL (e.g. https://example.com)` });

const intInRange = (name: string, min: number, max: number, fallback: number) =>
  z.coerce
    .number({ message: `${name} must be a number` })
    .int({ message: `${name} must be a whole number` })
    .min(min, { message: `${name} must be at least ${min}` })
    .max(max, { message: `${name} must be at most ${max}` })
    .default(fallback);

const envSchema = z.object({
  BOT_TOKEN: optionalString.pipe(
    z
      .string()
      .regex(/^\d+:[\w-]{20,}$/, { message: "BOT_TOKEN does not look like a token from @BotFather" })
      .optional(),
  ),
  TELEGRAM_API_ROOT: url("TELEGRAM_API_ROOT").default("https://api.telegram.org"),
  HOSPITAL_API_URL: url("HOSPITAL_API_URL").default("https://openapi.91160.com"),
  HOSPITAL_APP_TOKEN: optionalString,
  HOSPITAL_APP_ID: optionalString.pipe(
    z.string().regex(/^\d+$/, { message: "HOSPITAL_APP_ID must be a number" }).optional(),
  ),
  HOSPITAL_APP_SECRET: optionalString,
  HOSPITAL_TIMEOUT_MS: intInRange("HOSPITAL_TIMEOUT_MS", 100, 120_000, 10_000),
  HOSPITAL_ORDER_TIMEOUT_MS: intInRange("HOSPITAL_ORDER_TIMEOUT_MS", 100, 120_000, 20_000),
  HOSPITAL_MAX_CONCURRENT: intInRange("HOSPITAL_MAX_CONCURRENT", 1, 1000, 20),
  HOSPITAL_MAX_PER_SECOND: intInRange("HOSPITAL_MAX_PER_SECOND", 1, 10_000, 50),
  HOSPITAL_RETRIES: intInRange("HOSPITAL_RETRIES", 0, 10, 3),
  /** JSON object from certificate kind to the API's cardType, merged over the defaults */
  HOSPITAL_CARD_TYPES: optionalString,
  /** "true": the built-in sandbox hospital (invented orders), asked for explicitly outside the demo */
  HOSPITAL_SANDBOX: z
    .enum(["true", "false", ""], { message: "HOSPITAL_SANDBOX must be true or false" })
    .default("false")
    .transform((v) => v === "true"),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, { message: "REDIS_URL must start with redis:// or rediss://" })
    .default("redis://127.0.0.1:6379"),
  REDIS_PREFIX: z.string().min(1).default("hbot:"),
  SESSION_TTL_SECONDS: intInRange("SESSION_TTL_SECONDS", 60, 30 * 86_400, 86_400),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  NODE_ENV: z.string().default("development"),
  WEBHOOK_URL: optionalString.pipe(url("WEBHOOK_URL").optional()),
  WEBHOOK_SECRET: optionalString.pipe(
    z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,256}$/, {
        message: "WEBHOOK_SECRET may only hold A-Z, a-z, 0-9, _ and - (1 to 256 characters)",
      })
      .optional(),
  ),
  /** 0 picks a free port (tests) */
  PORT: intInRange("PORT", 0, 65_535, 8080),
  /** Telegram's documented limits: about 30 messages a second in all, about 1 a second in one chat */
  TELEGRAM_GLOBAL_PER_SECOND: intInRange("TELEGRAM_GLOBAL_PER_SECOND", 0, 1_000_000, 30),
  TELEGRAM_CHAT_PER_SECOND: intInRange("TELEGRAM_CHAT_PER_SECOND", 0, 1_000_000, 1),
  TELEGRAM_CHAT_BURST: intInRange("TELEGRAM_CHAT_BURST", 1, 1_000, 3),
  /** long polling: how long a batch of updates may hold up the next poll (see bot/polling.ts) */
  POLL_BATCH_GRACE_MS: intInRange("POLL_BATCH_GRACE_MS", 0, 60_000, 20),
  /** the demo's language: "en", "zh-hans"…; by default Chinese when the terminal's LANG is */
  DEMO_LANG: optionalString,
  LANG: optionalString,
  /** the `debug` package's switch; telegraf's namespaces print whole updates, unredacted, to stderr */
  DEBUG: z.string().default(""),
  SHUTDOWN_TIMEOUT_MS: intInRange("SHUTDOWN_TIMEOUT_MS", 1_000, 600_000, 25_000),
  /** minutes before a visit its reminders go out, e.g. "1440,120"; empty = no reminders */
  REMINDER_BEFORE_MINUTES: z
    .string()
    .trim()
    .default("1440,120")
    .refine((s) => minuteOffsets(s) !== undefined, {
      message: "REMINDER_BEFORE_MINUTES must be whole minutes (1 to 43200) separated by commas, or empty",
    }),
  /** China-time hours `22-07` in which no reminder is sent; empty = none */
  REMINDER_QUIET_HOURS: z
    .string()
    .trim()
    .default("22-07")
    .refine((s) => s === "" || quietHours(s) !== undefined, {
      message: "REMINDER_QUIET_HOURS must be two different hours 0-23 like 22-07, or empty",
    }),
  STOPCLINIC_CHECK_SECONDS: intInRange("STOPCLINIC_CHECK_SECONDS", 300, 7 * 86_400, 21_600),
  /** how long after a check that missed the booked clinic the second, confirming check runs */
  STOPCLINIC_CONFIRM_SECONDS: intInRange("STOPCLINIC_CONFIRM_SECONDS", 30, 86_400, 900),
  /** base64 of 32 random bytes: encrypts saved patients and the questionnaire's answers at rest */
  PATIENT_DATA_KEY: optionalString,
  /** comma-separated earlier keys, still accepted for reading (and re-encrypted under the current one) */
  PATIENT_DATA_OLD_KEYS: optionalString,
  RETENTION_DAYS_AFTER_VISIT: intInRange("RETENTION_DAYS_AFTER_VISIT", 1, 3_650, 180),
  SAVED_PATIENT_IDLE_DAYS: intInRange("SAVED_PATIENT_IDLE_DAYS", 1, 3_650, 365),
  /** watching doctors (src/watch): poll pace, release bursts, the shared hospital budget, holds, limits */
  WATCH_INTERVAL_SECONDS: intInRange("WATCH_INTERVAL_SECONDS", 1, 86_400, 120),
  WATCH_RELEASE_INTERVAL_SECONDS: intInRange("WATCH_RELEASE_INTERVAL_SECONDS", 1, 3_600, 10),
  WATCH_RELEASE_WINDOW_MINUTES: intInRange("WATCH_RELEASE_WINDOW_MINUTES", 0, 120, 3),
  WATCH_MAX_CALLS_PER_MINUTE: intInRange("WATCH_MAX_CALLS_PER_MINUTE", 1, 100_000, 120),
  WATCH_HOLD_SECONDS: intInRange("WATCH_HOLD_SECONDS", 1, 86_400, 180),
  WATCH_MAX_PER_USER: intInRange("WATCH_MAX_PER_USER", 1, 100, 5),
});

/** "1440,120" → [1440, 120]: largest first, no repeats; undefined when a part is not a whole minute */
function minuteOffsets(s: string): number[] | undefined {
  const parts = s === "" ? [] : s.split(",").map((x) => x.trim());
  if (!parts.every((x) => /^\d{1,5}$/.test(x) && Number(x) >= 1 && Number(x) <= 30 * 1440)) return undefined;
  return [...new Set(parts.map(Number))].sort((a, b) => b - a);
}

function quietHours(s: string): { startHour: number; endHour: number } | undefined {
  const m = /^(\d{1,2})\s*-\s*(\d{1,2})$/.exec(s);
  const [start, end] = [Number(m?.[1]), Number(m?.[2])];
  if (!m || start > 23 || end > 23 || start === end) return undefined;
  return { startHour: start, endHour: end };
}

const KEY_BYTES = 32;
const KEY_HINT = "generate one with `openssl rand -base64 32`";

/** A base64 AES-256 key, or a problem line that names the variable and never echoes the value. */
function patientKey(name: string, raw: string): Buffer | string {
  const b64 = /^[A-Za-z0-9+/]+={0,2}$/.test(raw) && raw.length % 4 === 0;
  const key = b64 ? Buffer.from(raw, "base64") : Buffer.alloc(0);
  return key.length === KEY_BYTES ? key : `${name}: must be ${KEY_BYTES} bytes in base64 (${KEY_HINT})`;
}

/**
 * The patient-data keys. Without PATIENT_DATA_KEY one is made up for this process (demo, tests); a
 * production bot is then refused at start-up (startApp), in one line of its own.
 */
function patientDataKeys(
  e: { PATIENT_DATA_KEY?: string; PATIENT_DATA_OLD_KEYS?: string; NODE_ENV?: string; BOT_TOKEN?: string },
  problems: string[],
): PatientDataKeys {
  const old: Buffer[] = [];
  for (const raw of (e.PATIENT_DATA_OLD_KEYS ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)) {
    const k = patientKey("PATIENT_DATA_OLD_KEYS", raw);
    if (typeof k === "string") problems.push(k);
    else old.push(k);
  }
  // the demo (no BOT_TOKEN) serves no real patient, so it may make its key up even in production mode
  const required = e.NODE_ENV === "production" && Boolean(e.BOT_TOKEN);
  if (!e.PATIENT_DATA_KEY) return { key: randomBytes(KEY_BYTES), oldKeys: old, ephemeral: true, required };
  const key = patientKey("PATIENT_DATA_KEY", e.PATIENT_DATA_KEY);
  if (typeof key === "string") problems.push(key);
  return {
    key: typeof key === "string" ? randomBytes(KEY_BYTES) : key,
    oldKeys: old,
    ephemeral: false,
    required,
  };
}

/** Rules between variables, checked on the raw values so they are reported with the others at once. */
function crossFieldProblems(env: NodeJS.ProcessEnv): string[] {
  const set = (name: string) => (env[name] ?? "").trim() !== "";
  const problems: string[] = [];
  if (set("HOSPITAL_APP_ID") && !set("HOSPITAL_APP_SECRET")) {
    problems.push("HOSPITAL_APP_SECRET: required with HOSPITAL_APP_ID");
  }
  if (set("HOSPITAL_APP_SECRET") && !set("HOSPITAL_APP_ID")) {
    problems.push("HOSPITAL_APP_ID: required with HOSPITAL_APP_SECRET");
  }
  if (set("HOSPITAL_APP_TOKEN") && set("HOSPITAL_APP_ID")) {
    problems.push("HOSPITAL_APP_TOKEN: set either it or HOSPITAL_APP_ID with HOSPITAL_APP_SECRET, not both");
  }
  const credentials = set("HOSPITAL_APP_TOKEN") || set("HOSPITAL_APP_ID") || set("HOSPITAL_APP_SECRET");
  const sandbox = (env.HOSPITAL_SANDBOX ?? "").trim() === "true";
  // a real bot on the sandbox would hand real patients invented order numbers
  if (set("BOT_TOKEN") && !credentials && !sandbox) {
    problems.push(
      "HOSPITAL_APP_TOKEN: a bot (BOT_TOKEN is set) needs the hospital credentials (HOSPITAL_APP_TOKEN, or HOSPITAL_APP_ID with HOSPITAL_APP_SECRET); set HOSPITAL_SANDBOX=true to use the built-in sandbox hospital, which books nothing real",
    );
  }
  if (sandbox && credentials) {
    problems.push("HOSPITAL_SANDBOX: set either it or the hospital credentials, not both");
  }
  if (set("WEBHOOK_URL") && !set("WEBHOOK_SECRET")) {
    problems.push("WEBHOOK_SECRET: required in webhook mode (WEBHOOK_URL is set)");
  }
  return problems;
}

export type HospitalAuth =
  | { kind: "sandbox" }
  | { kind: "fixed"; appToken: string }
  | { kind: "credentials"; appId: number; appSecret: string };

/** How to reach the hospital API; the client takes these as they are. */
export interface HospitalSettings {
  baseUrl: string;
  auth: HospitalAuth;
  timeoutMs: number;
  orderTimeoutMs: number;
  maxConcurrent: number;
  maxPerSecond: number;
  retries: number;
  cardTypeOverrides: Record<string, number>;
}

export interface PatientDataKeys {
  /** encrypts everything written from now on */
  key: Buffer;
  /** earlier keys, only for reading what they encrypted */
  oldKeys: Buffer[];
  /** true when no key was configured and this process made one up: data does not outlive it */
  ephemeral: boolean;
  /** a production bot: a made-up key is refused at start-up */
  required: boolean;
}

export interface Config {
  botToken: string | undefined;
  telegramApiRoot: string;
  hospital: HospitalSettings;
  redis: { url: string; prefix: string };
  sessionTtlSeconds: number;
  logLevel: z.infer<typeof envSchema>["LOG_LEVEL"];
  production: boolean;
  webhook: { url: string; secret: string } | null;
  /** the HTTP listener: /healthz, /metrics and, in webhook mode, the webhook path */
  port: number;
  /** outgoing Telegram calls per second; 0 turns that limit off */
  telegramLimits: { globalPerSecond: number; chatPerSecond: number; chatBurst: number };
  /** long polling: how long a batch may hold up the next poll before its slow updates carry on alone */
  pollBatchGraceMs: number;
  /** the language the demo's patient speaks (a Telegram language_code) */
  demoLanguageCode: string;
  /** DEBUG names telegraf: its debug output bypasses the logger and its redaction */
  telegrafDebug: boolean;
  /** how long a stop may wait for the updates in hand before the process gives up on them */
  shutdownTimeoutMs: number;
  patientData: PatientDataKeys;
  /** booking records are removed this long after the visit; saved patients after this long unused */
  retention: { bookingDaysAfterVisit: number; savedPatientIdleDays: number };
  /** reminders and stop-clinic checks of booked visits (src/reminders/) */
  aftercare: AftercareSettings;
  watch: WatchSettings;
}

export interface AftercareSettings {
  /** largest first, no repeats */
  reminderOffsetsMinutes: number[];
  /** China-time hours [startHour, endHour), wrapping past midnight; null = none */
  quietHours: { startHour: number; endHour: number } | null;
  stopClinicCheckSeconds: number;
  stopClinicConfirmSeconds: number;
}

/** Watching doctors: see src/watch/ and the README's table for what each costs in hospital calls. */
export interface WatchSettings {
  intervalSeconds: number;
  releaseIntervalSeconds: number;
  releaseWindowMinutes: number;
  maxCallsPerMinute: number;
  holdSeconds: number;
  maxPerUser: number;
}

/** Intervals under this outside the release window are allowed (tests need them) but warned about. */
export const WATCH_MIN_POLITE_INTERVAL_SECONDS = 30;

/** Start-up warnings about settings that work but are unkind to the hospital. */
export function configWarnings(config: Config): string[] {
  const w = config.watch;
  return w.intervalSeconds < WATCH_MIN_POLITE_INTERVAL_SECONDS
    ? [
        `WATCH_INTERVAL_SECONDS=${w.intervalSeconds} polls each watched doctor more often than every ` +
          `${WATCH_MIN_POLITE_INTERVAL_SECONDS} s outside the release window: hospitals ban clients for less`,
      ]
    : [];
}

export class ConfigError extends Error {
  override readonly name = "ConfigError";
  constructor(readonly problems: string[]) {
    super(problems.join("\n"));
  }
}

const cardTypesSchema = z.record(z.string(), z.number().int());

/** Parses the environment; throws ConfigError with one line per problem. Never echoes a secret's value. */
/** Only what a tool that talks to Telegram needs (`npm run link`): the bot's token and API root. */
export function loadTelegramConfig(env: NodeJS.ProcessEnv): Pick<Config, "botToken" | "telegramApiRoot"> {
  const parsed = envSchema.pick({ BOT_TOKEN: true, TELEGRAM_API_ROOT: true }).safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => `${i.path.join(".") || "environment"}: ${i.message}`),
    );
  }
  return { botToken: parsed.data.BOT_TOKEN, telegramApiRoot: parsed.data.TELEGRAM_API_ROOT };
}

export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const parsed = envSchema.safeParse(env);
  const problems = [
    ...(parsed.success
      ? []
      : parsed.error.issues.map((i) => `${i.path.join(".") || "environment"}: ${i.message}`)),
    ...crossFieldProblems(env),
  ];
  const trimmed = (name: string) => (env[name] ?? "").trim() || undefined;
  const patientData = patientDataKeys(
    {
      PATIENT_DATA_KEY: trimmed("PATIENT_DATA_KEY"),
      PATIENT_DATA_OLD_KEYS: trimmed("PATIENT_DATA_OLD_KEYS"),
      NODE_ENV: env.NODE_ENV,
      BOT_TOKEN: trimmed("BOT_TOKEN"),
    },
    problems,
  );
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const e = parsed.data;
  let cardTypeOverrides: Record<string, number> = {};
  if (e.HOSPITAL_CARD_TYPES) {
    let json: unknown;
    try {
      json = JSON.parse(e.HOSPITAL_CARD_TYPES);
    } catch {
      throw new ConfigError(['HOSPITAL_CARD_TYPES: must be JSON such as {"passport": 3}']);
    }
    const cards = cardTypesSchema.safeParse(json);
    if (!cards.success) {
      throw new ConfigError(["HOSPITAL_CARD_TYPES: must map certificate kinds to whole numbers"]);
    }
    cardTypeOverrides = cards.data;
  }
  const auth: HospitalAuth = e.HOSPITAL_APP_TOKEN
    ? { kind: "fixed", appToken: e.HOSPITAL_APP_TOKEN }
    : e.HOSPITAL_APP_ID && e.HOSPITAL_APP_SECRET
      ? { kind: "credentials", appId: Number(e.HOSPITAL_APP_ID), appSecret: e.HOSPITAL_APP_SECRET }
      : { kind: "sandbox" };
  return {
    botToken: e.BOT_TOKEN,
    telegramApiRoot: e.TELEGRAM_API_ROOT,
    hospital: {
      baseUrl: e.HOSPITAL_API_URL,
      auth,
      timeoutMs: e.HOSPITAL_TIMEOUT_MS,
      orderTimeoutMs: e.HOSPITAL_ORDER_TIMEOUT_MS,
      maxConcurrent: e.HOSPITAL_MAX_CONCURRENT,
      maxPerSecond: e.HOSPITAL_MAX_PER_SECOND,
      retries: e.HOSPITAL_RETRIES,
      cardTypeOverrides,
    },
    redis: { url: e.REDIS_URL, prefix: e.REDIS_PREFIX },
    sessionTtlSeconds: e.SESSION_TTL_SECONDS,
    logLevel: e.LOG_LEVEL,
    production: e.NODE_ENV === "production",
    webhook: e.WEBHOOK_URL && e.WEBHOOK_SECRET ? { url: e.WEBHOOK_URL, secret: e.WEBHOOK_SECRET } : null,
    port: e.PORT,
    telegramLimits: {
      globalPerSecond: e.TELEGRAM_GLOBAL_PER_SECOND,
      chatPerSecond: e.TELEGRAM_CHAT_PER_SECOND,
      chatBurst: e.TELEGRAM_CHAT_BURST,
    },
    pollBatchGraceMs: e.POLL_BATCH_GRACE_MS,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    aftercare: {
      reminderOffsetsMinutes: minuteOffsets(e.REMINDER_BEFORE_MINUTES) ?? [],
      quietHours: quietHours(e.REMINDER_QUIET_HOURS) ?? null,
      stopClinicCheckSeconds: e.STOPCLINIC_CHECK_SECONDS,
      stopClinicConfirmSeconds: e.STOPCLINIC_CONFIRM_SECONDS,
    },
    watch: {
      intervalSeconds: e.WATCH_INTERVAL_SECONDS,
      releaseIntervalSeconds: e.WATCH_RELEASE_INTERVAL_SECONDS,
      releaseWindowMinutes: e.WATCH_RELEASE_WINDOW_MINUTES,
      maxCallsPerMinute: e.WATCH_MAX_CALLS_PER_MINUTE,
      holdSeconds: e.WATCH_HOLD_SECONDS,
      maxPerUser: e.WATCH_MAX_PER_USER,
    },
    demoLanguageCode: e.DEMO_LANG ?? (e.LANG?.startsWith("zh") ? "zh-hans" : "en"),
    telegrafDebug: /(^|,)\s*(telegraf|\*)/.test(e.DEBUG),
    patientData,
    retention: {
      bookingDaysAfterVisit: e.RETENTION_DAYS_AFTER_VISIT,
      savedPatientIdleDays: e.SAVED_PATIENT_IDLE_DAYS,
    },
  };
}

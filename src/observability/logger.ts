// One pino logger for the whole bot. Personal data and credentials are redacted by path wherever they
// sit in a logged object, and scrubbed from free text by pattern, so a careless log call cannot leak them.
import { type Logger, pino } from "pino";
import { CENSOR, redactKeys } from "./redact.js";

export type { Logger };

const SECRET_KEYS = [
  "appToken",
  "appSecret",
  "botToken",
  "token",
  "secret",
  "cardNo",
  "guardianCardNo",
  "mobile",
  "guardianMobile",
  "phone",
  "phone_number",
  "trueName",
  "guardianTrueName",
  "name",
  "first_name",
  "last_name",
  "username",
  "address",
  "birthday",
  "number",
  "clinicNo",
  "text",
];

/** Redaction paths: each key at the top level and up to three levels down. */
export const REDACT_PATHS = SECRET_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`, `*.*.*.${k}`]);
// The same rule, applied by key in one walk (redact.ts): pino's own path redaction is far slower.
const SECRET_KEY_SET: ReadonlySet<string> = new Set(SECRET_KEYS);

const TOKEN_IN_TEXT = [
  /\d{6,12}:[\w-]{30,}/g, // a Telegram bot token
  /(appToken|appSecret)=[^&\s"]+/gi,
  /\b\d{17}[\dXx]\b/g, // an 18-digit ID card number
  /\b1[3-9]\d{9}\b/g, // a mainland mobile number
];

/** Scrubs tokens and personal numbers out of free text (error messages, URLs). */
export function scrubText(text: string): string {
  let out = text;
  for (const re of TOKEN_IN_TEXT)
    out = out.replace(re, (m) => (m.includes("=") ? `${m.split("=")[0]}=[redacted]` : "[redacted]"));
  return out;
}

/**
 * A TelegramError carries the whole call in `on.payload`: the message text and, deeper than any
 * redaction path reaches, the buttons, which may name the patient. The method and chat say enough.
 */
function telegramCall(on: unknown): { on?: { method: unknown; chat_id: unknown } } {
  if (typeof on !== "object" || on === null || !("method" in on)) return {};
  const payload = "payload" in on ? on.payload : undefined;
  const chat =
    typeof payload === "object" && payload !== null && "chat_id" in payload ? payload.chat_id : undefined;
  return { on: { method: on.method, chat_id: chat } };
}

export interface LoggerOptions {
  level: string;
  pretty: boolean;
  /** where to write; defaults to stdout (tests pass a stream to read what was logged) */
  destination?: NodeJS.WritableStream;
}

export function createLogger(opts: LoggerOptions): Logger {
  const base = {
    level: opts.level,
    // Top-level paths only, for a child's bindings (pino runs no formatter on them); they cost nothing
    // on lines without such keys. Everything deeper is redactKeys' work.
    redact: { paths: SECRET_KEYS, censor: CENSOR },
    formatters: {
      log(obj: Record<string, unknown>) {
        // the error is redacted by its serializer, once it is a plain object
        const safe = redactKeys(obj, SECRET_KEY_SET, 0, "err");
        return typeof safe.msg === "string" ? { ...safe, msg: scrubText(safe.msg) } : safe;
      },
    },
    serializers: {
      err: (e: unknown) => {
        const s = pino.stdSerializers.err(e instanceof Error ? e : new Error(String(e)));
        const scrubbed = {
          ...s,
          message: scrubText(s.message),
          stack: s.stack ? scrubText(s.stack) : undefined,
          ...telegramCall(s.on),
        };
        return redactKeys(scrubbed, SECRET_KEY_SET, 1);
      },
    },
    hooks: {
      logMethod(this: Logger, args: Parameters<Logger["info"]>, method: (...a: unknown[]) => void) {
        method.apply(
          this,
          args.map((a) => (typeof a === "string" ? scrubText(a) : a)),
        );
      },
    },
  };
  if (opts.destination) return pino(base, opts.destination as pino.DestinationStream);
  if (opts.pretty) {
    return pino({
      ...base,
      transport: { target: "pino-pretty", options: { colorize: true, translateTime: "SYS:HH:MM:ss" } },
    });
  }
  return pino(base);
}

/** A logger that writes nothing, for tests that do not look at logs. */
export function silentLogger(): Logger {
  return pino({ level: "silent" });
}

// One pino logger for the whole bot. Personal data and credentials are redacted by path wherever they
// sit in a logged object, and scrubbed from free text by pattern, so a careless log call cannot leak them.
import { type Logger, pino } from "pino";

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

export interface LoggerOptions {
  level: string;
  pretty: boolean;
  /** where to write; defaults to stdout (tests pass a stream to read what was logged) */
  destination?: NodeJS.WritableStream;
}

export function createLogger(opts: LoggerOptions): Logger {
  const base = {
    level: opts.level,
    redact: { paths: REDACT_PATHS, censor: "[redacted]" },
    formatters: {
      log(obj: Record<string, unknown>) {
        if (typeof obj.msg === "string") obj.msg = scrubText(obj.msg);
        return obj;
      },
    },
    serializers: {
      err: (e: unknown) => {
        const s = pino.stdSerializers.err(e instanceof Error ? e : new Error(String(e)));
        return { ...s, message: scrubText(s.message), stack: s.stack ? scrubText(s.stack) : undefined };
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

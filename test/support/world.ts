// A whole world for patient stories: the sandbox hospital, the Telegram emulator, Redis under a prefix of
// its own, and the real bot in polling mode, built through the same composition root as production.
import type { Redis } from "ioredis";
import { type App, type AppHooks, startApp } from "../../src/app.js";
import { launchPolling } from "../../src/bot/polling.js";
import { createSessionCodec } from "../../src/bot/sealed-session.js";
import type { BotSession } from "../../src/bot/session.js";
import { loadConfig } from "../../src/config.js";
import { en } from "../../src/i18n/en.js";
import type { Locale } from "../../src/i18n/index.js";
import { zh } from "../../src/i18n/zh.js";
import { createLogger, silentLogger } from "../../src/observability/logger.js";
import { makeIdCardNumber } from "../../src/patient/id-card.js";
import { createPatientCipher } from "../../src/patients/cipher.js";
import { type Sandbox, type SandboxOptions, startSandbox } from "../../src/sandbox/server.js";
import { startTelegramEmulator } from "../../src/telegram-emulator/server.js";
import type { BotTurn, EmulatedUser, TelegramEmulator } from "../../src/telegram-emulator/types.js";
import { morningClock } from "./clock.js";
import { cleanPrefix, REDIS_URL, testPrefix, testRedis } from "./redis.js";

export interface TestWorld {
  sandbox: Sandbox;
  emulator: TelegramEmulator;
  app: App;
  redis: Redis;
  prefix: string;
  user(id: number, lang?: "zh" | "en"): EmulatedUser;
  /** drives the whole funnel with the first choice at each step; returns the order number shown */
  bookFirstAvailable(
    user: EmulatedUser,
    patient?: Partial<PatientAnswers>,
  ): Promise<{ orderId: string; takeNo: string }>;
  /** the chat's stored session as the bot reads it, its encrypted part opened */
  readSession(chatId: number): Promise<BotSession | undefined>;
  /** stops the bot and starts a new one on the same Redis, as a redeploy would (with `env` changed) */
  restartBot(env?: Record<string, string>): Promise<void>;
  stop(): Promise<void>;
}

export interface WorldOptions {
  sandbox?: SandboxOptions;
  now?: () => Date;
  env?: Record<string, string>;
  flood?: { points: number; durationSeconds: number };
  hooks?: AppHooks;
  /**
   * "agreed" (the default): every user of the story agreed to the current privacy notice before it
   * starts, as a returning patient has; "ask": they meet the notice as a first-time patient does (the
   * consent stories, and agreeIfAsked in the funnel helpers).
   */
  consent?: "agreed" | "ask";
}

/** The user's taps and messages wait until `ready` (their consent record) is written. */
function after(ready: Promise<unknown>, u: EmulatedUser): EmulatedUser {
  const sends = new Set<PropertyKey>([
    "say",
    "press",
    "pressData",
    "shareContact",
    "sendSticker",
    "sendPhoto",
  ]);
  return new Proxy(u, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== "function") return value;
      const f = (value as (...args: unknown[]) => unknown).bind(target);
      if (!sends.has(prop)) return f;
      return async (...args: unknown[]) => {
        await ready;
        return f(...args);
      };
    },
  });
}

export interface PatientAnswers {
  name: string;
  idNumber: string;
  mobile: string;
  address: string;
}

export const ADULT_ID = makeIdCardNumber("440304", "1990-03-07", 123);

export const DEFAULT_PATIENT: PatientAnswers = {
  name: "张三",
  idNumber: ADULT_ID,
  mobile: "13812345678",
  address: "深圳市福田区福华路1号",
};

/** The first line of the confirm step's summary ("Please check your booking:"). */
export function summaryTitle(t: Locale): string {
  return firstLine(
    t.confirm.summary({
      hospital: "",
      department: "",
      doctor: "",
      when: "",
      fee: "",
      patient: "",
      certificate: "",
      mobile: "",
    }),
  );
}

/** The first line of the message that announces a placed order ("✅ Booked!"). */
export function placedTitle(t: Locale): string {
  return firstLine(t.confirm.placed({ orderId: "", takeNo: "", when: "", hospital: "" }));
}

/** The question a prompt ends with ("请选择就诊时间："), whatever names come before it. */
export function promptLine(text: string): string {
  return text.split("\n").at(-1) ?? "";
}

function firstLine(text: string): string {
  return text.split("\n")[0] ?? "";
}

/** Matches exactly this text in either language (the helpers below serve Chinese and English patients). */
function inEither(pick: (t: Locale) => string): RegExp {
  return new RegExp(`^(?:${literal(pick(zh))}|${literal(pick(en))})$`);
}

/** The fixed opening of a text that takes a parameter: what comes before it ("✅ 预约已取消（订单号 "). */
export function opening(text: (param: string) => string): string {
  const full = text("\u0000");
  return full.slice(0, full.indexOf("\u0000"));
}

/** The fixed ending of a text that takes a parameter: what comes after it. */
export function ending(text: (param: string) => string): string {
  const full = text("\u0000");
  return full.slice(full.indexOf("\u0000") + 1);
}

/** The line of `text` that holds `needle` ("原因：时间冲突" of a cancellation's review). */
export function lineWith(text: string, needle: string): string {
  return text.split("\n").find((l) => l.includes(needle)) ?? "";
}

/** `text` as a regular expression that matches it literally. */
export function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The order number and pickup code lines of the placed message, in either language. */
function placedLines(): RegExp {
  const lines = (t: Locale) =>
    t.confirm.placed({ orderId: "\0", takeNo: "\0", when: "", hospital: "" }).split("\n");
  const label = (t: Locale, i: number) => (lines(t)[i] ?? "").replace("\0", "");
  const either = (i: number) => `(?:${literal(label(zh, i))}|${literal(label(en, i))})`;
  return new RegExp(`${either(1)}(\\S+)\n${either(2)}(\\S+)`);
}

/** The label of the first button in the latest menu (the first choice of a list step). */
export function firstButton(user: EmulatedUser): string {
  const label = user.buttons()[0]?.[0];
  if (label === undefined) throw new Error(`no buttons under: ${user.lastMessage()?.text ?? "(nothing)"}`);
  return label;
}

/**
 * Agrees to the privacy notice when the bot shows it (before the first personal question of a user's
 * first booking); a user who agreed before goes on without it.
 */
export async function agreeIfAsked(user: EmulatedUser): Promise<void> {
  const agree = [zh.consent.agreeButton, en.consent.agreeButton];
  const shown = user
    .buttons()
    .flat()
    .find((b) => agree.includes(b));
  if (shown) await user.press(shown);
}

/** Everything the bot sent or redrew in a turn, top to bottom (a booking's result, then the save offer). */
export function turnText(turn: BotTurn): string {
  return [...turn.edited, ...turn.sent].map((m) => m.text).join("\n\n");
}

/** The first button whose label shows places left (e.g. "(余3)" / "3 left"). */
export function firstWithPlaces(user: EmulatedUser): string {
  const label = user
    .buttons()
    .flat()
    .find((l) => /余\d+|\d+ left/.test(l) && !l.startsWith("🚫"));
  if (label === undefined) throw new Error(`no button with places left: ${JSON.stringify(user.buttons())}`);
  return label;
}

/** Drives the funnel with the first choice at each step up to the summary (Confirm not pressed yet). */
export async function walkToSummary(
  user: EmulatedUser,
  answers: Partial<PatientAnswers> = {},
): Promise<void> {
  const p = { ...DEFAULT_PATIENT, ...answers };
  await user.say("/book");
  await user.press(firstButton(user)); // city
  await user.press(firstButton(user)); // hospital
  await user.press(firstButton(user)); // department
  await user.press(firstButton(user)); // doctor
  await user.press(firstWithPlaces(user)); // day
  await user.press(firstWithPlaces(user)); // session
  await user.press(firstWithPlaces(user)); // slot
  await agreeIfAsked(user);
  await user.say(p.name);
  await user.press(inEither((t) => t.certificate.id_card));
  await user.say(p.idNumber);
  await user.say(p.mobile);
  await user.press(inEither((t) => t.patient.noClinicNo));
  await user.say(p.address);
  const confirm = inEither((t) => t.confirm.confirmButton);
  if (
    !user
      .buttons()
      .flat()
      .some((l) => confirm.test(l))
  ) {
    throw new Error(`not at the summary: ${JSON.stringify(user.buttons())}`);
  }
}

/** Drives the whole funnel with the first choice at each step; returns the order number shown. */
export async function bookFirstAvailable(
  user: EmulatedUser,
  answers: Partial<PatientAnswers> = {},
): Promise<{ orderId: string; takeNo: string }> {
  await walkToSummary(user, answers);
  const turn = await user.press(inEither((t) => t.confirm.confirmButton));
  const text = turnText(turn);
  const m = placedLines().exec(text);
  if (!m?.[1] || !m[2]) throw new Error(`no order number in: ${text}`);
  return { orderId: m[1], takeNo: m[2] };
}

export async function startTestWorld(opts: WorldOptions = {}): Promise<TestWorld> {
  const prefix = testPrefix("world");
  const now = opts.now ?? morningClock();
  const sandbox = await startSandbox({ now, ...opts.sandbox });
  const emulator = await startTelegramEmulator();
  const logger = process.env.TEST_LOG ? createLogger({ level: "debug", pretty: false }) : silentLogger();
  const baseEnv = {
    BOT_TOKEN: emulator.token,
    TELEGRAM_API_ROOT: emulator.apiRoot,
    HOSPITAL_API_URL: sandbox.url,
    HOSPITAL_APP_TOKEN: sandbox.appToken,
    HOSPITAL_TIMEOUT_MS: "2000",
    HOSPITAL_ORDER_TIMEOUT_MS: "1500",
    REDIS_URL,
    REDIS_PREFIX: prefix,
    // the emulated patient taps far faster than a person: Telegram's real pace would slow every story
    TELEGRAM_CHAT_PER_SECOND: "1000",
    TELEGRAM_GLOBAL_PER_SECOND: "100000",
    // the emulator ends a patient's turn when the bot confirms the update by polling again: with a grace
    // longer than any quick step, that is when the bot has answered
    POLL_BATCH_GRACE_MS: "1000",
    ...opts.env,
  };
  // built once: without PATIENT_DATA_KEY the key is made up here, and a plain restart keeps it
  let config = loadConfig(baseEnv);
  const build = () => startApp({ config, logger, now, flood: opts.flood, hooks: opts.hooks });
  let app = await build();
  let running = await launchPolling(app.bot, { batchGraceMs: config.pollBatchGraceMs });
  const users = new Map<string, EmulatedUser>();

  const world: TestWorld = {
    sandbox,
    emulator,
    get app() {
      return app;
    },
    get redis() {
      return app.redis;
    },
    prefix,
    user(id, lang = "zh") {
      const key = `${id}:${lang}`;
      const known = users.get(key);
      if (known) return known;
      const plain = emulator.user(id, {
        languageCode: lang === "zh" ? "zh-hans" : "en",
        firstName: `Patient${id}`,
      });
      const u = opts.consent === "ask" ? plain : after(app.deps.consent.record(id), plain);
      users.set(key, u);
      return u;
    },
    bookFirstAvailable,
    async readSession(chatId) {
      const raw = await app.redis.get(`${prefix}session:${chatId}`);
      if (raw === null) return undefined;
      const codec = createSessionCodec({
        cipher: createPatientCipher(config.patientData),
        now,
        onUnreadable: () => {},
      });
      return codec.parse(JSON.parse(raw), String(chatId));
    },
    async restartBot(env) {
      await running.stop("restart");
      await app.close();
      if (env) config = loadConfig({ ...baseEnv, ...env });
      app = await build();
      running = await launchPolling(app.bot, { batchGraceMs: config.pollBatchGraceMs });
    },
    async stop() {
      await running.stop("test over");
      // the app's job workers may still write as they stop: clean only once they have
      await app.close();
      await emulator.close();
      await sandbox.close();
      const redis = testRedis();
      await cleanPrefix(redis, prefix).catch(() => {});
      await redis.quit();
    },
  };
  return world;
}

// The composition root: configuration → Redis → hospital client (or the built-in sandbox) → catalog →
// bookings → bot. main.ts, the demo, the tests and the benchmark all build the bot through here, so
// they run the same graph with their own values.
import { Redis } from "ioredis";
import type { Telegraf } from "telegraf";
import { buildStage } from "../scenes/index.js";
import { observeCancellations, observeOrders } from "./bookings/booking-events.js";
import { type CancelOutcome, createCancelService } from "./bookings/cancel-booking.js";
import { createOrderService, type PlaceOutcome } from "./bookings/place-order.js";
import { createBookingRecords } from "./bookings/records-store.js";
import type { BotContext } from "./bot/context.js";
import { createBot } from "./bot/create-bot.js";
import type { BotDeps } from "./bot/deps.js";
import type { UpdateObserver } from "./bot/middleware/update-log.js";
import { createSessionCodec } from "./bot/sealed-session.js";
import { type Catalog, createCatalog } from "./catalog/catalog.js";
import { createScheduleSnapshots } from "./catalog/schedule-snapshots.js";
import { type Config, configWarnings } from "./config.js";
import { createHospitalClient, type HospitalClient } from "./hospital/client.js";
import type { CallEvent } from "./hospital/http.js";
import { createJobs, type Jobs } from "./jobs/jobs.js";
import type { Logger } from "./observability/logger.js";
import { judgeRedisDurability, readRedisDurability } from "./observability/redis-durability.js";
import { createPatientCipher, createUnreadableLog, patientKeySecret } from "./patients/cipher.js";
import { createSavedPatients } from "./patients/saved-patients.js";
import { createConsentStore } from "./privacy/consent.js";
import { userDataFamilies } from "./privacy/families.js";
import { createRetention } from "./privacy/retention.js";
import { createUserData } from "./privacy/user-data.js";
import { type AftercareEvent, createAftercare } from "./reminders/aftercare.js";
import { type Sandbox, startSandbox } from "./sandbox/server.js";
import type { RoundTrip } from "./session/chat-lock.js";
import { createBlockedChats } from "./telegram/blocked-chats.js";
import { createBotApiTransport } from "./telegram/bot-api-transport.js";
import { createOutgoingCalls, type TelegramCallEvent } from "./telegram/outgoing-calls.js";
import { startAutoBooking } from "./watch/auto-book.js";
import { createWatchEngine, type WatchObserver } from "./watch/engine.js";
import { createNotify } from "./watch/notify.js";
import { watchingOrders } from "./watch/order-hook.js";
import { createPollBudget } from "./watch/poll-budget.js";
import { createWatchService, type WatchService } from "./watch/service.js";
import { createWatchStore } from "./watch/watch-store.js";

export interface AppHooks {
  onUpdate?: UpdateObserver;
  onHospitalCall?: (e: CallEvent) => void;
  /** a wait for a catalog entry another update is fetching from the hospital, in ms */
  onHospitalWait?: (ms: number) => void;
  onRoundTrip?: (op: RoundTrip | "flood") => void;
  onOrder?: (kind: PlaceOutcome["kind"]) => void;
  onCancel?: (kind: CancelOutcome["kind"]) => void;
  onTelegramCall?: (e: TelegramCallEvent) => void;
  /** the watch engine's polls, offers and notifications */
  watch?: WatchObserver;
  /** reminders and stop-clinic alerts sent, and what each stop-clinic check found */
  onAftercare?: (e: AftercareEvent) => void;
}

export interface AppOptions {
  config: Config;
  logger: Logger;
  now?: () => Date;
  hooks?: AppHooks;
  flood?: { points: number; durationSeconds: number };
  /** the privacy notice's version (tests of a new notice); default PRIVACY_NOTICE_VERSION */
  privacyNoticeVersion?: string;
  /** runs on the connected Redis before anything else uses it (the demo clears its prefix) */
  beforeStart?: (redis: Redis) => Promise<void>;
}

export interface App {
  bot: Telegraf<BotContext>;
  redis: Redis;
  catalog: Catalog;
  hospital: HospitalClient;
  /** the in-process sandbox hospital, when no hospital credentials are configured */
  sandbox: Sandbox | undefined;
  deps: BotDeps;
  /** background jobs (BullMQ on the same Redis); every replica runs the workers */
  jobs: Jobs;
  /** watching doctors: the patient's side (the engine runs on jobs) */
  watches: WatchService;
  /** closes what startApp opened (not the bot's transport: the caller stops that first) */
  close(): Promise<void>;
}

export class StartupError extends Error {
  override readonly name = "StartupError";
}

/** An ioredis client that fails fast instead of queueing commands while Redis is away. */
export async function connectRedis(url: string): Promise<Redis> {
  const redis = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: 2_000,
    // in a rush many chats write in the same tick: one socket write carries them all
    enableAutoPipelining: true,
    retryStrategy: (times) => Math.min(times * 200, 2_000),
  });
  // errors surface on each command; the connection keeps retrying in the background
  redis.on("error", () => {});
  try {
    await redis.connect();
    await redis.ping();
  } catch {
    redis.disconnect();
    throw new StartupError(`Redis does not answer at ${redactUrl(url)}: start it or set REDIS_URL`);
  }
  return redis;
}

function redactUrl(url: string): string {
  return url.replace(/\/\/[^@/]*@/, "//[credentials]@");
}

export async function startApp(opts: AppOptions): Promise<App> {
  const { config, logger } = opts;
  const now = opts.now ?? (() => new Date());
  if (!config.botToken) throw new StartupError("BOT_TOKEN is required to build the bot");
  if (config.patientData.required && config.patientData.ephemeral) {
    throw new StartupError(
      "PATIENT_DATA_KEY is required in production: generate one with `openssl rand -base64 32`",
    );
  }
  for (const warning of configWarnings(config)) logger.warn(warning);
  const redis = await connectRedis(config.redis.url);
  await opts.beforeStart?.(redis);
  const durability = await readRedisDurability(redis);
  const refusal = judgeRedisDurability(durability, { production: config.production, logger });
  if (refusal) {
    redis.disconnect();
    throw new StartupError(refusal);
  }
  const jobs = createJobs({ redisUrl: config.redis.url, prefix: config.redis.prefix, logger, now });

  let sandbox: Sandbox | undefined;
  let baseUrl = config.hospital.baseUrl;
  let auth = config.hospital.auth;
  if (auth.kind === "sandbox") {
    sandbox = await startSandbox({ now });
    baseUrl = sandbox.url;
    auth = { kind: "fixed", appToken: sandbox.appToken };
    logger.warn(
      { url: sandbox.url },
      "no hospital credentials configured: using the built-in sandbox hospital",
    );
  }
  const hospital = createHospitalClient({
    ...config.hospital,
    baseUrl,
    auth,
    logger,
    onCall: opts.hooks?.onHospitalCall,
  });
  const catalog = createCatalog({
    api: hospital,
    redis,
    prefix: config.redis.prefix,
    logger,
    onSharedWait: opts.hooks?.onHospitalWait,
  });
  const bookings = createBookingRecords({ redis, prefix: config.redis.prefix });
  const placeOrders = createOrderService({
    api: hospital,
    records: bookings,
    redis,
    prefix: config.redis.prefix,
    logger,
    now,
    onOutcome: opts.hooks?.onOrder,
    patientKeySecrets: [config.patientData.key, ...config.patientData.oldKeys].map(patientKeySecret),
  });
  const cancelOrders = createCancelService({
    api: hospital,
    records: bookings,
    redis,
    prefix: config.redis.prefix,
    logger,
    now,
    onOutcome: opts.hooks?.onCancel,
  });
  const outgoing = createOutgoingCalls({
    limits: config.telegramLimits,
    logger,
    onCall: opts.hooks?.onTelegramCall,
  });
  const transport = createBotApiTransport({ apiRoot: config.telegramApiRoot, token: config.botToken });
  if (config.patientData.ephemeral) {
    logger.warn(
      "no PATIENT_DATA_KEY: personal data is encrypted under a key that lives only in this process",
    );
  }
  const blockedChats = createBlockedChats({ redis, prefix: config.redis.prefix, logger });
  const cipher = createPatientCipher(config.patientData);
  const onUnreadable = createUnreadableLog(logger);
  const patients = createSavedPatients({ redis, prefix: config.redis.prefix, cipher, now, onUnreadable });
  const consent = createConsentStore({
    redis,
    prefix: config.redis.prefix,
    now,
    version: opts.privacyNoticeVersion,
  });
  await createRetention({
    jobs,
    bookings,
    patients,
    now,
    logger,
    bookingDaysAfterVisit: config.retention.bookingDaysAfterVisit,
    savedPatientIdleDays: config.retention.savedPatientIdleDays,
  }).install();
  const prefix = config.redis.prefix;
  // one reading of a doctor's schedules serves the watch polls and the stop-clinic checks alike
  const snapshots = createScheduleSnapshots({ api: hospital, redis, prefix, now, logger });
  const watchStore = createWatchStore({ redis, prefix });
  // the bot is built below; notifications only go out once jobs have started
  const notify = createNotify({ telegram: () => bot.telegram, blockedChats, logger });
  const watchEngine = createWatchEngine({
    redis,
    prefix,
    jobs,
    catalog,
    api: hospital,
    snapshots,
    store: watchStore,
    budget: createPollBudget({ redis, prefix, perMinute: config.watch.maxCallsPerMinute, now }),
    notify,
    settings: config.watch,
    logger,
    now,
    observer: opts.hooks?.watch,
  });
  const watches = createWatchService({
    redis,
    prefix,
    store: watchStore,
    engine: watchEngine,
    catalog,
    settings: config.watch,
    now,
    observer: opts.hooks?.watch,
  });
  // reminders and stop-clinic checks of booked visits, told of each booking and cancellation
  const aftercare = createAftercare({
    jobs,
    redis,
    prefix,
    records: bookings,
    catalog,
    snapshots,
    settings: config.aftercare,
    blockedChats,
    logger,
    now,
    telegram: () => bot.telegram,
    onEvent: opts.hooks?.onAftercare,
  });
  const orders = observeOrders(watchingOrders(placeOrders, watches), aftercare.onBooked, logger);
  const cancellations = observeCancellations(cancelOrders, aftercare.onCancelled, logger);
  startAutoBooking({
    redis,
    prefix,
    jobs,
    store: watchStore,
    engine: watchEngine,
    catalog,
    // an order the watch places itself gets its reminders too; the job ends the watch itself
    orders: observeOrders(placeOrders, aftercare.onBooked, logger),
    patients,
    notify,
    now,
    logger,
    observer: opts.hooks?.watch,
  });
  const userData = createUserData(
    userDataFamilies({
      redis,
      prefix: config.redis.prefix,
      bookings,
      patients,
      consent,
      blockedChats,
      watches,
      aftercare,
    }),
    (family, err) => logger.error({ family, err }, "could not erase a user's data"),
  );
  const deps: BotDeps = {
    catalog,
    orders,
    bookings,
    cancellations,
    patients,
    consent,
    userData,
    retention: { ...config.retention, sessionTtlSeconds: config.sessionTtlSeconds },
    watches,
    aftercare,
    logger,
    now,
    sessionsSurviveRestart: durability.persistent === true,
    blockedChats,
  };
  const bot = createBot({
    token: config.botToken,
    telegramApiRoot: config.telegramApiRoot,
    deps,
    conversation: buildStage().middleware(),
    redis,
    prefix: config.redis.prefix,
    sessionTtlSeconds: config.sessionTtlSeconds,
    flood: opts.flood,
    onUpdate: opts.hooks?.onUpdate,
    onRoundTrip: opts.hooks?.onRoundTrip,
    transport,
    outgoing,
    sessionCodec: createSessionCodec({ cipher, now, onUnreadable }),
  });
  // the features above registered their job handlers; from here this process takes its share
  await jobs.start();
  await watchEngine.start();
  await aftercare.scheduleSweep();
  return {
    bot,
    redis,
    catalog,
    hospital,
    sandbox,
    deps,
    jobs,
    watches,
    async close() {
      await jobs.close();
      orders.close();
      await transport.close();
      hospital.close();
      await sandbox?.close();
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

// Measures the bot from inside its own process. Each update runs in an AsyncLocalStorage scope entered
// around bot.handleUpdate, so the hospital's time (from the client's onCall hook), the Telegram API's
// time and the Redis round trips made while handling it are charged to that update and no other: an
// async function resumes in its caller's scope whoever resolved the promise it awaited. Waiting on a
// catalog entry another update is fetching is hospital time too. Each wait is kept as an interval and
// an update's hospital (or Telegram) time is their union, so waits in parallel are not counted twice.
import { AsyncLocalStorage } from "node:async_hooks";
import type { Command, Redis } from "ioredis";
import type { Telegraf } from "telegraf";
import type { Update } from "telegraf/types";
import type { BotContext } from "../src/bot/context.js";
import type { CallEvent } from "../src/hospital/http.js";

interface UpdateCost {
  /** the chat (or sender) of the update, so hospital calls can be summed per patient */
  chat: number | undefined;
  /** [start, end] in performance.now() time */
  hospital: Array<[number, number]>;
  telegram: Array<[number, number]>;
  redis: Array<[number, number]>;
  redisTrips: number;
}

export interface Samples {
  totalMs: number[];
  hospitalMs: number[];
  telegramMs: number[];
  /** waiting for Redis's answers (part of own time) */
  redisMs: number[];
  redisTrips: number[];
}

export interface MeterSnapshot {
  updates: number;
  errors: number;
  samples: Samples;
  /** Redis round trips by what made them; a MULTI…EXEC block is one */
  redis: Record<string, number>;
  /** Redis round trips made outside any update (start-up, timers) */
  redisOutsideUpdates: number;
  /** hospital HTTP attempts by endpoint, and those that failed */
  hospital: Record<string, number>;
  /** hospital HTTP attempts by chat and endpoint */
  hospitalByChat: Record<string, Record<string, number>>;
  hospitalFailures: number;
  telegramCalls: number;
}

export interface Meter {
  onHospitalCall(e: CallEvent): void;
  /** a wait for a catalog entry another update is fetching from the hospital */
  onHospitalWait(ms: number): void;
  /** each attempt at a Bot API call, from the bot's own hook */
  onTelegramCall(e: { ms: number }): void;
  onUpdate(e: { ms: number; outcome: "ok" | "error" }): void;
  snapshot(): MeterSnapshot;
  reset(): void;
}

export function createMeter(opts: {
  bot: Telegraf<BotContext>;
  redis: Redis;
  prefix: string;
  /** each update once the bot has finished with it (the poller may have moved on long before) */
  onHandled?: (updateId: number) => void;
  /**
   * Charge hospital, Telegram and Redis to each update. The scope costs the bot about 15% more CPU
   * (Node 20 tracks every promise for it), so throughput is measured in a run without it.
   */
  attribute: boolean;
}): Meter {
  const scope = new AsyncLocalStorage<UpdateCost>();
  let state = emptyState();

  const handleUpdate = opts.bot.handleUpdate.bind(opts.bot);
  opts.bot.handleUpdate = (update, webhookResponse) =>
    (opts.attribute
      ? scope.run({ chat: chatOf(update), hospital: [], telegram: [], redis: [], redisTrips: 0 }, () =>
          handleUpdate(update, webhookResponse),
        )
      : handleUpdate(update, webhookResponse)
    ).finally(() => opts.onHandled?.(update.update_id));

  countRoundTrips(
    opts.redis,
    (what, answered) => {
      const cost = scope.getStore();
      if (!cost) {
        state.redisOutsideUpdates++;
        return;
      }
      cost.redisTrips++;
      state.redis[what] = (state.redis[what] ?? 0) + 1;
      const started = performance.now();
      const end = () => {
        cost.redis.push([started, performance.now()]);
      };
      answered.then(end, end);
    },
    opts.prefix,
  );

  return {
    onHospitalCall(e) {
      state.hospital[e.endpoint] = (state.hospital[e.endpoint] ?? 0) + 1;
      if (e.outcome !== "ok") state.hospitalFailures++;
      const cost = scope.getStore();
      if (!cost) return;
      cost.hospital.push(endedNow(e.ms));
      if (cost.chat !== undefined) {
        const mine = state.hospitalByChat[cost.chat] ?? {};
        mine[e.endpoint] = (mine[e.endpoint] ?? 0) + 1;
        state.hospitalByChat[cost.chat] = mine;
      }
    },
    onHospitalWait(ms) {
      const cost = scope.getStore();
      cost?.hospital.push(endedNow(ms));
    },
    onTelegramCall(e) {
      const cost = scope.getStore();
      if (!cost) return;
      cost.telegram.push(endedNow(e.ms));
      state.telegramCalls++;
    },
    onUpdate(e) {
      const cost = scope.getStore();
      state.updates++;
      if (e.outcome === "error") state.errors++;
      state.samples.totalMs.push(e.ms);
      state.samples.hospitalMs.push(cost ? unionMs(cost.hospital) : 0);
      state.samples.telegramMs.push(cost ? unionMs(cost.telegram) : 0);
      state.samples.redisMs.push(cost ? unionMs(cost.redis) : 0);
      state.samples.redisTrips.push(cost?.redisTrips ?? 0);
    },
    snapshot: () => state,
    reset() {
      state = emptyState();
    },
  };
}

function emptyState(): MeterSnapshot {
  return {
    updates: 0,
    errors: 0,
    samples: { totalMs: [], hospitalMs: [], telegramMs: [], redisMs: [], redisTrips: [] },
    redis: {},
    redisOutsideUpdates: 0,
    hospital: {},
    hospitalByChat: {},
    hospitalFailures: 0,
    telegramCalls: 0,
  };
}

/** the interval of a wait of `ms` that has just ended */
function endedNow(ms: number): [number, number] {
  const end = performance.now();
  return [end - ms, end];
}

/** total length covered by the intervals, overlaps counted once */
function unionMs(intervals: Array<[number, number]>): number {
  const sorted = [...intervals].sort((a, b) => a[0] - b[0]);
  let total = 0;
  let reach = Number.NEGATIVE_INFINITY;
  for (const [start, end] of sorted) {
    if (end <= reach) continue;
    total += end - Math.max(start, reach);
    reach = end;
  }
  return total;
}

function chatOf(update: Update): number | undefined {
  if ("message" in update) return update.message.chat.id;
  if ("callback_query" in update) return update.callback_query.from.id;
  return undefined;
}

/**
 * Counts round trips on the bot's own ioredis client: every command an update sends, whether it goes
 * out alone or rides in an automatic pipeline with other updates' commands (it still waits for its own
 * answer), except that a MULTI…EXEC transaction counts once. A pipeline's flush passes a stream to
 * sendCommand: those commands were counted as they were queued, a transaction at its EXEC.
 */
function countRoundTrips(
  redis: Redis,
  onTrip: (what: string, answered: Promise<unknown>) => void,
  prefix: string,
): void {
  const send = redis.sendCommand.bind(redis);
  redis.sendCommand = ((command: Command, stream?: Parameters<Redis["sendCommand"]>[1]) => {
    if (stream === undefined)
      onTrip(labelOf(command.name.toLowerCase(), command.args, prefix), command.promise);
    else if (command.name.toLowerCase() === "exec") onTrip("multi/exec", command.promise);
    return send(command, stream);
  }) as Redis["sendCommand"];
  // the automatic pipelines are built with redis.pipeline(); a transaction's (multi()) is not
  const pipeline = redis.pipeline.bind(redis);
  redis.pipeline = ((...args: Parameters<Redis["pipeline"]>) => {
    const made = pipeline(...args);
    // typed as a chain of commands, a Pipeline is also a Commander with sendCommand
    const queued = made as unknown as { sendCommand(command: Command): unknown };
    const queue = queued.sendCommand.bind(made);
    queued.sendCommand = (command) => {
      onTrip(labelOf(command.name.toLowerCase(), command.args, prefix), command.promise);
      return queue(command);
    };
    return made;
  }) as Redis["pipeline"];
}

/** "evalsha session:lock", "get catalog"…: the command and the kind of key it touches. */
function labelOf(name: string, args: Command["args"], prefix: string): string {
  const isScript = name === "evalsha" || name === "eval";
  const key = isScript ? args[2] : args[0];
  const area =
    typeof key === "string" && key.startsWith(prefix)
      ? (key.slice(prefix.length).split(":")[0] ?? "")
      : typeof key === "string"
        ? key.split(":")[0]
        : "";
  return `${isScript ? "script" : name} ${area}`.trim();
}

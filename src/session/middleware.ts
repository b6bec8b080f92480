// ctx.session backed by Redis and guarded by the per-chat lock: one round trip loads the session while
// taking the lock, one stores it while releasing it. Install it before Scenes.Stage, which keeps the
// scene state in ctx.session.__scenes.
//
// The composition root's ioredis client must fail fast rather than queue commands forever, or a Redis
// outage would freeze every chat: `enableOfflineQueue: false` (await the client's connect/ready before
// launching the bot), `maxRetriesPerRequest: 1`, `commandTimeout` of about 2000 ms (well below lockTtlMs),
// and no `keyPrefix` (pass the prefix here instead; a client keyPrefix would be applied twice).
// `enableAutoPipelining: true` is optional and cuts socket writes when many chats are busy at once.
import type { Redis } from "ioredis";
import type { Context, MiddlewareFn } from "telegraf";
import type { Logger } from "../observability/logger.js";
import { chatKey } from "./chat-key.js";
import { ChatLock, type HeldChatLock, type RoundTrip, type UpdateCount } from "./chat-lock.js";

export type { RoundTrip };

export interface SessionMiddlewareOptions<S extends object> {
  redis: Redis;
  /** namespace for every key, e.g. "bot:"; keys are `${prefix}session:${chat}` and `${prefix}lock:${chat}` */
  prefix: string;
  /** a chat's session is forgotten after this long without an update */
  ttlSeconds: number;
  /** expiry of a lock whose holder died; a live holder keeps extending it (default 10 s) */
  lockTtlMs?: number;
  /** wait for a busy chat before ChatBusyError; longer than lockTtlMs so a dead holder is outwaited (default 15 s) */
  lockWaitMs?: number;
  /** stop extending the lock of a handler still running after this long (default 90 s, telegraf's handlerTimeout) */
  maxHoldMs?: number;
  logger: Logger;
  /** validates a stored session (e.g. a zod safeParse); undefined starts the chat afresh */
  parse?: (raw: unknown, chatKey: string) => S | undefined;
  /**
   * What is stored for a session (default: the session itself), as JSON.stringify will write it; e.g.
   * with its personal part encrypted. `parse` receives it back as stored.
   */
  serialize?: (session: S, chatKey: string) => unknown;
  /** called once per Redis round trip, for the benchmark's per-update budget */
  onRoundTrip?: (op: RoundTrip) => void;
  /**
   * A per-sender limit counted in the lock's own round trip; past it the update is refused with
   * UpdateOverLimitError before the chat is locked (see flood/flood-gate.ts).
   */
  countUpdate?: (ctx: Context) => UpdateCount | undefined;
}

export const DEFAULT_LOCK_TTL_MS = 10_000;
export const DEFAULT_LOCK_WAIT_MS = 15_000;
export const DEFAULT_MAX_HOLD_MS = 90_000;

/**
 * Updates with neither chat nor sender pass through without `ctx.session` (so the stage skips them).
 * Throws ChatBusyError when the chat stays locked past lockWaitMs and SessionUnavailableError when Redis
 * does not answer. A handler's error is rethrown after the session is saved: what the conversation
 * reached before the failure is kept, so the patient can carry on from there.
 */
export function createSessionMiddleware<S extends object>(
  opts: SessionMiddlewareOptions<S>,
): MiddlewareFn<Context & { session: S }> {
  const logger = opts.logger.child({ component: "session" });
  const parse = opts.parse ?? asPlainObject<S>;
  const lock = new ChatLock({
    redis: opts.redis,
    prefix: opts.prefix,
    // SET EX and PX take whole numbers; a fractional setting would fail every update as "unavailable".
    sessionTtlSeconds: Math.max(1, Math.ceil(opts.ttlSeconds)),
    lockTtlMs: Math.max(1, Math.ceil(opts.lockTtlMs ?? DEFAULT_LOCK_TTL_MS)),
    lockWaitMs: opts.lockWaitMs ?? DEFAULT_LOCK_WAIT_MS,
    maxHoldMs: opts.maxHoldMs ?? DEFAULT_MAX_HOLD_MS,
    logger,
    onRoundTrip: opts.onRoundTrip,
  });

  return async (ctx, next) => {
    const key = chatKey(ctx);
    if (key === undefined) return next();
    const held = await lock.acquire(key, opts.countUpdate?.(ctx));
    let session: S | undefined = decode(held.sessionJson, parse, logger, key) ?? freshSession<S>();
    // An accessor, as telegraf's own session middleware does, so `ctx.session = {}` replaces what is saved.
    Object.defineProperty(ctx, "session", {
      configurable: true,
      enumerable: true,
      get: () => session,
      set: (value: S | undefined) => {
        session = value;
      },
    });

    let failure: { error: unknown } | undefined;
    try {
      await next();
    } catch (error) {
      failure = { error };
    }
    try {
      await held.saveAndUnlock(encode(session, opts.serialize, held, logger, key));
    } catch (saveError) {
      if (!failure) throw saveError;
      logger.error({ chat: key, err: saveError }, "session not saved after the handler failed");
    }
    if (failure) throw failure.error;
  };
}

function decode<S>(
  json: string | null,
  parse: (raw: unknown, chatKey: string) => S | undefined,
  logger: Logger,
  key: string,
): S | undefined {
  if (json === null) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    logger.warn({ chat: key }, "stored session is not JSON; starting afresh");
    return undefined;
  }
  let session: S | undefined;
  try {
    session = parse(raw, key);
  } catch (err) {
    // A throwing parser (zod's parse instead of safeParse) must not leave the chat locked.
    logger.warn({ chat: key, err }, "session parser threw");
  }
  if (session === undefined) logger.warn({ chat: key }, "stored session did not parse; starting afresh");
  return session;
}

/** null (delete) for an empty session; the stored JSON again when this one cannot be serialised. */
function encode<S extends object>(
  session: S | undefined,
  serialize: ((session: S, chatKey: string) => unknown) | undefined,
  held: HeldChatLock,
  logger: Logger,
  key: string,
): string | null {
  if (session == null || Object.keys(session).length === 0) return null;
  try {
    return JSON.stringify(serialize ? serialize(session, key) : session);
  } catch (err) {
    // A handler put something unserialisable in the session (a cycle, a BigInt): keep the previous state
    // rather than lose the lock release along with it.
    logger.error({ chat: key, err }, "session could not be serialised; keeping the stored one");
    return held.sessionJson;
  }
}

// Without a parser only the shape "a JSON object" can be checked; the caller vouches for the rest.
function asPlainObject<S>(raw: unknown): S | undefined {
  return typeof raw === "object" && raw !== null && !Array.isArray(raw) ? (raw as S) : undefined;
}

// A chat without history starts from {}, so every field of S must be optional (BotSession's are).
function freshSession<S>(): S {
  return {} as S;
}

// Per-user flood control shared by every process through Redis: past `points` updates in one window, a
// user's updates are dropped until the window ends. The user hears about it once per window, not once
// per dropped update. Install it before the session middleware, so a flood neither queues behind the
// chat lock nor costs the session's two round trips.
import type { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import type { Context, MiddlewareFn } from "telegraf";
import type { Logger } from "../observability/logger.js";

export interface FloodNotice {
  /** true for the first dropped update of the window: the one that should get a reply */
  firstNotice: boolean;
  /** until the window ends and the user is heard again */
  retryAfterMs: number;
}

export interface FloodControlOptions {
  redis: Redis;
  /** namespace for every key; the counters live at `${prefix}flood:${userId}` */
  prefix: string;
  /** updates allowed per user per window, e.g. 20 */
  points: number;
  /** the window, e.g. 10 */
  durationSeconds: number;
  logger: Logger;
  /** told about every dropped update; send a notice only when `firstNotice` */
  onLimited: (ctx: Context, notice: FloodNotice) => unknown;
}

type Verdict = { allowed: true } | ({ allowed: false } & FloodNotice);

/**
 * One Redis round trip per update (one script: create-window-if-new, increment, read TTL). Updates of a
 * user already over the limit cost none in this process: the limiter remembers the block in memory
 * until the window ends. When Redis is unreachable an in-memory limiter with the same rule takes over,
 * per process, so the effective limit is then points × processes.
 */
export function createFloodControl(opts: FloodControlOptions): MiddlewareFn<Context> {
  const logger = opts.logger.child({ component: "flood" });
  const keyPrefix = `${opts.prefix}flood`;
  const limiter = new RateLimiterRedis({
    storeClient: opts.redis,
    keyPrefix,
    points: opts.points,
    duration: opts.durationSeconds,
    // Without this a down Redis would make each update wait for the client's retry/timeout first.
    rejectIfRedisNotReady: true,
    inMemoryBlockOnConsumed: opts.points + 1,
    insuranceLimiter: new RateLimiterMemory({
      keyPrefix,
      points: opts.points,
      duration: opts.durationSeconds,
    }),
  });

  async function consume(userId: string): Promise<Verdict> {
    try {
      await limiter.consume(userId);
      return { allowed: true };
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) {
        // Counters rise by one per update, so exactly one update per window sees points + 1.
        const firstNotice = rejection.consumedPoints === opts.points + 1;
        return { allowed: false, firstNotice, retryAfterMs: rejection.msBeforeNext };
      }
      // Both limiters failing is a bug, not a flood: let the patient through rather than go silent.
      logger.error({ err: rejection }, "flood control failed; letting the update through");
      return { allowed: true };
    }
  }

  return async (ctx, next) => {
    const userId = ctx.from?.id;
    if (userId === undefined) return next();
    const verdict = await consume(String(userId));
    if (verdict.allowed) return next();

    const { firstNotice, retryAfterMs } = verdict;
    if (firstNotice) logger.info({ user: userId, retryAfterMs }, "user is flooding; dropping updates");
    if (ctx.callbackQuery) {
      // Answered even when dropped, or the pressed button keeps its spinner for ever.
      await ctx.answerCbQuery().catch((err: unknown) => logger.debug({ err }, "could not answer callback"));
    }
    try {
      await opts.onLimited(ctx, { firstNotice, retryAfterMs });
    } catch (err) {
      logger.warn({ err }, "flood notice failed");
    }
  };
}

// The hospital calls all watch polls may make, shared by every process: a per-minute budget in Redis
// (rate-limiter-flexible), handed out longest-waiting target first, and a global pause that any process
// sets when the hospital's refusals look like rate limiting, so that every replica backs off at once.
import type { Redis } from "ioredis";
import { RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";

export interface PollBudget {
  /** calls granted, or how long to wait (real ms) before asking again */
  take(
    tid: string,
    calls: number,
    waitingSince: number,
  ): Promise<{ granted: true } | { granted: false; retryMs: number }>;
  /** a call outside the line (an offer's slot times): taken only if the minute has one to spare */
  trySpend(calls: number): Promise<boolean>;
  /** forget a target's place in the line (it was dropped) */
  leave(tid: string): Promise<void>;
  /** ms left of a global pause; 0 when polling may go on */
  pausedFor(): Promise<number>;
  pause(ms: number): Promise<void>;
}

const STALE_WAITER_MS = 15 * 60_000;

export function createPollBudget(opts: {
  redis: Redis;
  prefix: string;
  perMinute: number;
  now: () => Date;
}): PollBudget {
  const { redis } = opts;
  const limiter = new RateLimiterRedis({
    storeClient: redis,
    keyPrefix: `${opts.prefix}watch-budget`,
    points: opts.perMinute,
    duration: 60,
  });
  const waitingKey = `${opts.prefix}watch:waiting`;
  const pauseKey = `${opts.prefix}watch:paused`;
  const BUCKET = "all";

  return {
    async take(tid, calls, waitingSince) {
      const now = opts.now().getTime();
      await redis
        .multi()
        .zadd(waitingKey, "NX", waitingSince, tid)
        .zremrangebyscore(waitingKey, "-inf", now - STALE_WAITER_MS)
        .exec();
      const [rank, state] = await Promise.all([redis.zrank(waitingKey, tid), limiter.get(BUCKET)]);
      const remaining = opts.perMinute - (state?.consumedPoints ?? 0);
      // the targets waiting longer each get a call of what is left before this one may take any
      if ((rank !== null && rank >= remaining) || remaining < Math.min(calls, opts.perMinute)) {
        return { granted: false, retryMs: Math.max(250, state?.msBeforeNext ?? 1_000) };
      }
      try {
        await limiter.consume(BUCKET, Math.min(calls, opts.perMinute));
      } catch (e) {
        if (e instanceof RateLimiterRes) return { granted: false, retryMs: Math.max(250, e.msBeforeNext) };
        throw e;
      }
      await redis.zrem(waitingKey, tid);
      return { granted: true };
    },
    async trySpend(calls) {
      const state = await limiter.get(BUCKET);
      if (opts.perMinute - (state?.consumedPoints ?? 0) < calls) return false;
      try {
        await limiter.consume(BUCKET, calls);
        return true;
      } catch (e) {
        if (e instanceof RateLimiterRes) return false;
        throw e;
      }
    },
    async leave(tid) {
      await redis.zrem(waitingKey, tid);
    },
    async pausedFor() {
      const ms = await redis.pttl(pauseKey);
      return Math.max(ms, 0);
    },
    async pause(ms) {
      // the longest pause asked for wins: a shorter one never cuts it short
      const left = await redis.pttl(pauseKey);
      if (left < ms) await redis.set(pauseKey, "1", "PX", Math.max(1, Math.round(ms)));
    },
  };
}

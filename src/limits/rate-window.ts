// Rate limits as counters in windows (rate-limiter-flexible): a call within the window costs one counter
// increment and no timer of its own; only a call over it waits, until the window turns. Shared by the
// hospital's quota and the outgoing Telegram limits.
import { RateLimiterMemory, RateLimiterQueue } from "rate-limiter-flexible";

/** `burst` calls at once (at least `perSecond`), then `perSecond` on average. */
export function windowLimiter(perSecond: number, burst: number = perSecond): RateLimiterMemory {
  const points = Math.max(1, Math.round(burst), Math.round(perSecond));
  return new RateLimiterMemory({ points, duration: Math.max(1, Math.ceil(points / perSecond)) });
}

/** One FIFO queue in front of a window: `await queue.removeTokens(1)` waits for the call's turn. */
export function windowQueue(perSecond: number): RateLimiterQueue {
  return new RateLimiterQueue(windowLimiter(perSecond), { maxQueueSize: 100_000 });
}

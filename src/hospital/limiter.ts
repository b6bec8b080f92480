// One limiter for every call to the hospital, whichever endpoint: the platform's quota is per app, so
// separate limiters per endpoint would together exceed it. A call needs a free slot (maxConcurrent) and
// a token of the second it goes out in (maxPerSecond). Both are counters: a call that fits costs no
// timer, which matters when every patient taps at once (Bottleneck, used before, cost ~0.2 ms a call).
import pLimit from "p-limit";
import { windowQueue } from "../limits/rate-window.js";

export interface Limiter {
  schedule<T>(task: () => Promise<T>): Promise<T>;
  /** calls running right now (for tests and metrics) */
  running(): number;
  /** calls still waiting for their turn are refused; calls running finish */
  stop(): void;
}

export class LimiterStoppedError extends Error {
  override readonly name = "LimiterStoppedError";
}

export function createLimiter(opts: { maxConcurrent: number; maxPerSecond: number }): Limiter {
  const slots = pLimit(opts.maxConcurrent);
  // A window of maxPerSecond tokens rather than one call every 1/maxPerSecond lets a burst of patients
  // go out at once, up to the quota, instead of being spaced out one by one.
  const quota = windowQueue(opts.maxPerSecond);
  let active = 0;
  let stopped = false;
  return {
    schedule<T>(task: () => Promise<T>): Promise<T> {
      return slots(async () => {
        if (stopped) throw new LimiterStoppedError("the hospital client is closed");
        await quota.removeTokens(1);
        active++;
        try {
          return await task();
        } finally {
          active--;
        }
      });
    },
    running: () => active,
    stop() {
      stopped = true;
    },
  };
}

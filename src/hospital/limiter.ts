// One limiter for every call to the hospital, whichever endpoint: the platform's quota is per app, so
// separate limiters per endpoint would together exceed it.
import Bottleneck from "bottleneck";

export interface Limiter {
  schedule<T>(task: () => Promise<T>): Promise<T>;
  /** calls running right now (for tests and metrics) */
  running(): number;
  stop(): void;
}

export function createLimiter(opts: { maxConcurrent: number; maxPerSecond: number }): Limiter {
  // A reservoir rather than minTime lets a burst of users go out at once, up to the per-second quota,
  // instead of being spaced out one by one.
  const bottleneck = new Bottleneck({
    maxConcurrent: opts.maxConcurrent,
    reservoir: opts.maxPerSecond,
    reservoirRefreshAmount: opts.maxPerSecond,
    reservoirRefreshInterval: 1000,
  });
  let active = 0;
  return {
    schedule<T>(task: () => Promise<T>): Promise<T> {
      return bottleneck.schedule(async () => {
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
      void bottleneck.stop({ dropWaitingJobs: true }).catch(() => {});
      void bottleneck.disconnect().catch(() => {});
    },
  };
}

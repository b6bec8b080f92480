// Waiting, in one place: the pause between retries and polls, and the jitter that keeps processes
// retrying the same thing from doing it in step.

/** Resolves after `ms`, or at once when `signal` aborts (it never rejects: a stop is not a failure). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });
}

/** Equal jitter: half of `ms` fixed, half random, so waits stay bounded below yet spread out. */
export function spreadEqually(ms: number): number {
  return ms / 2 + Math.random() * (ms / 2);
}

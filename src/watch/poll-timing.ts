// When a target is polled next: every interval (jittered ±20% so targets set at the same moment do not
// poll in step), faster around the hospital's daily release, and exponentially slower while its polls
// fail. Pure, so the pace a hospital sees can be tested without a clock.
import { addDaysIso, chinaToday, chinaWallClockToInstant } from "../time/china-time.js";

export interface PollPace {
  intervalMs: number;
  releaseIntervalMs: number;
  releaseWindowMs: number;
  /** the most a failing target waits between polls */
  maxBackoffMs?: number;
}

export const JITTER = 0.2;
const DEFAULT_MAX_BACKOFF_MS = 30 * 60_000;

const jittered = (ms: number, random: () => number) => Math.round(ms * (1 - JITTER + 2 * JITTER * random()));

/** The release windows (start, end) of today and tomorrow, China time; the burst starts one release interval early. */
export function releaseWindows(
  now: number,
  open: { hour: number; minute: number },
  pace: PollPace,
): Array<[number, number]> {
  const today = chinaToday(new Date(now));
  const hhmm = `${String(open.hour).padStart(2, "0")}:${String(open.minute).padStart(2, "0")}:00`;
  return [today, addDaysIso(today, 1)].map((day) => {
    const at = chinaWallClockToInstant(`${day} ${hhmm}`).getTime();
    return [at - pace.releaseIntervalMs, at + pace.releaseWindowMs];
  });
}

export function nextPollAt(opts: {
  now: number;
  pace: PollPace;
  /** the hospital's daily release time, when known */
  open?: { hour: number; minute: number };
  /** polls failed in a row */
  failures: number;
  random?: () => number;
}): number {
  const { now, pace } = opts;
  const random = opts.random ?? Math.random;
  if (opts.failures > 0) {
    const max = Math.max(pace.intervalMs, pace.maxBackoffMs ?? DEFAULT_MAX_BACKOFF_MS);
    const backoff = Math.min(max, pace.intervalMs * 2 ** Math.min(opts.failures, 20));
    return now + jittered(backoff, random);
  }
  const windows = opts.open && pace.releaseWindowMs > 0 ? releaseWindows(now, opts.open, pace) : [];
  if (windows.some(([start, end]) => now >= start && now < end)) {
    return now + Math.max(1_000, jittered(pace.releaseIntervalMs, random));
  }
  let next = now + jittered(pace.intervalMs, random);
  for (const [start] of windows) if (start > now && start < next) next = start;
  return next;
}

// The clock the stories run on.
import { chinaToday, chinaWallClockToInstant } from "../../src/time/china-time.js";

/**
 * Today in China at 09:00, moving on with the real clock. Stories that book the first free slot must
 * not depend on the hour they run at: late in the afternoon today's last slots are gone.
 */
export function morningClock(): () => Date {
  const started = Date.now();
  const morning = chinaWallClockToInstant(`${chinaToday(new Date(started))} 09:00:00`).getTime();
  return () => new Date(morning + (Date.now() - started));
}

export interface ManualClock {
  now: () => Date;
  /** jumps the clock forward */
  advance(ms: number): void;
  /** jumps the clock to this instant (forward only: nothing in the bot expects time to run back) */
  setTo(at: Date): void;
}

/** Starts at `start` and runs on with the real clock, plus whatever jumps the story makes. */
export function manualClock(start: Date): ManualClock {
  const started = Date.now();
  let offset = start.getTime() - started;
  const now = () => new Date(Date.now() + offset);
  return {
    now,
    advance(ms) {
      offset += ms;
    },
    setTo(at) {
      const ms = at.getTime() - now().getTime();
      if (ms < 0) throw new Error("the clock only moves forward");
      offset += ms;
    },
  };
}

/** 09:00 China time today, running on with the real clock plus the story's jumps. */
export function morningManualClock(): ManualClock {
  return manualClock(chinaWallClockToInstant(`${chinaToday(new Date())} 09:00:00`));
}

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

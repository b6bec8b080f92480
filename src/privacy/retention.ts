// Retention: booking records go RETENTION_DAYS_AFTER_VISIT days after the visit, saved patients
// SAVED_PATIENT_IDLE_DAYS after they were last used. One sweep a day at 03:30 China time, as a BullMQ job
// whose id is the day: every replica schedules it, exactly one runs it, and the run schedules the next
// day's. The sweep reads only what is in the clear (visit days, last-use dates), so it works whatever
// the key, and deleting twice is harmless.
import { z } from "zod";
import type { BookingRecords } from "../bookings/records-store.js";
import { defineJobKind, type Jobs } from "../jobs/jobs.js";
import type { Logger } from "../observability/logger.js";
import type { SavedPatients } from "../patients/saved-patients.js";
import { addDaysIso, chinaToday, chinaWallClockToInstant } from "../time/china-time.js";

export const retentionSweepJob = defineJobKind({
  queue: "retention",
  schema: z.object({ day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }),
  concurrency: 1,
});

const SWEEP_AT = "03:30:00";
const DAY_MS = 86_400_000;

export interface RetentionOptions {
  jobs: Jobs;
  bookings: BookingRecords;
  patients: SavedPatients;
  now: () => Date;
  logger: Logger;
  bookingDaysAfterVisit: number;
  savedPatientIdleDays: number;
}

export interface Retention {
  /** removes what is past its time now; returns how many of each */
  sweep(): Promise<{ bookings: number; patients: number }>;
  /** registers the job's handler (before jobs.start) and schedules the next sweep */
  install(): Promise<void>;
}

export function createRetention(opts: RetentionOptions): Retention {
  const sweepAt = (day: string) => chinaWallClockToInstant(`${day} ${SWEEP_AT}`);
  const schedule = (day: string) =>
    opts.jobs.add(retentionSweepJob, { day }, { id: `retention-${day}`, runAt: sweepAt(day) });

  async function sweep() {
    const now = opts.now();
    const bookings = await opts.bookings.removeVisitsBefore(
      addDaysIso(chinaToday(now), -opts.bookingDaysAfterVisit),
    );
    const patients = await opts.patients.removeIdleSince(
      new Date(now.getTime() - opts.savedPatientIdleDays * DAY_MS),
    );
    if (bookings + patients > 0)
      opts.logger.info({ bookings, patients }, "retention: removed expired records");
    return { bookings, patients };
  }

  return {
    sweep,
    async install() {
      opts.jobs.handle(retentionSweepJob, async ({ day }) => {
        await sweep();
        await schedule(addDaysIso(day, 1));
      });
      const today = chinaToday(opts.now());
      await schedule(opts.now() < sweepAt(today) ? today : addDaysIso(today, 1));
    },
  };
}

// The watch engine's job kinds on BullMQ (src/jobs/jobs.ts): a target's polls, the end of an offer's
// hold, and the sweep that restarts polls a crash left unscheduled.
import { z } from "zod";
import { defineJobKind } from "../jobs/jobs.js";

export const pollJob = defineJobKind({
  queue: "watch-poll",
  schema: z.object({ tid: z.string(), at: z.number() }),
  concurrency: 4,
  attempts: 1,
  // the sched key, not the job's record, decides which poll may run: no "done" records to pile up
  keepCompletedSeconds: 0,
});
export const holdJob = defineJobKind({
  queue: "watch-hold",
  schema: z.object({ tid: z.string() }),
  concurrency: 4,
  attempts: 3,
  keepCompletedSeconds: 0,
});
export const sweepJob = defineJobKind({
  queue: "watch-sweep",
  schema: z.object({ bucket: z.number() }),
  concurrency: 1,
  attempts: 1,
});
/** A freed place offered to a watch that books by itself: one placement, never retried by the queue. */
export const autoBookJob = defineJobKind({
  queue: "watch-autobook",
  schema: z.object({ userId: z.number().int(), offerId: z.string() }),
  concurrency: 2,
  attempts: 1,
  keepCompletedSeconds: 0,
});

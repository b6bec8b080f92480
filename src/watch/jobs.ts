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

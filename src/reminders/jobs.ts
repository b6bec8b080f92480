// The aftercare's job kinds and their ids. An id is derived from what makes a job unique (the user, the
// booking, the offset or the instant), so every process that schedules the same thing adds the same job
// and BullMQ keeps one. Every id is also recorded in the user's jobs set, which is how cancelling a
// booking or erasing a user finds exactly their jobs.
import { createHash } from "node:crypto";
import { z } from "zod";
import { defineJobKind, type JobKind, type Jobs } from "../jobs/jobs.js";
import type { JobRef, Tracked, TrackedStore } from "./tracked-store.js";

const userBooking = { userId: z.number().int(), bookingId: z.string().min(1) };
export const reminderJob = defineJobKind({
  queue: "aftercare-reminder",
  schema: z.object({ ...userBooking, offsetMinutes: z.number().int() }),
});
export const stopCheckJob = defineJobKind({
  queue: "aftercare-stopcheck",
  schema: z.object({ ...userBooking, confirm: z.boolean() }),
});
export const sweepJob = defineJobKind({ queue: "aftercare-sweep", schema: z.object({}), concurrency: 1 });

export type ReminderJob = z.infer<typeof reminderJob.schema>;
export type StopCheckJob = z.infer<typeof stopCheckJob.schema>;

const KINDS = new Map<string, JobKind<unknown>>(
  [reminderJob, stopCheckJob, sweepJob].map((k) => [k.queue, k as JobKind<unknown>]),
);

/**
 * Hashed so that the ids, which BullMQ also writes into key names and its event stream, carry no user
 * id or order number: erasing a user leaves nothing behind that names them.
 */
function jobId(kind: string, ...parts: Array<string | number>): string {
  return `${kind}.${createHash("sha256").update(parts.join("|")).digest("base64url").slice(0, 24)}`;
}

const minuteOf = (d: Date) => Math.floor(d.getTime() / 60_000);

/** A job the aftercare plans for a booking. */
export type PlannedJob =
  | { type: "reminder"; offsetMinutes: number; at: Date }
  | { type: "check"; at: Date; confirm: boolean };

export interface AftercareJobs {
  /**
   * Records a booking's entry with the ids of its planned jobs (one round trip on the bot's Redis),
   * then adds the jobs (in parallel, on the job engine's connection).
   */
  schedule(userId: number, entry: Tracked, keepUntil: Date, planned: PlannedJob[]): Promise<void>;
  /** a regular check, or the confirming second look when `confirm` */
  addCheck(userId: number, bookingId: string, at: Date, confirm: boolean): Promise<void>;
  /** one sweep per hour across all processes */
  addSweep(at: Date): Promise<void>;
  /** removes the jobs, whatever state they are in except running */
  remove(refs: JobRef[]): Promise<void>;
}

export const SWEEP_EVERY_MS = 3_600_000;

export function createAftercareJobs(jobs: Jobs, store: TrackedStore): AftercareJobs {
  async function add<T>(kind: JobKind<T>, userId: number, bookingId: string, data: T, id: string, at: Date) {
    await store.addJob(userId, { queue: kind.queue, id, bookingId });
    await jobs.add(kind, data, { id, runAt: at });
  }
  return {
    async schedule(userId, entry, keepUntil, planned) {
      const { bookingId } = entry;
      const jobsOf = planned.map((p) =>
        p.type === "reminder"
          ? {
              kind: reminderJob as JobKind<unknown>,
              id: jobId("rem", userId, bookingId, p.offsetMinutes),
              data: { userId, bookingId, offsetMinutes: p.offsetMinutes },
              at: p.at,
            }
          : {
              kind: stopCheckJob as JobKind<unknown>,
              id: jobId(p.confirm ? "cfm" : "chk", userId, bookingId, minuteOf(p.at)),
              data: { userId, bookingId, confirm: p.confirm },
              at: p.at,
            },
      );
      await store.put(
        userId,
        entry,
        keepUntil,
        jobsOf.map((j) => ({ queue: j.kind.queue, id: j.id, bookingId })),
      );
      await Promise.all(jobsOf.map((j) => jobs.add(j.kind, j.data, { id: j.id, runAt: j.at })));
    },
    addCheck(userId, bookingId, at, confirm) {
      const id = jobId(confirm ? "cfm" : "chk", userId, bookingId, minuteOf(at));
      return add(stopCheckJob, userId, bookingId, { userId, bookingId, confirm }, id, at);
    },
    addSweep(at) {
      return jobs.add(sweepJob, {}, { id: `sweep.${Math.floor(at.getTime() / SWEEP_EVERY_MS)}`, runAt: at });
    },
    async remove(refs) {
      for (const ref of refs) {
        const kind = KINDS.get(ref.queue);
        if (kind) await jobs.remove(kind, ref.id);
      }
    },
  };
}

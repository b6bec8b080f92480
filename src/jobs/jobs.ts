// Background work on BullMQ over the bot's own Redis: every replica runs the workers, so a poll, an
// offer or a reminder is shared by all processes, survives a restart and is taken over when the
// process that held it dies. Time is the app's injected clock: a job carries the instant it is due
// (`runAt`) and BullMQ's delay is only derived from it, so tests move their clock and call
// `promoteDue()` instead of waiting, and production (where the clock is real) behaves the same.
import { type Job, Queue, Worker } from "bullmq";
import { Redis } from "ioredis";
import type { Logger } from "pino";
import { z } from "zod";

/** One kind of job: its queue, the shape of its data (parsed when a worker takes it), its limits. */
export interface JobKind<T> {
  /** the queue's name; no ':' (BullMQ's rule) */
  readonly queue: string;
  readonly schema: z.ZodType<T>;
  /** jobs of this kind a process runs at once */
  readonly concurrency?: number;
  /** attempts before a failing job is given up (exponential backoff between them) */
  readonly attempts?: number;
  /**
   * How long a completed job's id is kept as its "done" marker (default a day). 0 for frequent jobs whose
   * idempotence lies elsewhere: their records would otherwise pile up in Redis.
   */
  readonly keepCompletedSeconds?: number;
}

export function defineJobKind<T>(kind: JobKind<T>): JobKind<T> {
  if (kind.queue.includes(":")) throw new Error(`queue name ${kind.queue} must not contain ':'`);
  return kind;
}

export interface AddOptions {
  /**
   * A stable id makes the job idempotent across processes: adding it again while it waits, is
   * delayed or is running does nothing. No ':' (BullMQ's rule); use '.' or '-' between parts.
   */
  id?: string;
  /** when the job is due, by the app's clock; absent = now */
  runAt?: Date;
}

export type JobHandler<T> = (data: T, meta: { id: string; attempt: number }) => Promise<void>;

export interface Jobs {
  add<T>(kind: JobKind<T>, data: T, opts?: AddOptions): Promise<void>;
  /** removes a waiting or delayed job (a running one finishes); true when one was removed */
  remove<T>(kind: JobKind<T>, id: string): Promise<boolean>;
  /** ids of the jobs of a kind that are waiting or delayed, with their data */
  pending<T>(kind: JobKind<T>): Promise<Array<{ id: string; data: T; runAt: Date }>>;
  /** registers this process's worker for a kind; workers start with start() */
  handle<T>(kind: JobKind<T>, handler: JobHandler<T>): void;
  start(): Promise<void>;
  /**
   * Moves every delayed job whose runAt has come, by the app's clock, to the waiting list. In
   * production BullMQ's own delay does this; tests that move their clock call it.
   */
  promoteDue(): Promise<number>;
  /** resolves when no job of the kinds this process handles is waiting, delayed-and-due or active */
  idle(timeoutMs?: number): Promise<void>;
  /** force: stop at once, abandoning running jobs (as a killed process would; another takes them over) */
  close(opts?: { force?: boolean }): Promise<void>;
}

export interface JobsOptions {
  redisUrl: string;
  /** the bot's key prefix ("hbot:"); BullMQ's keys live under `${prefix}bull:` */
  prefix: string;
  logger: Logger;
  now: () => Date;
  /**
   * How long a running job's lock lasts without renewal (BullMQ's lockDuration, default 30 s): a job
   * whose process died is taken over by another after about this long. Tests shorten it.
   */
  lockMs?: number;
}

const runAtSchema = z.object({ runAt: z.number() });

export function bullPrefix(prefix: string): string {
  return `${prefix}bull`;
}

export function createJobs(opts: JobsOptions): Jobs {
  // BullMQ needs maxRetriesPerRequest null; its blocking worker connections are its own duplicates
  const connection = new Redis(opts.redisUrl, { maxRetriesPerRequest: null, lazyConnect: true });
  connection.on("error", () => {});
  const queues = new Map<string, Queue>();
  const handlers = new Map<string, { kind: JobKind<unknown>; handler: JobHandler<unknown> }>();
  const workers: Worker[] = [];
  const prefix = bullPrefix(opts.prefix);

  const queueOf = (name: string): Queue => {
    let q = queues.get(name);
    if (!q) {
      q = new Queue(name, { connection, prefix });
      q.on("error", (err) => opts.logger.warn({ err, queue: name }, "job queue error"));
      queues.set(name, q);
    }
    return q;
  };

  return {
    async add(kind, data, addOpts = {}) {
      const parsed = kind.schema.parse(data);
      const runAt = (addOpts.runAt ?? opts.now()).getTime();
      const delay = Math.max(0, runAt - opts.now().getTime());
      await queueOf(kind.queue).add(
        kind.queue,
        { data: parsed, runAt },
        {
          jobId: addOpts.id,
          delay,
          attempts: kind.attempts ?? 3,
          backoff: { type: "exponential", delay: 1_000 },
          // the job id stays as the "done" marker for a day, so a second process adding it is a no-op
          removeOnComplete:
            kind.keepCompletedSeconds === 0 ? true : { age: kind.keepCompletedSeconds ?? 86_400 },
          removeOnFail: { age: 7 * 86_400 },
        },
      );
    },
    async remove(kind, id) {
      const job = await queueOf(kind.queue).getJob(id);
      if (!job) return false;
      const state = await job.getState();
      if (state === "active") return false;
      await job.remove();
      return true;
    },
    async pending(kind) {
      const jobs = await queueOf(kind.queue).getJobs(["waiting", "delayed", "prioritized"]);
      const out: Array<{ id: string; data: z.infer<typeof kind.schema>; runAt: Date }> = [];
      for (const job of jobs) {
        const parsed = parseJob(kind, job);
        if (parsed && job.id) out.push({ id: job.id, data: parsed.data, runAt: new Date(parsed.runAt) });
      }
      return out;
    },
    handle(kind, handler) {
      if (handlers.has(kind.queue)) throw new Error(`a handler for ${kind.queue} is already registered`);
      handlers.set(kind.queue, {
        kind: kind as JobKind<unknown>,
        handler: handler as JobHandler<unknown>,
      });
    },
    async start() {
      await connection.connect().catch(() => {});
      for (const [name, { kind, handler }] of handlers) {
        const worker = new Worker(
          name,
          async (job: Job) => {
            const parsed = parseJob(kind, job);
            if (!parsed) {
              // a job from another version that no longer parses: dropped, not retried forever
              opts.logger.warn({ queue: name, job: job.id }, "job data does not parse; dropped");
              return;
            }
            await handler(parsed.data, { id: job.id ?? "", attempt: job.attemptsMade + 1 });
          },
          {
            connection,
            prefix,
            concurrency: kind.concurrency ?? 4,
            autorun: true,
            ...(opts.lockMs
              ? { lockDuration: opts.lockMs, stalledInterval: Math.max(100, opts.lockMs / 2) }
              : {}),
          },
        );
        worker.on("error", (err) => opts.logger.warn({ err, queue: name }, "job worker error"));
        worker.on("failed", (job, err) => opts.logger.warn({ err, queue: name, job: job?.id }, "job failed"));
        workers.push(worker);
      }
    },
    async promoteDue() {
      const now = opts.now().getTime();
      let promoted = 0;
      for (const name of new Set([...queues.keys(), ...handlers.keys()])) {
        const delayed = await queueOf(name).getDelayed();
        for (const job of delayed) {
          const at = runAtSchema.safeParse(job.data);
          if (at.success && at.data.runAt <= now) {
            await job.promote().catch(() => {});
            promoted++;
          }
        }
      }
      return promoted;
    },
    async idle(timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      const now = () => opts.now().getTime();
      // the queues are read one after another, so a job that adds another (a poll its offer's job) can
      // finish between two reads: idle only when two whole passes in a row found nothing
      let quiet = 0;
      for (;;) {
        let busy = 0;
        for (const name of handlers.keys()) {
          const q = queueOf(name);
          const counts = await q.getJobCounts("waiting", "active", "prioritized");
          busy += (counts.waiting ?? 0) + (counts.active ?? 0) + (counts.prioritized ?? 0);
          for (const job of await q.getDelayed()) {
            const at = runAtSchema.safeParse(job.data);
            if (at.success && at.data.runAt <= now()) busy++;
          }
        }
        quiet = busy === 0 ? quiet + 1 : 0;
        if (quiet >= 2) return;
        if (busy > 0 && Date.now() > deadline) throw new Error(`jobs still busy after ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    async close(closeOpts = {}) {
      await Promise.allSettled(workers.map((w) => w.close(closeOpts.force === true)));
      await Promise.allSettled([...queues.values()].map((q) => q.close()));
      await connection.quit().catch(() => connection.disconnect());
    },
  };
}

function parseJob<T>(kind: JobKind<T>, job: Job): { data: T; runAt: number } | undefined {
  const envelope = z.object({ data: z.unknown(), runAt: z.number() }).safeParse(job.data);
  if (!envelope.success) return undefined;
  const data = kind.schema.safeParse(envelope.data.data);
  return data.success ? { data: data.data, runAt: envelope.data.runAt } : undefined;
}

import type { HandledTracker } from "./handled-tracker.js";

export type RawUpdate = { update_id: number } & Record<string, unknown>;

/**
 * The updates waiting for getUpdates. An update stays until a later getUpdates confirms it with an
 * offset above its id; telegraf asks with that offset only after it has handled the whole batch, so
 * the confirmation is what tells a test the bot has finished.
 */
export class UpdateQueue {
  private pending: RawUpdate[] = [];
  private readonly sleepers = new Set<() => void>();

  constructor(private readonly tracker: HandledTracker) {}

  get size(): number {
    return this.pending.length;
  }

  add(update: RawUpdate): void {
    this.pending.push(update);
    this.wakeAll();
  }

  /** Real long polling: answers at once when something is waiting, else when an update arrives. */
  async poll(offset: number, limit: number, timeoutMs: number, signal: AbortSignal): Promise<RawUpdate[]> {
    const ready = this.take(offset, limit);
    if (ready.length > 0 || timeoutMs <= 0 || signal.aborted) return ready;
    await this.sleep(timeoutMs, signal);
    return this.take(offset, limit);
  }

  /** Hands every waiting update over (to webhook delivery) without confirming any. */
  drain(): RawUpdate[] {
    const all = this.pending;
    this.pending = [];
    return all;
  }

  /** Wakes sleeping long polls so they answer (empty) before the server closes. */
  wakeAll(): void {
    for (const wake of [...this.sleepers]) wake();
  }

  private take(offset: number, limit: number): RawUpdate[] {
    if (offset < 0) {
      // a negative offset forgets everything but the last |offset| updates
      const keep = this.pending.slice(offset);
      for (const dropped of this.pending.slice(0, this.pending.length - keep.length)) {
        this.tracker.fail(
          dropped.update_id,
          new Error(`update ${dropped.update_id} was skipped by a negative offset`),
        );
      }
      this.pending = keep;
    } else {
      while (this.pending[0] !== undefined && this.pending[0].update_id < offset) {
        const confirmed = this.pending.shift();
        if (confirmed !== undefined) this.tracker.done(confirmed.update_id);
      }
    }
    return this.pending.slice(0, limit);
  }

  private sleep(timeoutMs: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        signal.removeEventListener("abort", wake);
        this.sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, timeoutMs);
      signal.addEventListener("abort", wake);
      this.sleepers.add(wake);
    });
  }
}

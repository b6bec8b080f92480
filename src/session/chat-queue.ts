// Updates of one chat that reach the same process (typically in one getUpdates batch) wait here, in
// arrival order, instead of all polling the Redis lock: polling would both reorder them (whoever retries
// first wins) and spend round trips. Only the head of each chat's line talks to Redis.

/** Gives up the place in line; safe to call more than once. */
export type LeaveQueue = () => void;

export class ChatQueue {
  private readonly tails = new Map<string, Promise<void>>();

  /** Resolves when every earlier entrant for this key has left, or with undefined after `timeoutMs`. */
  async enter(key: string, timeoutMs: number): Promise<LeaveQueue | undefined> {
    const previous = this.tails.get(key);
    let leave: LeaveQueue = () => {};
    const mine = new Promise<void>((resolve) => {
      leave = resolve;
    });
    // A successor waits for `previous` too, so leaving early (on timeout) never lets it overtake an entrant
    // that is still running.
    const tail = previous ? previous.then(() => mine) : mine;
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    if (previous && !(await settlesWithin(previous, timeoutMs))) {
      leave();
      return undefined;
    }
    return leave;
  }
}

async function settlesWithin(promise: Promise<void>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(resolve, Math.max(0, ms), false);
  });
  try {
    return await Promise.race([promise.then(() => true as const), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

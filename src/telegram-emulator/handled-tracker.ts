interface Deferred {
  promise: Promise<void>;
  resolve: () => void;
  reject: (error: Error) => void;
}

/** One promise per update, settled when the bot has finished handling it (or never will). */
export class HandledTracker {
  private readonly waiting = new Map<number, Deferred>();

  expect(updateId: number): Promise<void> {
    let resolve: () => void = () => {};
    let reject: (error: Error) => void = () => {};
    const promise = new Promise<void>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    // a turn that already timed out no longer listens; its late failure must not crash the process
    promise.catch(() => {});
    this.waiting.set(updateId, { promise, resolve, reject });
    return promise;
  }

  done(updateId: number): void {
    this.waiting.get(updateId)?.resolve();
    this.waiting.delete(updateId);
  }

  fail(updateId: number, error: Error): void {
    this.waiting.get(updateId)?.reject(error);
    this.waiting.delete(updateId);
  }

  failAll(error: Error): void {
    for (const id of [...this.waiting.keys()]) this.fail(id, error);
  }
}

export async function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

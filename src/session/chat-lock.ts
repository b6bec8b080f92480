// A per-chat mutex shared by every process on one Redis, fused with the session read and write it
// protects: taking the lock returns the session, releasing it stores the session. In front of Redis sits
// an in-process FIFO, so same-chat updates within one process queue in arrival order without polling.

import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import type { Logger } from "../observability/logger.js";
import { blockedChatKey } from "../telegram/blocked-chats.js";
import { sleep, spreadEqually } from "../time/wait.js";
import { ChatQueue, type LeaveQueue } from "./chat-queue.js";
import { ChatBusyError, SessionUnavailableError, UpdateOverLimitError } from "./errors.js";
import { defineSessionScripts } from "./scripts.js";

/** Each Redis round trip the session layer makes, for counting against the per-update budget. */
export type RoundTrip = "lock-and-load" | "extend" | "save-and-unlock";

export interface ChatLockOptions {
  redis: Redis;
  prefix: string;
  sessionTtlSeconds: number;
  /** how long a lock outlives a process that died holding it */
  lockTtlMs: number;
  /** how long an update waits for its chat (queue and Redis together) before ChatBusyError */
  lockWaitMs: number;
  /** the longest a handler may keep its chat: a hung handler must not lock the chat for ever */
  maxHoldMs: number;
  logger: Logger;
  onRoundTrip?: (op: RoundTrip) => void;
}

export interface HeldChatLock {
  /** the stored session as JSON, or null when the chat has none */
  readonly sessionJson: string | null;
  /**
   * Stores the session (null deletes it), restarts its TTL and releases the lock. Resolves false, having
   * written nothing, when the lock expired meanwhile and may belong to another process.
   */
  saveAndUnlock(sessionJson: string | null): Promise<boolean>;
}

/** A per-sender limit to count the update against while taking the lock (see flood/flood-gate.ts). */
export interface UpdateCount {
  /** the sender's counter, e.g. `${prefix}flood:${userId}` */
  key: string;
  points: number;
  windowMs: number;
}

export function chatLockKeys(
  prefix: string,
  chatKey: string,
): { lockKey: string; sessionKey: string; blockedKey: string } {
  return {
    lockKey: `${prefix}lock:${chatKey}`,
    sessionKey: `${prefix}session:${chatKey}`,
    blockedKey: blockedChatKey(prefix, chatKey),
  };
}

const FIRST_RETRY_MS = 5;
const MAX_RETRY_MS = 100;

export class ChatLock {
  private readonly queue = new ChatQueue();

  constructor(private readonly opts: ChatLockOptions) {
    defineSessionScripts(opts.redis);
  }

  /** With `count`, throws UpdateOverLimitError (holding nothing) when the sender is past the limit. */
  async acquire(chatKey: string, count?: UpdateCount): Promise<HeldChatLock> {
    const started = Date.now();
    const leaveQueue = await this.queue.enter(chatKey, this.opts.lockWaitMs);
    if (!leaveQueue) throw new ChatBusyError(chatKey, Date.now() - started);
    try {
      const token = randomUUID();
      // counted once: a retry for a busy lock is the same update
      let uncounted = count;
      for (let delay = FIRST_RETRY_MS; ; delay = Math.min(delay * 2, MAX_RETRY_MS)) {
        const loaded = await this.lockAndLoad(chatKey, token, uncounted);
        uncounted = undefined;
        if (loaded.acquired) return new HeldLock(this.opts, chatKey, token, loaded.sessionJson, leaveQueue);
        const remaining = started + this.opts.lockWaitMs - Date.now();
        if (remaining <= 0) throw new ChatBusyError(chatKey, Date.now() - started);
        // jittered, so same-chat waiters in different processes spread out
        await sleep(Math.min(remaining, spreadEqually(delay)));
      }
    } catch (err) {
      leaveQueue();
      throw err;
    }
  }

  private async lockAndLoad(
    chatKey: string,
    token: string,
    count: UpdateCount | undefined,
  ): Promise<{ acquired: boolean; sessionJson: string | null }> {
    const { lockKey, sessionKey } = chatLockKeys(this.opts.prefix, chatKey);
    this.opts.onRoundTrip?.("lock-and-load");
    let reply: [number, string | null, number?, number?];
    try {
      reply = count
        ? await this.opts.redis.sessionCountLockAndLoad(
            lockKey,
            sessionKey,
            count.key,
            token,
            this.opts.lockTtlMs,
            count.points,
            count.windowMs,
          )
        : await this.opts.redis.sessionLockAndLoad(lockKey, sessionKey, token, this.opts.lockTtlMs);
    } catch (err) {
      // A timed-out script may still run once a hung Redis wakes, leaving a lock nobody holds for
      // lockTtlMs; the release travels behind it on the same connection and undoes it.
      this.opts.redis.sessionReleaseLock(lockKey, token).catch(() => {});
      throw new SessionUnavailableError(chatKey, "lock-and-load", { cause: err });
    }
    const [status, sessionJson, seen = 0, left = 0] = reply;
    if (status === 2) throw new UpdateOverLimitError(seen, Math.max(0, left));
    return { acquired: status === 1, sessionJson };
  }
}

/** A lock we hold: kept alive on a timer while the handler runs, so a slow order POST does not lose it. */
class HeldLock implements HeldChatLock {
  private released = false;
  private readonly heartbeat: NodeJS.Timeout;
  private readonly heldSince = Date.now();
  private readonly keys: ReturnType<typeof chatLockKeys>;

  constructor(
    private readonly opts: ChatLockOptions,
    private readonly chatKey: string,
    private readonly token: string,
    readonly sessionJson: string | null,
    private readonly leaveQueue: LeaveQueue,
  ) {
    this.keys = chatLockKeys(opts.prefix, chatKey);
    // A third of the TTL leaves room for two missed beats (a slow Redis, a busy event loop) before expiry.
    this.heartbeat = setInterval(() => void this.extend(), Math.max(1, Math.floor(opts.lockTtlMs / 3)));
    this.heartbeat.unref();
  }

  async saveAndUnlock(sessionJson: string | null): Promise<boolean> {
    if (this.released) return false;
    this.released = true;
    clearInterval(this.heartbeat);
    this.opts.onRoundTrip?.("save-and-unlock");
    try {
      const saved = await this.opts.redis.sessionSaveAndUnlock(
        this.keys.lockKey,
        this.keys.sessionKey,
        this.keys.blockedKey,
        this.token,
        sessionJson ?? "",
        this.opts.sessionTtlSeconds,
      );
      if (saved !== 1) {
        this.opts.logger.warn(
          { chat: this.chatKey },
          "chat lock expired before the session was saved; this update's session changes were dropped",
        );
      }
      return saved === 1;
    } catch (err) {
      throw new SessionUnavailableError(this.chatKey, "save-and-unlock", { cause: err });
    } finally {
      this.leaveQueue();
    }
  }

  private async extend(): Promise<void> {
    if (Date.now() - this.heldSince >= this.opts.maxHoldMs) {
      clearInterval(this.heartbeat);
      this.opts.logger.warn(
        { chat: this.chatKey, maxHoldMs: this.opts.maxHoldMs },
        "handler kept its chat too long; letting the chat lock expire",
      );
      return;
    }
    this.opts.onRoundTrip?.("extend");
    try {
      const kept = await this.opts.redis.sessionExtendLock(
        this.keys.lockKey,
        this.token,
        this.opts.lockTtlMs,
      );
      if (kept !== 1 && !this.released) {
        clearInterval(this.heartbeat);
        this.opts.logger.warn(
          { chat: this.chatKey },
          "chat lock expired while the handler was still running",
        );
      }
    } catch (err) {
      // The next beat retries; if Redis stays away the save reports it.
      if (!this.released) this.opts.logger.warn({ chat: this.chatKey, err }, "could not extend chat lock");
    }
  }
}

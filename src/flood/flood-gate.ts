// Per-user flood control at no extra Redis cost: past `points` updates in a window a user's updates are
// dropped until the window ends, and they hear about it once. The count is kept in Redis, shared by
// every process, but taken in the session's lock-and-load round trip (UpdateCount), so an update still
// costs the session's two round trips and no third. Once a user is known to be over the limit, this
// process drops their updates from memory, before they queue for the chat or touch Redis at all.
import type { Context, MiddlewareFn } from "telegraf";
import type { Logger } from "../observability/logger.js";
import type { UpdateCount } from "../session/chat-lock.js";
import { UpdateOverLimitError } from "../session/errors.js";

export interface FloodNotice {
  /** true for the first dropped update of the window: the one that should get a reply */
  firstNotice: boolean;
  /** until the window ends and the user is heard again */
  retryAfterMs: number;
}

export interface FloodGateOptions {
  /** namespace for every key; the counters live at `${prefix}flood-count:${userId}` */
  prefix: string;
  /** updates allowed per user per window, e.g. 30 */
  points: number;
  /** the window, e.g. 10 */
  durationSeconds: number;
  logger: Logger;
  /** told about every dropped update; send a notice only when `firstNotice` */
  onLimited: (ctx: Context, notice: FloodNotice) => unknown;
}

export interface FloodGate {
  /** install before the session middleware: it drops known flooders and reports the ones counted */
  middleware: MiddlewareFn<Context>;
  /** hand to the session middleware's `countUpdate` */
  countOf(ctx: Context): UpdateCount | undefined;
}

/** A user's counter (erased by /deletedata with the rest of their data). */
export function floodCountKey(prefix: string, userId: number): string {
  return `${prefix}flood-count:${userId}`;
}

/** Past this many users remembered as blocked, expired entries are swept. */
const SWEEP_AT = 10_000;

export function createFloodGate(opts: FloodGateOptions): FloodGate {
  const logger = opts.logger.child({ component: "flood" });
  const windowMs = opts.durationSeconds * 1000;
  const blockedUntil = new Map<number, number>();

  function block(userId: number, retryAfterMs: number): void {
    const now = Date.now();
    if (blockedUntil.size >= SWEEP_AT) {
      for (const [id, until] of blockedUntil) if (until <= now) blockedUntil.delete(id);
    }
    blockedUntil.set(userId, now + retryAfterMs);
  }

  async function drop(ctx: Context, notice: FloodNotice): Promise<void> {
    if (notice.firstNotice) {
      logger.info(
        { user: ctx.from?.id, retryAfterMs: notice.retryAfterMs },
        "user is flooding; dropping updates",
      );
    }
    if (ctx.callbackQuery) {
      // Answered even when dropped, or the pressed button keeps its spinner for ever.
      await ctx.answerCbQuery().catch((err: unknown) => logger.debug({ err }, "could not answer callback"));
    }
    try {
      await opts.onLimited(ctx, notice);
    } catch (err) {
      logger.warn({ err }, "flood notice failed");
    }
  }

  return {
    async middleware(ctx, next) {
      const userId = ctx.from?.id;
      if (userId === undefined) return next();
      const until = blockedUntil.get(userId);
      if (until !== undefined) {
        const left = until - Date.now();
        if (left > 0) return drop(ctx, { firstNotice: false, retryAfterMs: left });
        blockedUntil.delete(userId);
      }
      try {
        await next();
      } catch (e) {
        if (!(e instanceof UpdateOverLimitError)) throw e;
        block(userId, e.retryAfterMs);
        // Counters rise by one per update, so exactly one update per window sees points + 1.
        await drop(ctx, { firstNotice: e.count === opts.points + 1, retryAfterMs: e.retryAfterMs });
      }
    },
    countOf(ctx) {
      const userId = ctx.from?.id;
      if (userId === undefined) return undefined;
      return { key: floodCountKey(opts.prefix, userId), points: opts.points, windowMs };
    },
  };
}

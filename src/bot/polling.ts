// Long polling that keeps the rush moving. Telegraf's own loop waits for every update of a batch before
// it asks for more, so one order POST waiting 20 s on the hospital would hold up every other patient's
// taps. Here a batch gets a short grace to finish (so quick updates keep Telegram's offset semantics),
// then the next batch is fetched while slow updates carry on; updates of one chat stay in order because
// the session layer queues them per chat. Stop waits for every update in hand before it resolves, so a
// deploy loses nothing; only a hard crash can lose an update that was slower than the grace.
import type { Telegraf } from "telegraf";
import { TelegramError } from "telegraf";
import type { Update } from "telegraf/types";
import { sleep } from "../time/wait.js";
import type { BotContext } from "./context.js";

export interface PollingOptions {
  /**
   * How long a batch may hold up the next poll (default 20 ms). Updates done by then are confirmed by
   * the next poll only once handled, so a crash cannot lose them; a slower one (a hospital call) is
   * confirmed while still in hand. A long grace held every other patient's taps for as long as the
   * slowest update of the batch took: with the hospital at 200 ms, a tap waited 250 ms instead of 7 ms.
   */
  batchGraceMs?: number;
  /**
   * Updates in hand at most (default 100): past it the poller waits for some to finish before it asks
   * for more, and Telegram keeps the rest. Without it a flood is taken in faster than it can be answered
   * and every update in hand waits behind all the others.
   */
  maxInFlight?: number;
  /** long-poll timeout in seconds (default 50) */
  timeoutSeconds?: number;
  onError?: (err: unknown) => void;
}

export interface RunningBot {
  /** stops taking updates, lets the ones in hand finish, and resolves when they have */
  stop(reason: string): Promise<void>;
  /** updates being handled right now */
  inFlight(): number;
}

function isFatal(e: unknown): boolean {
  // a wrong token or another process polling the same token: retrying cannot help
  return e instanceof TelegramError && (e.code === 401 || e.code === 409);
}

export async function launchPolling(
  bot: Telegraf<BotContext>,
  opts: PollingOptions = {},
): Promise<RunningBot> {
  const grace = opts.batchGraceMs ?? 20;
  const maxInFlight = Math.max(1, opts.maxInFlight ?? 100);
  const timeout = opts.timeoutSeconds ?? 50;
  bot.botInfo ??= await bot.telegram.getMe();
  await bot.telegram.deleteWebhook({ drop_pending_updates: false });
  const abort = new AbortController();
  // one controller per long poll: the HTTP client leaves a listener on each signal it is given
  let poll = new AbortController();
  abort.signal.addEventListener("abort", () => poll.abort(), { once: true });
  // telegraf types its signal with an old polyfill; node-fetch accepts the platform's AbortSignal
  const callOptions = () =>
    ({ signal: poll.signal }) as unknown as Parameters<typeof bot.telegram.callApi>[2];
  const inFlight = new Set<Promise<void>>();
  let offset = 0;

  const handle = (update: Update): Promise<void> => {
    const p = bot
      .handleUpdate(update)
      .catch((e: unknown) => opts.onError?.(e))
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
    return p;
  };

  const loop = (async () => {
    let failures = 0;
    while (!abort.signal.aborted) {
      let updates: Update[];
      try {
        poll = new AbortController();
        const limit = Math.min(100, maxInFlight - inFlight.size);
        updates = await bot.telegram.callApi("getUpdates", { timeout, offset, limit }, callOptions());
        failures = 0;
      } catch (e) {
        if (abort.signal.aborted) break;
        if (isFatal(e)) throw e;
        opts.onError?.(e);
        failures++;
        const retryAfter = e instanceof TelegramError ? e.parameters?.retry_after : undefined;
        await sleep(retryAfter ? retryAfter * 1_000 : Math.min(30_000, 500 * 2 ** failures), abort.signal);
        continue;
      }
      const last = updates.at(-1);
      if (last) offset = last.update_id + 1;
      const batch = updates.map(handle);
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.allSettled(batch),
        new Promise<void>((resolve) => {
          timer = setTimeout(resolve, grace);
        }),
      ]);
      clearTimeout(timer);
      while (inFlight.size >= maxInFlight && !abort.signal.aborted) await Promise.race(inFlight);
    }
  })();
  loop.catch((e: unknown) => opts.onError?.(e));

  return {
    inFlight: () => inFlight.size,
    async stop() {
      abort.abort();
      await loop.catch(() => {});
      await Promise.allSettled([...inFlight]);
      // confirm what was handled, so a restart does not receive it again
      await bot.telegram.callApi("getUpdates", { offset, limit: 1, timeout: 0 }).catch(() => {});
    },
  };
}

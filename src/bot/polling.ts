// Long polling with a stop that waits: telegraf's launch() resolves only once polling has ended (after
// the updates in hand are handled), and stop() throws if called before polling has begun, so both are
// wrapped here once for main, the demo, the tests and the benchmark.
import type { Telegraf } from "telegraf";
import type { BotContext } from "./context.js";

export interface RunningBot {
  /** stops taking updates, lets the ones in hand finish, and resolves when polling has ended */
  stop(reason: string): Promise<void>;
}

export async function launchPolling(bot: Telegraf<BotContext>): Promise<RunningBot> {
  let ended: Promise<void> = Promise.resolve();
  await new Promise<void>((resolve, reject) => {
    ended = bot.launch({ dropPendingUpdates: false }, resolve);
    ended.catch(reject);
  });
  return {
    async stop(reason) {
      for (let i = 0; i < 100; i++) {
        try {
          bot.stop(reason);
          break;
        } catch {
          // launch() is between getMe and the first poll; polling starts within one round trip
          await new Promise((r) => setTimeout(r, 20));
        }
      }
      await ended.catch(() => {});
    },
  };
}

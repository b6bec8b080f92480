// Watching, wired into the stage: the /watches view and command, and the buttons of a watch's
// notification (Book now, Keep watching, Stop), which work from any message because a notification is no
// live menu (the global nonce). The set-up is a side row of the flow table (scenes/flow.ts).
import type { Scenes } from "telegraf";
import { answerButton } from "../src/bot/answer.js";
import type { BotContext } from "../src/bot/context.js";
import { GLOBAL_NONCE } from "../src/telegram/callback-data.js";
import { retireMenu } from "../src/telegram/menu.js";
import type { OfferRecord } from "../src/watch/engine.js";
import { startOrAsk } from "./start-over.js";
import { openWatches, watchListView } from "./watch-list.js";

/** Book now: into the booking at the offered session's slots, through the flow's checks (and its question
 * first, when a booking in progress would be replaced). */
function enterBookingAt(ctx: BotContext, offer: OfferRecord): Promise<void> {
  const { unitId, depId, doctorId, scheduleId } = offer;
  return startOrAsk(ctx, { kind: "enter", step: "slot", choices: { unitId, depId, doctorId, scheduleId } });
}

async function onWatchButton(ctx: BotContext, action: string, arg: string): Promise<boolean> {
  const userId = ctx.from?.id;
  if (userId === undefined) return false;
  const { watches } = ctx.deps;
  switch (action) {
    case "wbook": {
      const outcome = await watches.bookNow(userId, arg);
      if (outcome.kind === "gone") {
        await answerButton(ctx, ctx.t.watch.gone);
        await retireMenu(ctx, []);
        return true;
      }
      if (outcome.kind === "taken") {
        await answerButton(ctx);
        await ctx.reply(ctx.t.watch.taken);
        return true;
      }
      await answerButton(ctx);
      await enterBookingAt(ctx, outcome.offer);
      return true;
    }
    case "wkeep": {
      const kept = await watches.keepWatching(userId, arg);
      await answerButton(ctx, kept ? ctx.t.watch.kept : ctx.t.watch.gone);
      // the offer is answered: its buttons go, the watch goes on (/watches to stop it)
      await retireMenu(ctx, []);
      return true;
    }
    case "wstop": {
      const stopped = await watches.stop(userId, arg);
      await answerButton(ctx);
      await retireMenu(ctx, []);
      await ctx.reply(
        stopped ? ctx.t.watch.stopped(await watches.describe(ctx.t, stopped)) : ctx.t.watch.gone,
      );
      return true;
    }
    default:
      return false;
  }
}

export function registerWatches(stage: Scenes.Stage<BotContext>): void {
  stage.register(watchListView);
  stage.command("watches", openWatches);
  stage.use(async (ctx, next) => {
    const b = ctx.button;
    if (b?.nonce !== GLOBAL_NONCE) return next();
    if (!(await onWatchButton(ctx, b.action, b.arg))) return next();
  });
}

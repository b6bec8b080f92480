// Watching, wired into the stage: the set-up and /watches scenes, the /watches command, and the buttons
// of a watch's notification (Book now, Keep watching, Stop), which work from any message because a
// notification is no live menu (the global nonce).
import type { Scenes } from "telegraf";
import { answerButton } from "../src/bot/answer.js";
import type { BotContext } from "../src/bot/context.js";
import type { BookingDraft } from "../src/bot/session.js";
import { GLOBAL_NONCE } from "../src/telegram/callback-data.js";
import { retireMenu } from "../src/telegram/menu.js";
import type { OfferRecord } from "../src/watch/engine.js";
import { openWatches, watchListScene } from "./watch-list.js";
import { watchSetupScene } from "./watch-setup.js";

export const watchScenes = [watchSetupScene, watchListScene];

/** Book now: straight into the booking at the offered session's slots, with the patient's answers kept. */
async function enterBookingAt(ctx: BotContext, offer: OfferRecord): Promise<void> {
  const hospital = await ctx.deps.catalog.hospital(offer.unitId);
  const draft: BookingDraft = {
    patient: ctx.session.draft?.patient ?? {},
    city: hospital?.cityName,
    unitId: offer.unitId,
    depId: offer.depId,
    doctorId: offer.doctorId,
    date: offer.date,
    scheduleId: offer.scheduleId,
    period: offer.period,
  };
  ctx.session.draft = draft;
  await ctx.scene.enter("slot");
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
  for (const scene of watchScenes) stage.register(scene);
  stage.command("watches", openWatches);
  stage.use(async (ctx, next) => {
    const b = ctx.button;
    if (b?.nonce !== GLOBAL_NONCE) return next();
    if (!(await onWatchButton(ctx, b.action, b.arg))) return next();
  });
}

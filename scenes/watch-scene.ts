// The watch screens as scenes of their own, shaped like every step (draw on entry, react to a tap) but
// kept out of the booking route's step list: they are entered from it and go back to it.
import { Scenes } from "telegraf";
import type { BotContext } from "../src/bot/context.js";
import type { CallbackData } from "../src/telegram/callback-data.js";

export type WatchSceneId = "watch-setup" | "watches";

export function defineWatchScene(
  id: WatchSceneId,
  handlers: {
    render(ctx: BotContext): Promise<void>;
    onButton(ctx: BotContext, b: CallbackData): Promise<void>;
  },
): Scenes.BaseScene<BotContext> {
  const scene = new Scenes.BaseScene<BotContext>(id);
  scene.enter((ctx) => handlers.render(ctx));
  scene.use(async (ctx, next) => {
    if (ctx.button)
      return ctx.button.action === "retry" ? handlers.render(ctx) : handlers.onButton(ctx, ctx.button);
    if (!ctx.message) return next();
    if ("text" in ctx.message && ctx.message.text.startsWith("/")) return next();
    await ctx.reply(ctx.t.flow.textNotExpected);
  });
  return scene;
}

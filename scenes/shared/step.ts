// One conversation step as a Telegraf scene: it draws itself on entry and reacts to the patient's
// button, text, shared contact or anything else. Buttons reach a step already parsed and checked against
// the current menu (see src/bot/middleware/buttons.ts).
import { Scenes } from "telegraf";
import type { BotContext } from "../../src/bot/context.js";
import type { CallbackData } from "../../src/telegram/callback-data.js";

export type StepId =
  | "city"
  | "hospital"
  | "department"
  | "doctor"
  | "date"
  | "slot"
  | "patient"
  | "confirm"
  | "my-bookings"
  | "cancel-booking"
  | "consent"
  | "patient-pick"
  | "save-offer"
  | "patients"
  | "patient-edit"
  | "delete-data";

export interface StepHandlers {
  render(ctx: BotContext): Promise<void>;
  onButton?(ctx: BotContext, button: CallbackData): Promise<void>;
  /** typed text; steps without it answer that a tap is expected */
  onText?(ctx: BotContext, text: string): Promise<void>;
  onContact?(ctx: BotContext, phone: string, ownContact: boolean): Promise<void>;
  /** a sticker, photo, voice… where the step expects a tap or text */
  onOther?(ctx: BotContext): Promise<void>;
  /** the step handles Retry itself; otherwise Retry (after a hospital failure) draws the step again */
  ownRetry?: boolean;
}

export function defineStep(id: StepId, handlers: StepHandlers): Scenes.BaseScene<BotContext> {
  const scene = new Scenes.BaseScene<BotContext>(id);
  scene.enter((ctx) => handlers.render(ctx));
  scene.use(async (ctx, next) => {
    if (ctx.button) {
      if (ctx.button.action === "retry" && !handlers.ownRetry) return handlers.render(ctx);
      if (ctx.button.action === "page") {
        // every paged step keeps its page in its own state and draws it again
        stepState(ctx).page = Math.max(0, Number(ctx.button.arg) || 0);
        return handlers.render(ctx);
      }
      if (handlers.onButton) return handlers.onButton(ctx, ctx.button);
      return next();
    }
    const message = ctx.message;
    if (!message) return next();
    if ("text" in message && handlers.onText) return handlers.onText(ctx, message.text);
    if ("contact" in message && handlers.onContact) {
      return handlers.onContact(ctx, message.contact.phone_number, message.contact.user_id === ctx.from?.id);
    }
    if (!("text" in message) && handlers.onOther) return handlers.onOther(ctx);
    // a step that asks for taps: typing (or sending a sticker) gets a pointer to the buttons
    await ctx.reply(ctx.t.flow.textNotExpected);
  });
  return scene;
}

/** The scene's own state (page, filter, sub-view), reset on each entry. */
export function stepState(ctx: BotContext): Record<string, unknown> {
  return ctx.scene.state as Record<string, unknown>;
}

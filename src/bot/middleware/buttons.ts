// Every button press is parsed and checked before any step sees it. Data we did not write (forged,
// truncated, another version's) and buttons of an older menu get a short "expired" answer and a way to
// start again, and change nothing. A double tap is the exception: its second press arrived while the
// first was still redrawing the same message, so the patient already sees the answer; it is answered
// silently. A press with no message (an inline-mode message's) changes nothing at all.
import type { MiddlewareFn } from "telegraf";
import { decodeCallback, GLOBAL_NONCE } from "../../telegram/callback-data.js";
import { retireMenu } from "../../telegram/menu.js";
import { answerButton } from "../answer.js";
import type { BotContext } from "../context.js";

export const buttonGate: MiddlewareFn<BotContext> = async (ctx, next) => {
  const query = ctx.callbackQuery;
  if (!query) return next();
  // A press on an inline-mode message (inline_message_id, no message) has no chat to answer in, and the
  // bot never sends such messages: whatever its data says, even a global action, it only gets its answer.
  if (query.message === undefined) return answerButton(ctx, ctx.t.flow.expired);
  const button = "data" in query ? decodeCallback(query.data) : undefined;
  const current = ctx.session?.menu;
  // A menu's nonce is only ever drawn on the menu's own message; anywhere else the data was copied.
  const onMenu = query.message !== undefined && query.message.message_id === current?.messageId;
  const fresh = button && (button.nonce === GLOBAL_NONCE || (button.nonce === current?.nonce && onMenu));
  if (button && !fresh && onMenu && isDoubleTap(ctx, button.nonce)) return answerButton(ctx);
  if (!button || !fresh) {
    await answerButton(ctx, ctx.t.flow.expired);
    // A second tap on the live menu only needs the answer; an old message loses its dead buttons.
    if (query.message?.message_id !== current?.messageId) {
      await retireMenu(ctx, [[{ text: ctx.t.nav.startAgain, action: "start", global: true }]]);
    }
    return;
  }
  ctx.button = button;
  return next();
};

/** A press on the buttons this menu replaced, taken in before they were replaced. */
function isDoubleTap(ctx: BotContext, nonce: string): boolean {
  const replaced = ctx.session?.menu?.replaced;
  return (
    replaced !== undefined &&
    replaced.nonce === nonce &&
    ctx.receivedAt !== undefined &&
    ctx.receivedAt <= replaced.at
  );
}

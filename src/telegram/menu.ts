// Draws the conversation's current menu: edits the message the patient tapped on when it is the current
// menu (no new message per tap), otherwise sends a new one. Every drawing gets a fresh nonce, so
// buttons of earlier drawings are recognised as stale.
import { TelegramError } from "telegraf";
import type { InlineKeyboardButton } from "telegraf/types";
import type { BotContext } from "../bot/context.js";
import { type Action, encodeCallback, GLOBAL_NONCE, newNonce } from "./callback-data.js";

export interface Button {
  text: string;
  action: Action;
  arg?: string;
  /** works from any message, not tied to this menu's nonce */
  global?: boolean;
}

export interface View {
  text: string;
  rows: Button[][];
}

export function toInlineKeyboard(rows: Button[][], nonce: string): InlineKeyboardButton[][] {
  return rows
    .filter((r) => r.length > 0)
    .map((row) =>
      row.map((b) => ({
        text: b.text,
        callback_data: encodeCallback({
          nonce: b.global ? GLOBAL_NONCE : nonce,
          action: b.action,
          arg: b.arg ?? "",
        }),
      })),
    );
}

function isHarmless(e: unknown): boolean {
  return e instanceof TelegramError && e.description.includes("message is not modified");
}

function cannotEdit(e: unknown): boolean {
  return (
    e instanceof TelegramError &&
    (e.description.includes("message to edit not found") || e.description.includes("message can't be edited"))
  );
}

/** Shows `view` as the conversation's menu. */
export async function showMenu(ctx: BotContext, view: View): Promise<void> {
  const nonce = newNonce();
  const reply_markup = { inline_keyboard: toInlineKeyboard(view.rows, nonce) };
  const tapped = ctx.callbackQuery?.message?.message_id;
  const previous = ctx.session.menu;
  if (tapped !== undefined && tapped === previous?.messageId && ctx.chat) {
    // the same message now carries new buttons; a second tap already on its way meant the first
    const edited = {
      nonce,
      messageId: tapped,
      replaced: { nonce: previous.nonce, at: ctx.deps.now().getTime() },
    };
    try {
      await ctx.telegram.editMessageText(ctx.chat.id, tapped, undefined, view.text, { reply_markup });
      ctx.session.menu = edited;
      return;
    } catch (e) {
      if (isHarmless(e)) {
        ctx.session.menu = edited;
        // the text is unchanged but the nonce is new: refresh the buttons alone
        await ctx.telegram
          .editMessageReplyMarkup(ctx.chat.id, tapped, undefined, reply_markup)
          .catch((e2) => {
            if (!isHarmless(e2)) throw e2;
          });
        return;
      }
      if (!cannotEdit(e)) throw e;
    }
  }
  const sent = await ctx.reply(view.text, { reply_markup });
  ctx.session.menu = { nonce, messageId: sent.message_id };
}

/** Sends a plain message that is not a menu (a confirmation, a notice). */
export async function say(ctx: BotContext, text: string): Promise<void> {
  await ctx.reply(text);
}

/** Turns the tapped (stale) menu into a dead end with one way out, leaving its text as it was. */
export async function retireMenu(ctx: BotContext, rows: Button[][]): Promise<void> {
  const messageId = ctx.callbackQuery?.message?.message_id;
  if (!ctx.chat || messageId === undefined) return;
  await ctx.telegram
    .editMessageReplyMarkup(ctx.chat.id, messageId, undefined, {
      inline_keyboard: toInlineKeyboard(rows, GLOBAL_NONCE),
    })
    .catch((e) => {
      if (!isHarmless(e) && !cannotEdit(e)) throw e;
    });
}

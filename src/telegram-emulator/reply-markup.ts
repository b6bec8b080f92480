import type {
  ForceReply,
  InlineKeyboardButton,
  InlineKeyboardMarkup,
  KeyboardButton,
  ReplyKeyboardMarkup,
  ReplyKeyboardRemove,
} from "telegraf/types";
import { z } from "zod";
import { badRequest } from "./api-error.js";

export type ReplyMarkup = InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove | ForceReply;

/** Telegram counts callback_data in bytes, so a few Chinese characters already fill it. */
export const MAX_CALLBACK_DATA_BYTES = 64;

const text = z.string();
const inlineButton: z.ZodType<InlineKeyboardButton> = z.union([
  z.object({ text, callback_data: z.string() }),
  z.object({ text, url: z.string() }),
  z.object({ text, web_app: z.object({ url: z.string() }) }),
  z.object({
    text,
    login_url: z.object({
      url: z.string(),
      forward_text: z.string().optional(),
      bot_username: z.string().optional(),
      request_write_access: z.boolean().optional(),
    }),
  }),
  z.object({ text, switch_inline_query: z.string() }),
  z.object({ text, switch_inline_query_current_chat: z.string() }),
  z.object({
    text,
    switch_inline_query_chosen_chat: z.object({
      query: z.string().optional(),
      allow_user_chats: z.boolean().optional(),
      allow_bot_chats: z.boolean().optional(),
      allow_group_chats: z.boolean().optional(),
      allow_channel_chats: z.boolean().optional(),
    }),
  }),
  z.object({ text, callback_game: z.object({}) }),
  z.object({ text, pay: z.boolean() }),
]);
const INLINE_ACTIONS = [
  "url",
  "callback_data",
  "web_app",
  "login_url",
  "switch_inline_query",
  "switch_inline_query_current_chat",
  "switch_inline_query_chosen_chat",
  "callback_game",
  "pay",
];

const keyboardButton: z.ZodType<KeyboardButton> = z.union([
  z.string(),
  z.object({ text, request_contact: z.boolean() }),
  z.object({ text, request_location: z.boolean() }),
  z.object({ text, request_poll: z.object({ type: z.enum(["quiz", "regular"]).optional() }) }),
  z.object({ text, web_app: z.object({ url: z.string() }) }),
  z.object({ text }),
]);

const replyMarkup: z.ZodType<ReplyMarkup> = z.union([
  z.object({ inline_keyboard: z.array(z.array(inlineButton)) }),
  z.object({
    keyboard: z.array(z.array(keyboardButton)),
    is_persistent: z.boolean().optional(),
    resize_keyboard: z.boolean().optional(),
    one_time_keyboard: z.boolean().optional(),
    input_field_placeholder: z.string().optional(),
    selective: z.boolean().optional(),
  }),
  z.object({ remove_keyboard: z.literal(true), selective: z.boolean().optional() }),
  z.object({
    force_reply: z.literal(true),
    input_field_placeholder: z.string().optional(),
    selective: z.boolean().optional(),
  }),
]);

/** Validates reply_markup with the limits and error texts of the real Bot API. */
export function parseReplyMarkup(value: unknown): ReplyMarkup | undefined {
  if (value === undefined) return undefined;
  if (isRecord(value) && Array.isArray(value.inline_keyboard)) {
    for (const row of value.inline_keyboard) {
      if (!Array.isArray(row)) continue;
      for (const button of row) checkInlineButton(button);
    }
  }
  const parsed = replyMarkup.safeParse(value);
  if (!parsed.success) throw badRequest("can't parse reply keyboard markup JSON object");
  return parsed.data;
}

function checkInlineButton(button: unknown): void {
  if (!isRecord(button)) return;
  if (!INLINE_ACTIONS.some((action) => button[action] !== undefined)) {
    throw badRequest("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
  }
  const data = button.callback_data;
  if (typeof data === "string") {
    const bytes = Buffer.byteLength(data, "utf8");
    if (bytes < 1 || bytes > MAX_CALLBACK_DATA_BYTES) throw badRequest("BUTTON_DATA_INVALID");
  }
  if (typeof button.url === "string" && !/^(https?|tg):\/\/\S+$/i.test(button.url)) {
    throw badRequest("BUTTON_URL_INVALID");
  }
}

export function inlineRows(markup: ReplyMarkup | undefined): InlineKeyboardButton[][] {
  return markup !== undefined && "inline_keyboard" in markup ? markup.inline_keyboard : [];
}

/** Key order must not make two equal keyboards look different. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    isRecord(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

import { badRequest } from "../api-error.js";
import { botMessageObject } from "../api-objects.js";
import { parseReplyMarkup } from "../reply-markup.js";
import { isUnchanged, NOT_MODIFIED, readBotContent } from "./message-content.js";
import type { MethodHandler } from "./method.js";
import { targetChat, targetMessageId } from "./target-chat.js";

export const sendMessage: MethodHandler = (params, state) => {
  const chat = targetChat(params, state);
  const message = chat.addBotMessage(readBotContent(params, "message is too long"));
  return botMessageObject(chat, state.bot, message);
};

export const editMessageText: MethodHandler = (params, state) => {
  const chat = targetChat(params, state);
  const messageId = targetMessageId(params);
  const old = chat.editable(messageId);
  const content = readBotContent(params, "MESSAGE_TOO_LONG");
  if (content.replyMarkup !== undefined && !("inline_keyboard" in content.replyMarkup)) {
    throw badRequest("inline keyboard expected");
  }
  if (isUnchanged(old, content)) throw badRequest(NOT_MODIFIED);
  return botMessageObject(chat, state.bot, chat.replaceBotMessage(messageId, content));
};

export const editMessageReplyMarkup: MethodHandler = (params, state) => {
  const chat = targetChat(params, state);
  const messageId = targetMessageId(params);
  const old = chat.editable(messageId);
  const replyMarkup = parseReplyMarkup(params.optionalJson("reply_markup"));
  if (replyMarkup !== undefined && !("inline_keyboard" in replyMarkup)) {
    throw badRequest("inline keyboard expected");
  }
  const content = {
    formatted: { text: old.text, entities: old.entities },
    rawText: old.rawText,
    ...(old.parseMode === undefined ? {} : { parseMode: old.parseMode }),
    ...(replyMarkup === undefined ? {} : { replyMarkup }),
  };
  if (isUnchanged(old, content)) throw badRequest(NOT_MODIFIED);
  return botMessageObject(chat, state.bot, chat.replaceBotMessage(messageId, content));
};

export const deleteMessage: MethodHandler = (params, state) => {
  const chat = targetChat(params, state);
  chat.delete(targetMessageId(params));
  return true;
};

const CHAT_ACTIONS = new Set([
  "typing",
  "upload_photo",
  "record_video",
  "upload_video",
  "record_voice",
  "upload_voice",
  "upload_document",
  "choose_sticker",
  "find_location",
  "record_video_note",
  "upload_video_note",
]);

export const sendChatAction: MethodHandler = (params, state) => {
  targetChat(params, state);
  if (!CHAT_ACTIONS.has(params.optionalString("action") ?? "")) {
    throw badRequest("wrong parameter action in request");
  }
  return true;
};

// sendDocument and sendLocation, as far as the bot uses them: a file upload (multipart) with a caption,
// and a map pin. The chat keeps the file's bytes and the coordinates so stories can check what the
// patient received.
import type { Message } from "telegraf/types";
import { badRequest } from "../api-error.js";
import { privateChat } from "../api-objects.js";
import type { ChatState } from "../chat.js";
import type { Params } from "../params.js";
import { parseReplyMarkup } from "../reply-markup.js";
import type { ChatMessage } from "../types.js";
import type { MethodHandler } from "./method.js";
import { targetChat } from "./target-chat.js";

const MAX_CAPTION_LENGTH = 1024;

function base(chat: ChatState, message: ChatMessage, bot: Message["from"]) {
  const markup = message.replyMarkup;
  return {
    message_id: message.messageId,
    from: bot,
    chat: privateChat(chat.user),
    date: message.date,
    ...(markup !== undefined && "inline_keyboard" in markup ? { reply_markup: markup } : {}),
  };
}

function markupOf(params: Params) {
  return parseReplyMarkup(params.optionalJson("reply_markup"));
}

export const sendDocument: MethodHandler = (params, state) => {
  const chat = targetChat(params, state);
  const file = params.raw.document;
  if (typeof file !== "object" || file === null || !("bytes" in file) || !Buffer.isBuffer(file.bytes)) {
    throw badRequest("there is no document in the request");
  }
  const fileName = "filename" in file && typeof file.filename === "string" ? file.filename : "file";
  const caption = params.optionalString("caption") ?? "";
  if (caption.length > MAX_CAPTION_LENGTH) throw badRequest("message caption is too long");
  const replyMarkup = markupOf(params);
  const message = chat.addBotMessage(
    {
      formatted: { text: caption, entities: [] },
      rawText: caption,
      ...(replyMarkup === undefined ? {} : { replyMarkup }),
    },
    { kind: "document", document: { fileName, content: file.bytes } },
  );
  return {
    ...base(chat, message, state.bot),
    document: {
      file_id: `doc-${message.messageId}`,
      file_unique_id: `doc-${message.messageId}`,
      file_name: fileName,
      file_size: file.bytes.length,
    },
    ...(caption === "" ? {} : { caption }),
  };
};

export const sendLocation: MethodHandler = (params, state) => {
  const chat = targetChat(params, state);
  const latitude = Number(params.raw.latitude);
  const longitude = Number(params.raw.longitude);
  if (!Number.isFinite(latitude) || Math.abs(latitude) > 90) throw badRequest("wrong latitude");
  if (!Number.isFinite(longitude) || Math.abs(longitude) > 180) throw badRequest("wrong longitude");
  const replyMarkup = markupOf(params);
  const message = chat.addBotMessage(
    {
      formatted: { text: "", entities: [] },
      rawText: "",
      ...(replyMarkup === undefined ? {} : { replyMarkup }),
    },
    { kind: "location", location: { latitude, longitude } },
  );
  return { ...base(chat, message, state.bot), location: { latitude, longitude } };
};

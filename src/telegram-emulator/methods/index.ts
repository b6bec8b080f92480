import { sendDocument, sendLocation } from "./attachments.js";
import { deleteMyCommands, getMe, getMyCommands, setMyCommands } from "./bot-profile.js";
import { answerCallbackQuery } from "./callbacks.js";
import {
  deleteMessage,
  editMessageReplyMarkup,
  editMessageText,
  sendChatAction,
  sendMessage,
} from "./messages.js";
import type { MethodHandler } from "./method.js";
import { deleteWebhook, getUpdates, getWebhookInfo, setWebhook } from "./updates.js";

const METHODS: Record<string, MethodHandler> = {
  getMe,
  getUpdates,
  setWebhook,
  deleteWebhook,
  getWebhookInfo,
  sendMessage,
  sendDocument,
  sendLocation,
  editMessageText,
  editMessageReplyMarkup,
  deleteMessage,
  answerCallbackQuery,
  setMyCommands,
  getMyCommands,
  deleteMyCommands,
  sendChatAction,
};

// Bot API method names are case-insensitive
const BY_LOWER_NAME = new Map(
  Object.entries(METHODS).map(([name, handler]) => [name.toLowerCase(), { name, handler }]),
);

export function findMethod(name: string): { name: string; handler: MethodHandler } | undefined {
  return BY_LOWER_NAME.get(name.toLowerCase());
}

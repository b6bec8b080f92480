import type { CallbackQuery, Message, Update, User } from "telegraf/types";
import { botMessageObject, privateChat } from "./api-objects.js";
import type { ChatState } from "./chat.js";
import type { ChatMessage } from "./types.js";

type Content<U extends Update> = Omit<U, "update_id">;
type NewMessage<M extends Message> = Content<Update.MessageUpdate<M>>;

function base(chat: ChatState, message: ChatMessage) {
  return {
    message_id: message.messageId,
    from: chat.user,
    chat: privateChat(chat.user),
    date: message.date,
  };
}

export function textMessage(chat: ChatState, message: ChatMessage): NewMessage<Message.TextMessage> {
  // clients mark a leading /command (optionally /command@bot) so bots can route it
  const command = /^\/[A-Za-z0-9_]{1,32}(@[A-Za-z0-9_]+)?/.exec(message.text)?.[0];
  return {
    message: {
      ...base(chat, message),
      text: message.text,
      ...(command === undefined
        ? {}
        : { entities: [{ type: "bot_command", offset: 0, length: command.length }] }),
    },
  };
}

export function contactMessage(chat: ChatState, message: ChatMessage): NewMessage<Message.ContactMessage> {
  return {
    message: {
      ...base(chat, message),
      contact: {
        phone_number: message.phoneNumber ?? "",
        first_name: chat.user.first_name,
        user_id: chat.user.id,
      },
    },
  };
}

export function stickerMessage(chat: ChatState, message: ChatMessage): NewMessage<Message.StickerMessage> {
  return {
    message: {
      ...base(chat, message),
      sticker: {
        file_id: `CAACAgIAAxkBAAE${message.messageId}`,
        file_unique_id: `AgAD${message.messageId}`,
        type: "regular",
        width: 512,
        height: 512,
        is_animated: false,
        is_video: false,
        emoji: "👍",
      },
    },
  };
}

export function photoMessage(chat: ChatState, message: ChatMessage): NewMessage<Message.PhotoMessage> {
  const size = (width: number, height: number, suffix: string) => ({
    file_id: `AgACAgUAAxkBAAE${message.messageId}${suffix}`,
    file_unique_id: `AQAD${message.messageId}${suffix}`,
    width,
    height,
    file_size: width * height,
  });
  return { message: { ...base(chat, message), photo: [size(90, 67, "s"), size(1280, 960, "y")] } };
}

export function callbackQuery(
  chat: ChatState,
  bot: User,
  query: { id: string; data: string; message: ChatMessage },
): Content<Update.CallbackQueryUpdate<CallbackQuery.DataQuery>> {
  return {
    callback_query: {
      id: query.id,
      from: chat.user,
      message: botMessageObject(chat, bot, query.message),
      // one stable value per chat, as Telegram sends
      chat_instance: String(-(chat.id * 1000 + 417)),
      data: query.data,
    },
  };
}

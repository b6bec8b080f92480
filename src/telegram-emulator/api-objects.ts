import type { Chat, Message, User } from "telegraf/types";
import type { ChatState } from "./chat.js";
import type { ChatMessage } from "./types.js";

export function privateChat(user: User): Chat.PrivateChat {
  return {
    id: user.id,
    type: "private",
    first_name: user.first_name,
    ...(user.username === undefined ? {} : { username: user.username }),
  };
}

/** A bot message the way the Bot API returns it and embeds it in callback queries. */
export function botMessageObject(chat: ChatState, bot: User, message: ChatMessage): Message.TextMessage {
  const markup = message.replyMarkup;
  return {
    message_id: message.messageId,
    from: bot,
    chat: privateChat(chat.user),
    date: message.date,
    text: message.text,
    ...(message.entities.length > 0 ? { entities: message.entities } : {}),
    ...(message.editDate === undefined ? {} : { edit_date: message.editDate }),
    // only an inline keyboard belongs to the message; a reply keyboard belongs to the chat
    ...(markup !== undefined && "inline_keyboard" in markup ? { reply_markup: markup } : {}),
  };
}

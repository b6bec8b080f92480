import { badRequest } from "../api-error.js";
import type { ChatState } from "../chat.js";
import type { Params } from "../params.js";
import type { EmulatorState } from "../state.js";

export function targetChat(params: Params, state: EmulatorState): ChatState {
  const raw = params.optionalString("chat_id");
  if (raw === undefined || raw === "") throw badRequest("chat_id is empty");
  const chatId = Number(raw);
  if (!Number.isInteger(chatId)) throw badRequest("chat not found");
  return state.chat(chatId);
}

export function targetMessageId(params: Params): number {
  if (params.has("inline_message_id")) throw badRequest("inline messages are not emulated");
  if (!params.has("message_id")) throw badRequest("message identifier is not specified");
  return params.int("message_id");
}

import { badRequest } from "../api-error.js";
import type { CallbackAnswer } from "../types.js";
import type { MethodHandler } from "./method.js";

const MAX_ANSWER_LENGTH = 200;

export const answerCallbackQuery: MethodHandler = (params, state) => {
  const queryId = params.optionalString("callback_query_id");
  if (queryId === undefined || queryId === "") throw badRequest("callback_query_id is empty");
  const text = params.optionalString("text");
  if (text !== undefined && text.length > MAX_ANSWER_LENGTH) throw badRequest("MESSAGE_TOO_LONG");
  const chatId = state.callbackQueries.answer(queryId);
  const url = params.optionalString("url");
  const answer: CallbackAnswer = {
    ...(text === undefined ? {} : { text }),
    ...(params.has("show_alert") ? { show_alert: params.bool("show_alert") } : {}),
    ...(url === undefined ? {} : { url }),
  };
  state.chats.get(chatId)?.recordAnswer(queryId, answer);
  return true;
};

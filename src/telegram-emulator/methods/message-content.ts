import { badRequest } from "../api-error.js";
import type { BotContent } from "../chat.js";
import { type FormattedText, parseHtml } from "../html.js";
import type { Params } from "../params.js";
import { canonicalJson, parseReplyMarkup, type ReplyMarkup } from "../reply-markup.js";
import type { ChatMessage } from "../types.js";

/** Telegram's limit, counted on the text left after entity parsing. */
export const MAX_TEXT_LENGTH = 4096;
const PARSE_MODES = new Set(["html", "markdown", "markdownv2"]);

/** Reads text, parse_mode and reply_markup with the limits sendMessage and editMessageText share. */
export function readBotContent(params: Params, tooLong: string): BotContent {
  const rawText = params.optionalString("text") ?? "";
  const parseMode = params.optionalString("parse_mode");
  const formatted = format(rawText, parseMode);
  if (formatted.text.trim() === "") throw badRequest("message text is empty");
  if (formatted.text.length > MAX_TEXT_LENGTH) throw badRequest(tooLong);
  const replyMarkup = parseReplyMarkup(params.optionalJson("reply_markup"));
  return {
    formatted,
    rawText,
    ...(parseMode === undefined ? {} : { parseMode }),
    ...(replyMarkup === undefined ? {} : { replyMarkup }),
  };
}

/** Only HTML is parsed; Markdown text is kept as written, which is enough to read it in tests. */
function format(rawText: string, parseMode: string | undefined): FormattedText {
  if (parseMode === undefined || parseMode === "") return { text: rawText, entities: [] };
  if (!PARSE_MODES.has(parseMode.toLowerCase())) throw badRequest(`unsupported parse_mode "${parseMode}"`);
  return parseMode.toLowerCase() === "html" ? parseHtml(rawText) : { text: rawText, entities: [] };
}

export function inlineMarkupOnly(markup: ReplyMarkup | undefined): ReplyMarkup | undefined {
  if (markup === undefined || !("inline_keyboard" in markup)) return undefined;
  return markup.inline_keyboard.length === 0 ? undefined : markup;
}

export const NOT_MODIFIED =
  "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message";

export function isUnchanged(old: ChatMessage, next: BotContent): boolean {
  return (
    old.text === next.formatted.text &&
    canonicalJson(old.entities) === canonicalJson(next.formatted.entities) &&
    canonicalJson(inlineMarkupOnly(old.replyMarkup)) === canonicalJson(inlineMarkupOnly(next.replyMarkup))
  );
}

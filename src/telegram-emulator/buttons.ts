import type { InlineKeyboardButton, KeyboardButton } from "telegraf/types";
import type { ChatState } from "./chat.js";
import { inlineRows } from "./reply-markup.js";
import type { ChatMessage } from "./types.js";

export type Label = string | RegExp;

const matches = (label: Label, text: string): boolean =>
  typeof label === "string" ? text === label : label.test(text);

export function inlineLabels(message: ChatMessage | undefined): string[][] {
  return inlineRows(message?.replyMarkup).map((row) => row.map((button) => button.text));
}

export function keyboardText(button: KeyboardButton): string {
  return typeof button === "string" ? button : button.text;
}

export function replyKeyboardLabels(chat: ChatState): string[][] {
  return (chat.replyKeyboard()?.keyboard ?? []).map((row) => row.map(keyboardText));
}

/** The newest bot message (or the given one) with an inline button whose label matches. */
export function findInlineButton(
  chat: ChatState,
  label: Label,
  messageId?: number,
): { message: ChatMessage; button: InlineKeyboardButton } | undefined {
  const candidates =
    messageId === undefined
      ? chat
          .list()
          .filter((message) => message.fromBot)
          .reverse()
      : [chat.get(messageId)].filter((message) => message !== undefined);
  for (const message of candidates) {
    const button = inlineRows(message.replyMarkup)
      .flat()
      .find((b) => matches(label, b.text));
    if (button !== undefined) return { message, button };
  }
  return undefined;
}

export function findReplyButton(chat: ChatState, label: Label): KeyboardButton | undefined {
  return chat
    .replyKeyboard()
    ?.keyboard.flat()
    .find((button) => matches(label, keyboardText(button)));
}

/** What the user could tap right now, for an error that says why a press failed. */
export function describeVisibleButtons(chat: ChatState): string {
  const lines = chat
    .list()
    .filter((message) => message.fromBot && inlineLabels(message).length > 0)
    .slice(-3)
    .map(
      (message) =>
        `  message #${message.messageId} "${preview(message.text)}": ${rowsText(inlineLabels(message))}`,
    );
  const keyboard = replyKeyboardLabels(chat);
  if (keyboard.length > 0) lines.push(`  reply keyboard: ${rowsText(keyboard)}`);
  if (lines.length === 0) {
    return `No buttons are visible; the last bot message is "${preview(chat.lastBotMessage()?.text ?? "")}".`;
  }
  return `Visible buttons:\n${lines.join("\n")}`;
}

function rowsText(rows: string[][]): string {
  return rows.map((row) => row.map((label) => `[${label}]`).join(" ")).join(" / ");
}

function preview(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > 60 ? `${line.slice(0, 57)}...` : line;
}

import type { ReplyKeyboardMarkup, User } from "telegraf/types";
import { badRequest } from "./api-error.js";
import type { FormattedText } from "./html.js";
import type { ReplyMarkup } from "./reply-markup.js";
import type { CallbackAnswer, ChatEvent, ChatMessage } from "./types.js";

export interface BotContent {
  formatted: FormattedText;
  rawText: string;
  parseMode?: string;
  replyMarkup?: ReplyMarkup;
}

const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/**
 * One private chat: both sides share one message-id sequence, as in Telegram. Messages are replaced,
 * never mutated, so a snapshot handed out earlier keeps showing what the user saw then.
 */
export class ChatState {
  private nextMessageId = 1;
  private readonly messages = new Map<number, ChatMessage>();
  private lastTouchedByBot: number | undefined;
  private keyboard: ReplyKeyboardMarkup | undefined;
  private readonly answers: CallbackAnswer[] = [];
  private readonly listeners = new Set<(event: ChatEvent) => void>();

  constructor(private profile: User) {}

  get id(): number {
    return this.profile.id;
  }

  get user(): User {
    return this.profile;
  }

  /** A user may switch their client's language or name; the chat and its history stay. */
  updateProfile(profile: User): void {
    this.profile = profile;
  }

  addUserMessage(content: Pick<ChatMessage, "kind" | "text"> & { phoneNumber?: string }): ChatMessage {
    const message: ChatMessage = {
      messageId: this.nextMessageId++,
      fromBot: false,
      kind: content.kind,
      text: content.text,
      rawText: content.text,
      entities: [],
      edited: false,
      editCount: 0,
      date: nowSeconds(),
      ...(content.phoneNumber === undefined ? {} : { phoneNumber: content.phoneNumber }),
    };
    this.messages.set(message.messageId, message);
    this.emit({ kind: "user", message });
    return message;
  }

  addBotMessage(content: BotContent): ChatMessage {
    const message: ChatMessage = {
      messageId: this.nextMessageId++,
      fromBot: true,
      kind: "text",
      ...textFields(content),
      edited: false,
      editCount: 0,
      date: nowSeconds(),
    };
    this.messages.set(message.messageId, message);
    this.lastTouchedByBot = message.messageId;
    this.emit({ kind: "sent", message });
    this.applyKeyboard(content.replyMarkup);
    return message;
  }

  /** The caller has already checked that something changes. */
  replaceBotMessage(messageId: number, content: BotContent): ChatMessage {
    const old = this.editable(messageId);
    const message: ChatMessage = {
      ...old,
      ...textFields(content),
      edited: true,
      editCount: old.editCount + 1,
      editDate: nowSeconds(),
    };
    this.messages.set(messageId, message);
    this.lastTouchedByBot = messageId;
    this.emit({ kind: "edited", message });
    return message;
  }

  editable(messageId: number): ChatMessage {
    const message = this.messages.get(messageId);
    if (message === undefined) throw badRequest("message to edit not found");
    if (!message.fromBot) throw badRequest("message can't be edited");
    return message;
  }

  delete(messageId: number): void {
    if (!this.messages.delete(messageId)) throw badRequest("message to delete not found");
    this.emit({ kind: "deleted", messageId });
  }

  recordAnswer(queryId: string, answer: CallbackAnswer): void {
    this.answers.push(answer);
    this.emit({ kind: "answer", queryId, answer });
  }

  get(messageId: number): ChatMessage | undefined {
    return this.messages.get(messageId);
  }

  list(): ChatMessage[] {
    return [...this.messages.values()];
  }

  lastBotMessage(): ChatMessage | undefined {
    const touched =
      this.lastTouchedByBot === undefined ? undefined : this.messages.get(this.lastTouchedByBot);
    return touched ?? this.list().findLast((message) => message.fromBot);
  }

  /**
   * The reply keyboard until the bot removes it or sends another. A one-time keyboard folds away once
   * used, but as in Telegram it is not gone: the button beside the input field opens it again.
   */
  replyKeyboard(): ReplyKeyboardMarkup | undefined {
    return this.keyboard;
  }

  callbackAnswers(): CallbackAnswer[] {
    return [...this.answers];
  }

  subscribe(listener: (event: ChatEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private applyKeyboard(markup: ReplyMarkup | undefined): void {
    if (markup === undefined) return;
    if ("keyboard" in markup) this.setKeyboard(markup);
    else if ("remove_keyboard" in markup) this.setKeyboard(undefined);
  }

  private setKeyboard(keyboard: ReplyKeyboardMarkup | undefined): void {
    if (this.keyboard === undefined && keyboard === undefined) return;
    this.keyboard = keyboard;
    this.emit({ kind: "keyboard", keyboard });
  }

  private emit(event: ChatEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}

function textFields(
  content: BotContent,
): Pick<ChatMessage, "text" | "rawText" | "entities"> &
  Partial<Pick<ChatMessage, "parseMode" | "replyMarkup">> {
  return {
    text: content.formatted.text,
    rawText: content.rawText,
    entities: content.formatted.entities,
    parseMode: content.parseMode,
    replyMarkup: content.replyMarkup,
  };
}

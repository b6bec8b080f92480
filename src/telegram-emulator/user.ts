import type { KeyboardButton } from "telegraf/types";
import {
  describeVisibleButtons,
  findInlineButton,
  findReplyButton,
  inlineLabels,
  type Label,
  replyKeyboardLabels,
} from "./buttons.js";
import type { ChatState } from "./chat.js";
import type { EmulatorState } from "./state.js";
import { TurnCollector } from "./turn.js";
import type { BotTurn, CallbackAnswer, ChatEvent, ChatMessage, EmulatedUser } from "./types.js";
import {
  callbackQuery,
  contactMessage,
  photoMessage,
  stickerMessage,
  textMessage,
} from "./update-factory.js";

/** The person on the other side of a private chat: every action is one update and one turn. */
export class UserDriver implements EmulatedUser {
  constructor(
    private readonly state: EmulatorState,
    private readonly chat: ChatState,
    public phone: string,
  ) {}

  get id(): number {
    return this.chat.id;
  }

  say(text: string): Promise<BotTurn> {
    return this.turn(() => textMessage(this.chat, this.chat.addUserMessage({ kind: "text", text })));
  }

  press(label: Label, opts: { messageId?: number } = {}): Promise<BotTurn> {
    const inline = findInlineButton(this.chat, label, opts.messageId);
    if (inline !== undefined) {
      const { button, message } = inline;
      if ("callback_data" in button) return this.pressData(button.callback_data, message.messageId);
      const action =
        "url" in button
          ? `opens ${button.url}`
          : `is a ${Object.keys(button).filter((key) => key !== "text")} button`;
      return Promise.reject(new Error(`"${button.text}" ${action}; the emulator only taps callback buttons`));
    }
    const reply = opts.messageId === undefined ? findReplyButton(this.chat, label) : undefined;
    if (reply !== undefined) return this.tapReplyButton(reply);
    const where = opts.messageId === undefined ? "" : ` on message #${opts.messageId}`;
    return Promise.reject(
      new Error(
        `No button matching ${typeof label === "string" ? JSON.stringify(label) : String(label)}${where} in chat ${this.id}. ${describeVisibleButtons(this.chat)}`,
      ),
    );
  }

  tapReplyKeyboard(label: Label): Promise<BotTurn> {
    const reply = findReplyButton(this.chat, label);
    if (reply !== undefined) return this.tapReplyButton(reply);
    return Promise.reject(
      new Error(
        `No reply-keyboard button matching ${typeof label === "string" ? JSON.stringify(label) : String(label)} in chat ${this.id}. ${describeVisibleButtons(this.chat)}`,
      ),
    );
  }

  pressData(callbackData: string, messageId?: number): Promise<BotTurn> {
    const message =
      messageId === undefined ? this.chat.list().findLast((m) => m.fromBot) : this.chat.get(messageId);
    if (message === undefined || !message.fromBot) {
      const which = messageId === undefined ? "no bot message" : `no bot message #${messageId}`;
      return Promise.reject(new Error(`Cannot press "${callbackData}": chat ${this.id} has ${which}`));
    }
    const id = this.state.callbackQueries.create(this.id);
    return this.turn(() => callbackQuery(this.chat, this.state.bot, { id, data: callbackData, message }), id);
  }

  shareContact(phone: string): Promise<BotTurn> {
    return this.turn(() =>
      contactMessage(this.chat, this.chat.addUserMessage({ kind: "contact", text: "", phoneNumber: phone })),
    );
  }

  sendSticker(): Promise<BotTurn> {
    return this.turn(() =>
      stickerMessage(this.chat, this.chat.addUserMessage({ kind: "sticker", text: "" })),
    );
  }

  sendPhoto(): Promise<BotTurn> {
    return this.turn(() => photoMessage(this.chat, this.chat.addUserMessage({ kind: "photo", text: "" })));
  }

  lastMessage(): ChatMessage | undefined {
    return this.chat.lastBotMessage();
  }

  messages(): ChatMessage[] {
    return this.chat.list();
  }

  buttons(messageId?: number): string[][] {
    return inlineLabels(messageId === undefined ? this.chat.lastBotMessage() : this.chat.get(messageId));
  }

  replyKeyboard(): string[][] {
    return replyKeyboardLabels(this.chat);
  }

  callbackAnswers(): CallbackAnswer[] {
    return this.chat.callbackAnswers();
  }

  watch(listener: (event: ChatEvent) => void): () => void {
    return this.chat.subscribe(listener);
  }

  private tapReplyButton(button: KeyboardButton): Promise<BotTurn> {
    if (typeof button === "string") return this.say(button);
    if ("request_contact" in button && button.request_contact) return this.shareContact(this.phone);
    const special = Object.keys(button).filter((key) => key !== "text");
    if (special.length > 0) {
      return Promise.reject(
        new Error(`"${button.text}" is a ${special.join("/")} button, which is not emulated`),
      );
    }
    return this.say(button.text);
  }

  /** Resolves once the bot has finished the update; collects what changed in this chat meanwhile. */
  private async turn(build: () => Record<string, unknown>, queryId?: string): Promise<BotTurn> {
    const collector = new TurnCollector(this.chat);
    try {
      const updateId = await this.state.deliver(build());
      return collector.result(updateId, queryId);
    } finally {
      collector.stop();
    }
  }
}

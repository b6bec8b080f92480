import type { MessageEntity, ReplyKeyboardMarkup } from "telegraf/types";
import type { ReplyMarkup } from "./reply-markup.js";

export interface EmulatorOptions {
  /** 0 (the default) picks a free port */
  port?: number;
  /** default "123456:TEST-emulator-token-abcdefghijklmnop"; the number before ":" is the bot's id */
  token?: string;
  /** what getMe answers; default "emulated_booking_bot" */
  botUsername?: string;
  /** how long say/press wait for the bot to finish an update; default 10 000 ms */
  turnTimeoutMs?: number;
  /**
   * Where to POST updates for a webhook URL. telegraf's createWebhook always registers an https URL;
   * map it to the bot's local http listener here. Default: the URL as registered.
   */
  webhookTarget?: (registeredUrl: string) => string;
}

/** One message of a private chat, as the user sees it now. */
export interface ChatMessage {
  messageId: number;
  fromBot: boolean;
  kind: "text" | "contact" | "sticker" | "photo";
  /** what the user reads: HTML tags stripped and entities decoded */
  text: string;
  /** the text exactly as the bot sent it */
  rawText: string;
  parseMode?: string;
  entities: MessageEntity[];
  /** the markup the bot attached when sending or last editing */
  replyMarkup?: ReplyMarkup;
  edited: boolean;
  editCount: number;
  date: number;
  editDate?: number;
  /** set on a contact the user shared */
  phoneNumber?: string;
}

export interface CallbackAnswer {
  text?: string;
  show_alert?: boolean;
  url?: string;
}

export interface BotTurn {
  updateId: number;
  /** messages the bot sent while handling the update, as they look at the end of the turn */
  sent: ChatMessage[];
  /** earlier messages the bot edited while handling the update, as they look now */
  edited: ChatMessage[];
  deleted: number[];
  answer?: CallbackAnswer;
  /** the text of the last message sent or edited this turn; "" when the bot stayed silent */
  text: string;
}

export type ChatEvent =
  | { kind: "user"; message: ChatMessage }
  | { kind: "sent"; message: ChatMessage }
  | { kind: "edited"; message: ChatMessage }
  | { kind: "deleted"; messageId: number }
  | { kind: "answer"; queryId: string; answer: CallbackAnswer }
  | { kind: "keyboard"; keyboard: ReplyKeyboardMarkup | undefined };

export interface UserOptions {
  languageCode?: string;
  firstName?: string;
  username?: string;
  /** the number a reply-keyboard "share contact" button shares; default "+8613800138000" */
  phone?: string;
}

export interface EmulatedUser {
  readonly id: number;
  /** sends a text message; a leading "/command" gets its bot_command entity */
  say(text: string): Promise<BotTurn>;
  /**
   * Taps the inline button with this label on the newest bot message that has one (or on the given
   * message); falls back to the reply keyboard. Throws, listing the visible buttons, if none matches.
   */
  press(label: string | RegExp, opts?: { messageId?: number }): Promise<BotTurn>;
  /** Taps a button of the reply keyboard (even one folded away after use); throws if it has none such. */
  tapReplyKeyboard(label: string | RegExp): Promise<BotTurn>;
  /** a callback query with any data, as a stale or forged button would send */
  pressData(callbackData: string, messageId?: number): Promise<BotTurn>;
  shareContact(phone: string): Promise<BotTurn>;
  sendSticker(): Promise<BotTurn>;
  sendPhoto(): Promise<BotTurn>;
  /** the bot message most recently sent or edited in this chat, as shown now */
  lastMessage(): ChatMessage | undefined;
  messages(): ChatMessage[];
  /** labels of the inline keyboard rows of the given or the latest bot message */
  buttons(messageId?: number): string[][];
  /**
   * labels of the reply keyboard under the input field, if any: a one-time keyboard that folded away
   * after use counts, since the patient can open it again and tap it; only the bot can remove it
   */
  replyKeyboard(): string[][];
  callbackAnswers(): CallbackAnswer[];
  /** calls the listener for everything that happens in the chat from now on; returns the unsubscriber */
  watch(listener: (event: ChatEvent) => void): () => void;
}

export interface ApiCall {
  method: string;
  payload: Record<string, unknown>;
  at: number;
  /** set when the emulator answered with an error */
  error?: { error_code: number; description: string };
  /** true when telegraf sent the call in a webhook response body */
  viaWebhookReply?: boolean;
}

export type InjectedFailure =
  | { error_code: 429; retry_after: number; description?: string }
  | { error_code: number; description: string; retry_after?: number };

export interface TelegramEmulator {
  /** pass as `telegram: { apiRoot }` to Telegraf */
  readonly apiRoot: string;
  readonly token: string;
  /** the user with this id; the private chat has the same id */
  user(id: number, opts?: UserOptions): EmulatedUser;
  /** the next `count` calls of `method` fail with this error instead of running */
  failNext(method: string, error: InjectedFailure, count?: number): void;
  /** what the bot called, oldest first */
  calls(method?: string): ApiCall[];
  /** the commands set for this language (default: no language) and scope (default: "default") */
  commands(languageCode?: string, scopeType?: string): unknown;
  /** delivers a raw update (update_id is assigned here) and resolves when the bot has handled it */
  pushUpdate(update: Record<string, unknown>): Promise<void>;
  close(): Promise<void>;
}

// The patient's side of the chat in a terminal: the bot's messages are printed as they arrive, buttons
// get numbers, a typed number taps one. Driven by streams so a script can play the patient too.
import readline from "node:readline";
import type { KeyboardButton } from "telegraf/types";
import type { ChatEvent, ChatMessage, EmulatedUser, TelegramEmulator } from "../telegram-emulator/index.js";

export interface TerminalChatOptions {
  emulator: TelegramEmulator;
  userId: number;
  languageCode?: string;
  firstName?: string;
  /** what a "share contact" button shares */
  phone?: string;
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
}

type Choice =
  | { kind: "callback"; label: string; data: string; messageId: number }
  | { kind: "url"; label: string; url: string }
  | { kind: "reply"; label: string };

/** Ends on /quit or at the end of the input. */
export async function runTerminalChat(opts: TerminalChatOptions): Promise<void> {
  const input = opts.input ?? process.stdin;
  const output = opts.output ?? process.stdout;
  const interactive = isTty(input) && isTty(output);
  const user = opts.emulator.user(opts.userId, {
    ...(opts.languageCode === undefined ? {} : { languageCode: opts.languageCode }),
    ...(opts.firstName === undefined ? {} : { firstName: opts.firstName }),
    ...(opts.phone === undefined ? {} : { phone: opts.phone }),
  });
  const view = new ChatView((text) => output.write(text));
  const stopWatching = user.watch((event) => view.show(event));
  const rl = readline.createInterface({ input, output, terminal: interactive, prompt: "you> " });
  try {
    if (interactive) rl.prompt();
    for await (const line of rl) {
      const typed = line.trim();
      if (typed === "/quit") break;
      if (typed !== "") {
        // a script's input is not echoed by a terminal, so show it to keep the transcript readable
        if (!interactive) output.write(`you: ${typed}\n`);
        await act(user, view, typed).catch((error: unknown) =>
          output.write(`(error) ${error instanceof Error ? error.message : String(error)}\n`),
        );
        view.flushKeyboard();
      }
      if (interactive) rl.prompt();
    }
  } finally {
    stopWatching();
    rl.close();
  }
}

async function act(user: EmulatedUser, view: ChatView, typed: string): Promise<void> {
  // a leading backslash sends digits as text ("\3"), e.g. when a small number is the answer
  if (typed.startsWith("\\")) {
    await user.say(typed.slice(1));
    return;
  }
  const choice = /^\d{1,3}$/.test(typed) ? view.choice(Number(typed)) : undefined;
  if (choice === undefined) await user.say(typed);
  else if (choice.kind === "callback") await user.pressData(choice.data, choice.messageId);
  else if (choice.kind === "reply") await user.press(choice.label);
  else view.note(`"${choice.label}" opens ${choice.url}`);
}

/** Prints what happens in the chat and remembers which number stands for which button. */
class ChatView {
  private inline: Choice[] = [];
  private activeMessageId: number | undefined;
  private keyboard: KeyboardButton[][] = [];
  private printedKeyboard = "";

  constructor(private readonly write: (text: string) => void) {}

  show(event: ChatEvent): void {
    switch (event.kind) {
      case "sent":
      case "edited":
        this.printMessage(event.message, event.kind === "edited");
        return;
      case "deleted":
        if (event.messageId === this.activeMessageId) this.inline = [];
        this.note(`message #${event.messageId} was deleted`);
        return;
      case "answer":
        if (event.answer.text)
          this.note(`${event.answer.show_alert ? "alert" : "notice"}: ${event.answer.text}`);
        return;
      case "keyboard":
        this.keyboard = event.keyboard?.keyboard ?? [];
        if (event.keyboard === undefined) this.note("keyboard removed");
        return;
      default:
        return;
    }
  }

  /** Reply-keyboard numbers follow the inline ones, so they are re-shown whenever those move. */
  flushKeyboard(): void {
    const first = this.inline.length + 1;
    const line = this.keyboard
      .map((row, r) => row.map((button, c) => `[${first + this.offset(r, c)}] ${label(button)}`).join("  "))
      .join("\n          ");
    if (line !== "" && line !== this.printedKeyboard) this.write(`keyboard: ${line}\n`);
    this.printedKeyboard = line;
  }

  choice(n: number): Choice | undefined {
    if (n >= 1 && n <= this.inline.length) return this.inline[n - 1];
    const reply = this.keyboard.flat()[n - this.inline.length - 1];
    return reply === undefined ? undefined : { kind: "reply", label: label(reply) };
  }

  note(text: string): void {
    this.write(`(${text})\n`);
  }

  private printMessage(message: ChatMessage, edited: boolean): void {
    const head = edited ? `bot (updated #${message.messageId}): ` : "bot: ";
    // a file or a map pin has no text of its own to show in a terminal
    const attached = message.document
      ? `📎 ${message.document.fileName} (${message.document.content.length} bytes)\n`
      : message.location
        ? `📍 ${message.location.latitude}, ${message.location.longitude}`
        : "";
    const text = [attached, message.text].filter((x) => x !== "").join("");
    this.write(`${head}${text.split("\n").join("\n     ")}\n`);
    const markup = message.replyMarkup;
    const rows = markup !== undefined && "inline_keyboard" in markup ? markup.inline_keyboard : [];
    if (rows.length === 0) {
      if (message.messageId === this.activeMessageId) this.inline = [];
      return;
    }
    this.activeMessageId = message.messageId;
    this.inline = [];
    for (const row of rows) {
      const cells = row.map((button) => {
        this.inline.push(
          "callback_data" in button
            ? {
                kind: "callback",
                label: button.text,
                data: button.callback_data,
                messageId: message.messageId,
              }
            : { kind: "url", label: button.text, url: "url" in button ? button.url : "(not emulated)" },
        );
        return `[${this.inline.length}] ${button.text}`;
      });
      this.write(`     ${cells.join("  ")}\n`);
    }
  }

  private offset(row: number, column: number): number {
    return this.keyboard.slice(0, row).reduce((sum, r) => sum + r.length, 0) + column;
  }
}

function label(button: KeyboardButton): string {
  return typeof button === "string" ? button : button.text;
}

function isTty(stream: NodeJS.ReadableStream | NodeJS.WritableStream): boolean {
  return "isTTY" in stream && stream.isTTY === true;
}

import type { ChatState } from "./chat.js";
import type { BotTurn, CallbackAnswer, ChatEvent, ChatMessage } from "./types.js";

/** Watches one chat while the bot handles one update and sums up what the user saw change. */
export class TurnCollector {
  private readonly sent = new Set<number>();
  private readonly edited = new Set<number>();
  private readonly deleted: number[] = [];
  /** message ids in the order the bot last touched them */
  private touched: number[] = [];
  private readonly answers = new Map<string, CallbackAnswer>();
  private readonly stopWatching: () => void;

  constructor(private readonly chat: ChatState) {
    this.stopWatching = chat.subscribe((event) => this.observe(event));
  }

  stop(): void {
    this.stopWatching();
  }

  result(updateId: number, queryId?: string): BotTurn {
    const alive = (ids: Iterable<number>): ChatMessage[] =>
      [...ids].flatMap((id) => {
        const message = this.chat.get(id);
        return message === undefined ? [] : [message];
      });
    const answer = queryId === undefined ? undefined : this.answers.get(queryId);
    return {
      updateId,
      sent: alive(this.sent),
      edited: alive(this.edited),
      deleted: [...this.deleted],
      ...(answer === undefined ? {} : { answer }),
      text: alive(this.touched).at(-1)?.text ?? "",
    };
  }

  private observe(event: ChatEvent): void {
    switch (event.kind) {
      case "sent":
        this.sent.add(event.message.messageId);
        this.touch(event.message.messageId);
        return;
      case "edited":
        if (!this.sent.has(event.message.messageId)) this.edited.add(event.message.messageId);
        this.touch(event.message.messageId);
        return;
      case "deleted":
        this.deleted.push(event.messageId);
        return;
      case "answer":
        this.answers.set(event.queryId, event.answer);
        return;
      default:
        return;
    }
  }

  private touch(messageId: number): void {
    this.touched = [...this.touched.filter((id) => id !== messageId), messageId];
  }
}

import { badRequest } from "./api-error.js";

const INVALID_QUERY = "query is too old and response timeout expired or query ID is invalid";

/** Callback queries a user sent; each may be answered once. */
export class CallbackQueries {
  private sequence = 0;
  private readonly open = new Map<string, number>();

  create(chatId: number): string {
    this.sequence += 1;
    // real ids are long numeric strings unique across chats
    const id = `${chatId}${String(this.sequence).padStart(7, "0")}`;
    this.open.set(id, chatId);
    return id;
  }

  /** Returns the chat the query came from; throws as Telegram does when answered twice or unknown. */
  answer(queryId: string): number {
    const chatId = this.open.get(queryId);
    if (chatId === undefined) throw badRequest(INVALID_QUERY);
    this.open.delete(queryId);
    return chatId;
  }
}

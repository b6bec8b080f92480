// Sessions and locks are per chat: a group shares one conversation, and two updates of one chat must be
// handled in order. Updates that belong to no chat (inline queries, polls answered by a user) fall back
// to the user, whose private chat has the same id anyway.
import type { Context } from "telegraf";

/** The session/lock key of an update, or undefined when it has neither chat nor sender. */
export function chatKey(ctx: Pick<Context, "chat" | "from">): string | undefined {
  const id = ctx.chat?.id ?? ctx.from?.id;
  return id === undefined ? undefined : String(id);
}

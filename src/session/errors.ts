// Typed failures of the session layer, so the bot's one error translator can tell "try again in a moment"
// (the chat is busy) from "we are degraded" (Redis is gone) without parsing messages.

/** Another update of the same chat held the lock for longer than we were willing to wait. */
export class ChatBusyError extends Error {
  override readonly name = "ChatBusyError";
  constructor(
    readonly chatKey: string,
    readonly waitedMs: number,
  ) {
    super(`chat ${chatKey} stayed locked for ${waitedMs} ms`);
  }
}

/** Redis did not answer (refused, offline, timed out) while loading or saving a session. */
export class SessionUnavailableError extends Error {
  override readonly name = "SessionUnavailableError";
  constructor(
    readonly chatKey: string,
    readonly operation: "lock-and-load" | "save-and-unlock",
    options: { cause: unknown },
  ) {
    super(`session store unavailable during ${operation} for chat ${chatKey}`, options);
  }
}

/**
 * The update's sender is past their limit for the window: counted in the same round trip that would
 * have taken the chat's lock, so the chat was neither locked nor loaded.
 */
export class UpdateOverLimitError extends Error {
  override readonly name = "UpdateOverLimitError";
  constructor(
    /** the sender's count in this window, this update included */
    readonly count: number,
    /** until the window ends */
    readonly retryAfterMs: number,
  ) {
    super(`update ${count} in the window; the sender is heard again in ${retryAfterMs} ms`);
  }
}

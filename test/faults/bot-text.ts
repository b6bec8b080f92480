// The poller moves on to the next batch after a second's grace, so a turn that waits on a slow hospital
// or a hung Redis may end before the bot has answered; these wait for the answer itself.
import type { EmulatedUser } from "../../src/telegram-emulator/types.js";

/** The text of the next message the bot sends to, or edits for, this patient. */
export function nextBotText(user: EmulatedUser, timeoutMs = 8_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`the bot said nothing to ${user.id} within ${timeoutMs} ms`));
    }, timeoutMs);
    const stop = user.watch((e) => {
      if (e.kind !== "sent" && e.kind !== "edited") return;
      clearTimeout(timer);
      stop();
      resolve(e.message.text);
    });
  });
}

import type { User } from "telegraf/types";
import { createApiServer, listen } from "./http-api.js";
import { EmulatorState } from "./state.js";
import type { EmulatedUser, EmulatorOptions, TelegramEmulator, UserOptions } from "./types.js";
import { UserDriver } from "./user.js";

export const DEFAULT_TOKEN = "123456:TEST-emulator-token-abcdefghijklmnop";
const DEFAULT_PHONE = "+8613800138000";
// Telegram's Chinese clients report this code; the bot maps any zh-* to Chinese
const DEFAULT_LANGUAGE = "zh-hans";

/** Starts a local Bot API on 127.0.0.1 and returns the driver tests and the demo use as "the user". */
export async function startTelegramEmulator(opts: EmulatorOptions = {}): Promise<TelegramEmulator> {
  const token = opts.token ?? DEFAULT_TOKEN;
  const state = new EmulatorState({
    token,
    bot: {
      id: Number(token.split(":")[0]) || 123456,
      is_bot: true,
      first_name: "Emulated Booking Bot",
      username: opts.botUsername ?? "emulated_booking_bot",
      can_join_groups: true,
      can_read_all_group_messages: false,
      supports_inline_queries: false,
    },
    turnTimeoutMs: opts.turnTimeoutMs ?? 10_000,
    webhookTarget: opts.webhookTarget ?? ((url) => url),
  });
  const server = createApiServer(state);
  const address = await listen(server, opts.port ?? 0);
  const drivers = new Map<number, UserDriver>();

  return {
    apiRoot: `http://127.0.0.1:${address.port}`,
    token,
    user(id: number, userOpts?: UserOptions): EmulatedUser {
      const known = state.chats.get(id);
      const profile = userProfile(id, userOpts, known?.user);
      if (known !== undefined && userOpts !== undefined) known.updateProfile(profile);
      const chat = known ?? state.chatOf(profile);
      const driver = drivers.get(id) ?? new UserDriver(state, chat, DEFAULT_PHONE);
      if (userOpts?.phone !== undefined) driver.phone = userOpts.phone;
      drivers.set(id, driver);
      return driver;
    },
    failNext(method, error, count = 1) {
      state.failures.add(method, error, count);
    },
    calls: (method) => state.calls.list(method),
    commands: (languageCode = "", scopeType = "default") =>
      state.commands.get({ type: scopeType }, languageCode),
    async pushUpdate(update) {
      await state.deliver(update);
    },
    async close() {
      state.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function userProfile(id: number, opts: UserOptions | undefined, previous: User | undefined): User {
  const username = opts?.username ?? previous?.username;
  return {
    id,
    is_bot: false,
    first_name: opts?.firstName ?? previous?.first_name ?? `User${id}`,
    ...(username === undefined ? {} : { username }),
    language_code: opts?.languageCode ?? previous?.language_code ?? DEFAULT_LANGUAGE,
  };
}

import type { BotCommand } from "telegraf/types";
import { z } from "zod";
import { badRequest } from "./api-error.js";
import { canonicalJson } from "./reply-markup.js";

const commandList = z.array(z.object({ command: z.string(), description: z.string() }));

/** setMyCommands state: one list per scope and language, as Telegram keeps it. */
export class BotCommands {
  private readonly lists = new Map<string, BotCommand[]>();

  set(commands: unknown, scope: unknown, languageCode: string): void {
    const parsed = commandList.safeParse(commands);
    if (!parsed.success) throw badRequest("can't parse commands JSON object");
    for (const { command } of parsed.data) {
      if (!/^[a-z0-9_]{1,32}$/.test(command)) throw badRequest("BOT_COMMAND_INVALID");
    }
    this.lists.set(key(scope, languageCode), parsed.data);
  }

  get(scope: unknown, languageCode: string): BotCommand[] {
    return this.lists.get(key(scope, languageCode)) ?? [];
  }

  delete(scope: unknown, languageCode: string): void {
    this.lists.delete(key(scope, languageCode));
  }
}

function key(scope: unknown, languageCode: string): string {
  return `${canonicalJson(scope ?? { type: "default" })}|${languageCode}`;
}

// What the bot does outside the flow: the fallbacks for updates no step took, and the command menu
// registered with Telegram. The commands themselves enter the flow and live with it (scenes/commands.ts).
import type { Telegram } from "telegraf";
import type { BotCommand } from "telegraf/types";
import { type Lang, localeFor } from "../i18n/index.js";
import { showMenu } from "../telegram/menu.js";
import { answerButton } from "./answer.js";
import type { BotContext } from "./context.js";

/** What happens outside any step: a nudge towards /book, and buttons that belong to no live menu. */
export function registerFallbacks(bot: {
  use(fn: (ctx: BotContext, next: () => Promise<void>) => Promise<void>): unknown;
}): void {
  bot.use(async (ctx, next) => {
    if (ctx.button) {
      await answerButton(ctx, ctx.t.flow.expired);
      return;
    }
    if (ctx.message && ctx.chat?.type === "private") {
      await showMenu(ctx, {
        text: ctx.t.flow.noActiveFlow,
        rows: [[{ text: ctx.t.start.bookButton, action: "start", global: true }]],
      });
      return;
    }
    return next();
  });
}

/** Registers the command menu in each language (setMyCommands); a failure only costs the menu. */
export async function publishCommandMenus(telegram: Telegram): Promise<void> {
  for (const menu of commandMenus()) {
    await telegram.setMyCommands(
      menu.commands,
      menu.languageCode ? { language_code: menu.languageCode } : {},
    );
  }
}

/** The command menu in each language, registered with setMyCommands at start-up. */
export function commandMenus(): Array<{ languageCode: Lang | undefined; commands: BotCommand[] }> {
  const menu = (lang: Lang): BotCommand[] => {
    const c = localeFor(lang).commands;
    return [
      { command: "book", description: c.book },
      { command: "mybookings", description: c.mybookings },
      { command: "cancel", description: c.cancel },
      { command: "patients", description: c.patients },
      { command: "privacy", description: c.privacy },
      { command: "deletedata", description: c.deletedata },
      { command: "watches", description: c.watches },
      { command: "language", description: c.language },
      { command: "help", description: c.help },
    ];
  };
  return [
    { languageCode: undefined, commands: menu("en") },
    { languageCode: "zh", commands: menu("zh") },
  ];
}

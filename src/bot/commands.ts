// Commands and buttons that work from anywhere, in any step. They are registered on the stage itself,
// which runs them before the current step, so "/book" typed mid-question is a command, not an answer.
import type { Scenes, Telegram } from "telegraf";
import type { BotCommand } from "telegraf/types";
import { openCancel } from "../../scenes/cancel-booking.js";
import { openMyBookings } from "../../scenes/my-bookings.js";
import { resumeBooking } from "../../scenes/shared/resume.js";
import { LANGS, type Lang, localeFor } from "../i18n/index.js";
import { GLOBAL_NONCE } from "../telegram/callback-data.js";
import { showMenu } from "../telegram/menu.js";
import { answerButton } from "./answer.js";
import type { BotContext } from "./context.js";

async function startBooking(ctx: BotContext): Promise<void> {
  delete ctx.session.draft;
  await ctx.scene.enter("city");
}

async function greet(ctx: BotContext): Promise<void> {
  delete ctx.session.draft;
  await ctx.scene.leave();
  await showMenu(ctx, {
    text: ctx.t.start.greeting(ctx.from?.first_name ?? ""),
    rows: [
      [{ text: ctx.t.start.bookButton, action: "start", global: true }],
      [{ text: ctx.t.start.myBookingsButton, action: "mine", global: true }],
    ],
  });
}

export function registerGlobalCommands(stage: Scenes.Stage<BotContext>): void {
  stage.start(greet);
  stage.command("book", startBooking);
  stage.command("mybookings", openMyBookings);
  // "/cancel 100042" goes straight to that order; anything after the first word is ignored
  stage.command("cancel", (ctx) => openCancel(ctx, ctx.payload.trim().split(/\s+/)[0] || undefined));
  stage.command("help", (ctx) => ctx.reply(ctx.t.help.text));
  stage.command("language", (ctx) =>
    showMenu(ctx, {
      text: ctx.t.language.choose,
      rows: [
        LANGS.map((l) => ({
          text: localeFor(l).languageName,
          action: "lang" as const,
          arg: l,
          global: true,
        })),
      ],
    }),
  );
  stage.use(async (ctx, next) => {
    const b = ctx.button;
    if (b?.nonce !== GLOBAL_NONCE) return next();
    switch (b.action) {
      case "start":
        return startBooking(ctx);
      case "mine":
        return openMyBookings(ctx);
      case "cancel":
        return openCancel(ctx, b.arg || undefined);
      case "resume":
        if (!(await resumeBooking(ctx, b.arg))) await answerButton(ctx, ctx.t.flow.expired);
        return;
      case "lang": {
        if (!(LANGS as readonly string[]).includes(b.arg)) return answerButton(ctx, ctx.t.flow.expired);
        ctx.session.lang = b.arg as Lang;
        ctx.lang = b.arg as Lang;
        ctx.t = localeFor(ctx.lang);
        await answerButton(ctx);
        await ctx.reply(ctx.t.language.changed);
        return;
      }
      default:
        return next();
    }
  });
}

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

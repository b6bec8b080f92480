// Commands and buttons that work from anywhere, in any step. They are registered on the stage itself,
// which runs them before the current step, so "/book" typed mid-question is a command, not an answer.
// They live with the flow because they enter it; the bot (src/bot/) receives the whole stage from the
// composition root and never imports the scenes.
import type { Scenes } from "telegraf";
import { answerButton } from "../src/bot/answer.js";
import type { BotContext } from "../src/bot/context.js";
import { LANGS, type Lang, localeFor } from "../src/i18n/index.js";
import { parseBookingPayload } from "../src/links/deep-link.js";
import { GLOBAL_NONCE } from "../src/telegram/callback-data.js";
import { showMenu } from "../src/telegram/menu.js";
import { openCancel } from "./cancel-booking.js";
import { FIRST_STEP } from "./flow.js";
import { openMyBookings } from "./my-bookings.js";
import { entryStepFor, resumeBooking } from "./route.js";
import { type Intent, startOrAsk } from "./start-over.js";

const BOOK: Intent = { kind: "enter", step: FIRST_STEP, choices: {} };

/** A booking link's payload opens the flow where the link points; anything else means `otherwise`. */
function startIntent(payload: string, otherwise: Intent): Intent {
  const choices = parseBookingPayload(payload);
  if (!choices) return otherwise;
  return { kind: "enter", step: entryStepFor(choices), choices };
}

export function registerFlowCommands(stage: Scenes.Stage<BotContext>): void {
  stage.start((ctx) => startOrAsk(ctx, startIntent(ctx.payload, { kind: "greet" })));
  stage.command("book", (ctx) => startOrAsk(ctx, BOOK));
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
        // a message's button may carry where to start (a booking link's payload: "Book now" on a notice)
        return startOrAsk(ctx, b.arg ? startIntent(b.arg, BOOK) : BOOK);
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

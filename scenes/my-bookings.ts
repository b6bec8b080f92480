// /mybookings: the patient's own bookings from the bot's record (the API cannot list them): those whose
// outcome is unknown first, then upcoming, the recent past and the cancelled ones, each under its own
// heading, a few to a page, each upcoming booked one with its Cancel button.
import { z } from "zod";
import { isCancellable, isUpcoming, PAST_DAYS_SHOWN, splitBookings } from "../src/bookings/bookings-view.js";
import type { BookingRecord } from "../src/bookings/record.js";
import { answerButton } from "../src/bot/answer.js";
import type { BotContext } from "../src/bot/context.js";
import { shortWhen } from "../src/i18n/format.js";
import { pagerRow } from "../src/telegram/keyboards.js";
import { type Button, showMenu } from "../src/telegram/menu.js";
import { bookingEntryText } from "./shared/booking-entry.js";
import { resumableStep, resumeField, resumeRow } from "./shared/resume.js";
import { defineView } from "./shared/step.js";

/** Each entry takes five lines; five entries keep a page within one phone screen. */
const PER_PAGE = 5;

const viewState = z.object({ page: z.number().int().min(0).optional(), resume: resumeField });
type ViewState = z.infer<typeof viewState>;

async function render(ctx: BotContext, state: ViewState): Promise<void> {
  const userId = ctx.from?.id;
  if (userId === undefined) return;
  const t = ctx.t;
  const now = ctx.deps.now();
  const view = splitBookings(await ctx.deps.bookings.list(userId), now);
  const footer: Button[][] = [
    [{ text: t.start.bookButton, action: "start", global: true }],
    resumeRow(ctx, resumableStep(ctx)),
  ];
  const sections: Array<{ title: string; upcoming: boolean; records: BookingRecord[] }> = [
    { title: t.bookings.unresolvedTitle, upcoming: true, records: view.unresolved },
    { title: t.bookings.upcoming, upcoming: true, records: view.upcoming },
    { title: t.bookings.past(PAST_DAYS_SHOWN), upcoming: false, records: view.past },
    { title: t.bookings.cancelledTitle, upcoming: true, records: view.cancelled },
  ];
  const all = sections.flatMap((s) => s.records.map((r) => ({ r, section: s })));
  if (all.length === 0) return showMenu(ctx, { text: t.bookings.empty, rows: footer });

  const pages = Math.ceil(all.length / PER_PAGE);
  const page = Math.min(state.page ?? 0, pages - 1);
  state.page = page;
  const lines = [t.bookings.title];
  const rows: Button[][] = [];
  let current: (typeof sections)[number] | undefined;
  const shown = all.slice(page * PER_PAGE, (page + 1) * PER_PAGE);
  for (const [i, { r, section }] of shown.entries()) {
    const n = page * PER_PAGE + i + 1;
    if (current !== section) {
      lines.push("", section.title);
      current = section;
    }
    lines.push("", bookingEntryText(ctx, r, n, section.upcoming && isUpcoming(r, now)));
    if (isCancellable(r, now)) {
      rows.push([
        {
          text: t.bookings.cancelButton(n, shortWhen(r.beginTime)),
          action: "cancel",
          arg: r.id,
          global: true,
        },
      ]);
    }
  }
  if (shown.some(({ r }) => r.status === "unknown" || r.status === "placing"))
    lines.push("", t.bookings.unknownGuidance);
  if (pages > 1) {
    lines.push("", t.nav.page(page + 1, pages));
    rows.push(pagerRow(ctx.t, page, pages));
  }
  await showMenu(ctx, { text: lines.join("\n"), rows: [...rows, ...footer] });
}

export const myBookingsStep = defineView("my-bookings", {
  state: viewState,
  render,
  async onButton(ctx, _button) {
    await answerButton(ctx, ctx.t.flow.expired);
  },
});

/** Opens the view from a command or a button, remembering the booking step the patient was in. */
export async function openMyBookings(ctx: BotContext): Promise<void> {
  await ctx.scene.enter("my-bookings", { resume: resumableStep(ctx) });
}

// /mybookings: the patient's own bookings from the bot's record (the API cannot list them), upcoming
// first and then the recent past, a few to a page, each upcoming booked one with its Cancel button.
import { z } from "zod";
import { isCancellable, PAST_DAYS_SHOWN, splitBookings } from "../src/bookings/bookings-view.js";
import type { BookingRecord } from "../src/bookings/record.js";
import { answerButton } from "../src/bot/answer.js";
import type { BotContext } from "../src/bot/context.js";
import { shortWhen, whenText } from "../src/i18n/format.js";
import { formatFee } from "../src/schedule/schedule-days.js";
import { pagerRow } from "../src/telegram/keyboards.js";
import { type Button, showMenu } from "../src/telegram/menu.js";
import { resumableStep, resumeField, resumeRow } from "./shared/resume.js";
import { defineView } from "./shared/step.js";

/** Each entry takes five lines; five entries keep a page within one phone screen. */
const PER_PAGE = 5;

const viewState = z.object({ page: z.number().int().min(0).optional(), resume: resumeField });
type ViewState = z.infer<typeof viewState>;

function statusText(ctx: BotContext, r: BookingRecord, upcoming: boolean): string {
  const s = ctx.t.bookings.status;
  if (r.status === "booked" && !upcoming) return s.elapsed;
  return s[r.status];
}

function entryText(ctx: BotContext, r: BookingRecord, n: number, upcoming: boolean): string {
  return ctx.t.bookings.entry({
    n,
    when: whenText(ctx.t, r.beginTime, r.endTime),
    hospital: r.hospital,
    department: r.department,
    doctor: r.doctor,
    patient: r.patientMasked,
    fee: formatFee(r.fee),
    status: statusText(ctx, r, upcoming),
    orderId: r.orderId ?? undefined,
    takeNo: r.takeNo ?? undefined,
  });
}

async function render(ctx: BotContext, state: ViewState): Promise<void> {
  const userId = ctx.from?.id;
  if (userId === undefined) return;
  const t = ctx.t;
  const now = ctx.deps.now();
  const { upcoming, past } = splitBookings(await ctx.deps.bookings.list(userId), now);
  const footer: Button[][] = [
    [{ text: t.start.bookButton, action: "start", global: true }],
    resumeRow(ctx, resumableStep(ctx)),
  ];
  const all = [...upcoming.map((r) => ({ r, upcoming: true })), ...past.map((r) => ({ r, upcoming: false }))];
  if (all.length === 0) return showMenu(ctx, { text: t.bookings.empty, rows: footer });

  const pages = Math.ceil(all.length / PER_PAGE);
  const page = Math.min(state.page ?? 0, pages - 1);
  state.page = page;
  const lines = [t.bookings.title];
  const rows: Button[][] = [];
  let section: boolean | undefined;
  const shown = all.slice(page * PER_PAGE, (page + 1) * PER_PAGE);
  for (const [i, { r, upcoming: ahead }] of shown.entries()) {
    const n = page * PER_PAGE + i + 1;
    if (section !== ahead) {
      lines.push("", ahead ? t.bookings.upcoming : t.bookings.past(PAST_DAYS_SHOWN));
      section = ahead;
    }
    lines.push("", entryText(ctx, r, n, ahead));
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
  if (shown.some(({ r }) => r.status === "unknown")) lines.push("", t.bookings.unknownGuidance);
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

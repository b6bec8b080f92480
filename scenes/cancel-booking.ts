// /cancel: choose one of the patient's upcoming bookings (or come with its id from /cancel <orderId> or
// a Cancel button), give a reason, see what will be cancelled, confirm. The rules (whose booking, too
// late, one call per order) live in src/bookings/cancel-booking.ts; this file only holds the conversation.

import { z } from "zod";
import { cancellableBookings } from "../src/bookings/bookings-view.js";
import type { CancelBlocked, CancelOutcome } from "../src/bookings/cancel-booking.js";
import { parseReason } from "../src/bookings/cancel-booking.js";
import type { BookingRecord } from "../src/bookings/record.js";
import { answerButton } from "../src/bot/answer.js";
import type { BotContext } from "../src/bot/context.js";
import { hospitalReason } from "../src/bot/hospital-text.js";
import { shortWhen, whenText } from "../src/i18n/format.js";
import type { Locale } from "../src/i18n/index.js";
import { zh } from "../src/i18n/zh.js";
import { pagedList } from "../src/telegram/keyboards.js";
import { type Button, showMenu } from "../src/telegram/menu.js";
import { resumableStep, resumeField, resumeRow } from "./shared/resume.js";
import { defineView } from "./shared/step.js";

type ReasonKey = keyof Locale["cancel"]["reasons"];
const REASON_KEYS = Object.keys(zh.cancel.reasons) as ReasonKey[];

const cancelState = z.object({
  /** the booking's id in the patient's own record */
  id: z.string().optional(),
  /** the reason as the hospital will read it */
  reason: z.string().optional(),
  /** set when a preset was chosen, so the review shows it in the patient's language */
  reasonKey: z.enum(REASON_KEYS as [ReasonKey, ...ReasonKey[]]).optional(),
  page: z.number().int().min(0).optional(),
  resume: resumeField,
});
type CancelState = z.infer<typeof cancelState>;

function describe(t: Locale, r: BookingRecord): string {
  return `🕘 ${whenText(t, r.beginTime, r.endTime)}\n🏥 ${r.hospital} ${r.department} ${r.doctor}`;
}

function blockedText(t: Locale, b: CancelBlocked): string {
  switch (b.kind) {
    case "not_found":
      return t.cancel.notFound;
    case "already_cancelled":
      return t.cancel.alreadyCancelled;
    case "unknown_outcome":
      return t.cancel.unknownOutcome;
    case "past":
      return t.cancel.past;
  }
}

/** Ends the conversation with a message and the ways on from here. */
async function finish(ctx: BotContext, text: string): Promise<void> {
  const resume = resumableStep(ctx);
  await ctx.scene.leave();
  await showMenu(ctx, {
    text,
    rows: [
      [
        { text: ctx.t.start.myBookingsButton, action: "mine", global: true },
        { text: ctx.t.start.bookButton, action: "start", global: true },
      ],
      resumeRow(ctx, resume),
    ],
  });
}

async function renderPick(ctx: BotContext, userId: number, s: CancelState): Promise<void> {
  const t = ctx.t;
  const choices = cancellableBookings(await ctx.deps.bookings.list(userId), ctx.deps.now());
  if (choices.length === 0) return finish(ctx, t.cancel.none);
  const items = choices.map((r) => ({
    text: t.cancel.pickButton(shortWhen(r.beginTime), r.hospital),
    arg: r.id,
  }));
  const listed = pagedList(t, items, s.page ?? 0);
  s.page = listed.page;
  const text =
    listed.pages > 1 ? `${t.cancel.choose}\n${t.nav.page(listed.page + 1, listed.pages)}` : t.cancel.choose;
  await showMenu(ctx, { text, rows: [...listed.rows, [{ text: t.cancel.keepButton, action: "quit" }]] });
}

async function render(ctx: BotContext, s: CancelState): Promise<void> {
  const userId = ctx.from?.id;
  if (userId === undefined) return;
  const t = ctx.t;
  if (!s.id) return renderPick(ctx, userId, s);
  const check = await ctx.deps.cancellations.check(userId, s.id);
  if (check.kind !== "cancellable") return finish(ctx, blockedText(t, check));
  const r = check.record;
  const exit: Button[] = [
    { text: t.nav.back, action: "back" },
    { text: t.cancel.keepButton, action: "quit" },
  ];
  if (!s.reason) {
    const presets = REASON_KEYS.map((k): Button => ({ text: t.cancel.reasons[k], action: "reason", arg: k }));
    const rows: Button[][] = [];
    for (let i = 0; i < presets.length; i += 2) rows.push(presets.slice(i, i + 2));
    return showMenu(ctx, { text: t.cancel.askReason(describe(t, r)), rows: [...rows, exit] });
  }
  await showMenu(ctx, {
    text: t.cancel.review({
      when: whenText(t, r.beginTime, r.endTime),
      hospital: r.hospital,
      department: r.department,
      doctor: r.doctor,
      reason: s.reasonKey ? t.cancel.reasons[s.reasonKey] : s.reason,
    }),
    rows: [[{ text: t.cancel.confirmButton, action: "ok" }], exit],
  });
}

function outcomeText(t: Locale, o: Exclude<CancelOutcome, { kind: "refused" | "unavailable" }>): string {
  switch (o.kind) {
    case "cancelled":
      return t.cancel.done(
        o.record.orderId ?? o.record.id,
        whenText(t, o.record.beginTime, o.record.endTime),
      );
    case "in_progress":
      return t.cancel.inProgress;
    case "too_late":
      return t.cancel.tooLate;
    case "hospital_not_found":
      return t.cancel.hospitalNotFound;
    default:
      return blockedText(t, o);
  }
}

async function cancelNow(ctx: BotContext, s: CancelState): Promise<void> {
  const userId = ctx.from?.id;
  if (userId === undefined || !s.id || !s.reason) return render(ctx, s);
  const t = ctx.t;
  await answerButton(ctx, t.cancel.working);
  const outcome = await ctx.deps.cancellations.cancel(userId, s.id, s.reason);
  if (outcome.kind === "refused" || outcome.kind === "unavailable") {
    // nothing changed at the hospital: the patient may try again from here
    return showMenu(ctx, {
      text:
        outcome.kind === "refused"
          ? t.cancel.refused(hospitalReason(t, outcome.code, outcome.message))
          : t.cancel.unavailable,
      rows: [[{ text: t.confirm.retry, action: "retry" }], [{ text: t.cancel.keepButton, action: "quit" }]],
    });
  }
  await finish(ctx, outcomeText(t, outcome));
}

function isReasonKey(x: string): x is ReasonKey {
  return (REASON_KEYS as string[]).includes(x);
}

export const cancelBookingStep = defineView("cancel-booking", {
  state: cancelState,
  render,
  ownRetry: true,
  async onButton(ctx, button, st) {
    switch (button.action) {
      case "pick":
        st.id = button.arg;
        delete st.reason;
        delete st.reasonKey;
        return render(ctx, st);
      case "reason":
        if (!isReasonKey(button.arg)) break;
        // the hospital's staff read Chinese, whatever language the patient chose
        st.reason = zh.cancel.reasons[button.arg];
        st.reasonKey = button.arg;
        return render(ctx, st);
      case "ok":
      case "retry":
        return cancelNow(ctx, st);
      case "back":
        if (st.reason !== undefined) {
          delete st.reason;
          delete st.reasonKey;
        } else delete st.id;
        return render(ctx, st);
      case "quit":
        return finish(ctx, ctx.t.cancel.kept);
    }
    await answerButton(ctx, ctx.t.flow.expired);
  },
  async onText(ctx, text, s) {
    if (text.startsWith("/")) return;
    if (!s.id || s.reason !== undefined) {
      await ctx.reply(ctx.t.problems["choice.expected"]);
      return;
    }
    const parsed = parseReason(text);
    if (!parsed.ok) {
      await ctx.reply(
        parsed.problem === "too_long" ? ctx.t.cancel.reasonTooLong : ctx.t.cancel.reasonExpected,
      );
      return;
    }
    s.reason = parsed.reason;
    delete s.reasonKey;
    await render(ctx, s);
  },
  async onOther(ctx, s) {
    await ctx.reply(s.id && !s.reason ? ctx.t.cancel.reasonExpected : ctx.t.problems["choice.expected"]);
  },
});

/** Opens the cancellation from a command or a button, with the booking already chosen when `id` is given. */
export async function openCancel(ctx: BotContext, id: string | undefined): Promise<void> {
  await ctx.scene.enter("cancel-booking", { ...(id ? { id } : {}), resume: resumableStep(ctx) });
}

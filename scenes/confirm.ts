// One summary with the certificate number and phone masked; Confirm places the order exactly
// once (src/bookings/place-order.ts), then the patient's personal data leaves the session.
import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { OrderSummary } from "../src/bookings/place-order.js";
import { answerButton } from "../src/bot/answer.js";
import type { BotContext } from "../src/bot/context.js";
import { hospitalReason } from "../src/bot/hospital-text.js";
import type { OrderRequest } from "../src/hospital/types.js";
import { whenText } from "../src/i18n/format.js";
import { maskCertificate, maskMobile, maskName } from "../src/patient/mask.js";
import { toPatient } from "../src/patient/questionnaire.js";
import { formatFee } from "../src/schedule/schedule-days.js";
import type { Button } from "../src/telegram/menu.js";
import { showMenu } from "../src/telegram/menu.js";
import { chinaToday } from "../src/time/china-time.js";
import { bookingEntryText } from "./shared/booking-entry.js";
import { draftOf } from "./shared/draft.js";
import { defineStep, type StepScope } from "./shared/step.js";

const confirmState = z.object({
  /** the "what do you want to change?" menu is open */
  changing: z.boolean().optional(),
});
type ConfirmScope = StepScope<z.infer<typeof confirmState>>;

/** Everything the order needs, or undefined when the draft is incomplete (an old or tampered session). */
async function gather(
  ctx: BotContext,
): Promise<{ request: OrderRequest; summary: OrderSummary } | undefined> {
  const draft = draftOf(ctx);
  const { unitId, depId, doctorId, slot } = draft;
  const patient = toPatient(draft.patient, chinaToday(ctx.deps.now()));
  if (!unitId || !depId || !doctorId || !slot || !patient) return undefined;
  const { catalog } = ctx.deps;
  const [hospital, department, doctor] = await Promise.all([
    catalog.hospital(unitId),
    catalog.department(unitId, depId),
    catalog.doctor(unitId, depId, doctorId),
  ]);
  return {
    request: { unitId, depId, doctorId, resourceId: slot.resourceId, patient },
    summary: {
      hospital: hospital?.name ?? "",
      department: department?.name ?? "",
      doctor: doctor ? ctx.t.doctor.button(doctor.name, doctor.title) : "",
      beginTime: slot.beginTime,
      endTime: slot.endTime,
      fee: slot.fee,
      scheduleId: slot.scheduleId,
    },
  };
}

function mainRows(ctx: BotContext): Button[][] {
  return [
    [{ text: ctx.t.confirm.confirmButton, action: "ok" }],
    [
      { text: ctx.t.confirm.changeButton, action: "change" },
      { text: ctx.t.nav.cancel, action: "quit" },
    ],
  ];
}

async function render(ctx: BotContext, step: ConfirmScope): Promise<void> {
  const g = await gather(ctx);
  // an incomplete draft (an old or tampered session): back to what is missing
  if (!g) return draftOf(ctx).slot ? step.back() : step.revisit("slot");
  const draft = draftOf(ctx);
  draft.attemptId ??= randomBytes(9).toString("base64url");
  const t = ctx.t;
  const p = g.request.patient;
  if (step.state.changing) {
    return showMenu(ctx, {
      text: t.confirm.changeWhat,
      rows: [
        [{ text: t.confirm.changeTime, action: "change", arg: "time" }],
        [{ text: t.confirm.changePatient, action: "change", arg: "patient" }],
        [{ text: t.nav.back, action: "back" }],
      ],
    });
  }
  const text = t.confirm.summary({
    hospital: g.summary.hospital,
    department: g.summary.department,
    doctor: g.summary.doctor,
    when: whenText(ctx.t, g.summary.beginTime, g.summary.endTime),
    fee: formatFee(g.summary.fee),
    patient: t.confirm.patientLine(p.name, t.sex[p.sex], p.birthday),
    certificate: `${t.certificate[p.certificate.kind]} ${maskCertificate(p.certificate.number)}`,
    mobile: maskMobile(p.mobile),
    guardian: p.guardian ? `${maskName(p.guardian.name)} · ${maskMobile(p.guardian.mobile)}` : undefined,
  });
  await showMenu(ctx, { text, rows: mainRows(ctx) });
}

async function place(ctx: BotContext, step: ConfirmScope): Promise<void> {
  const g = await gather(ctx);
  const draft = draftOf(ctx);
  const userId = ctx.from?.id;
  if (!g || !draft.attemptId || userId === undefined) return render(ctx, step);
  await answerButton(ctx, ctx.t.confirm.placing);
  const outcome = await ctx.deps.orders.placeOrderOnce(userId, draft.attemptId, g.request, g.summary);
  const t = ctx.t;
  const when = whenText(ctx.t, g.summary.beginTime, g.summary.endTime);
  const after: Button[][] = [
    [
      { text: t.start.myBookingsButton, action: "mine", global: true },
      { text: t.start.bookButton, action: "start", global: true },
    ],
  ];
  switch (outcome.kind) {
    case "placed":
    case "unknown": {
      // the places left have changed; the next patient should not see this doctor's old count (a Redis
      // failure here must not hide the order number the hospital gave)
      await ctx.deps.catalog
        .invalidateSchedules(g.request.unitId, g.request.depId, g.request.doctorId)
        .catch((err: unknown) => ctx.deps.logger.warn({ err }, "schedules not invalidated after an order"));
      // the order is out of our hands now: the flow ends (and the personal data leaves the session)
      const text =
        outcome.kind === "placed"
          ? t.confirm.placed({
              orderId: outcome.record.orderId ?? "",
              takeNo: outcome.record.takeNo ?? "",
              when,
              hospital: g.summary.hospital,
            }) + (outcome.saved ? "" : `\n\n${t.confirm.unsavedNote}`)
          : t.confirm.outcomeUnknown(when);
      return step.end({ text, rows: after });
    }
    case "already": {
      // the order number and pickup code again, when we have them: the first answer may not have arrived
      const r = outcome.record;
      const text =
        r?.orderId && r.takeNo
          ? `${t.confirm.alreadyPlaced}\n\n${t.confirm.placed({ orderId: r.orderId, takeNo: r.takeNo, when, hospital: g.summary.hospital })}`
          : t.confirm.alreadyPlaced;
      return step.end({ text, rows: after });
    }
    case "unresolved":
      return showMenu(ctx, {
        text: t.confirm.unresolved(bookingEntryText(ctx, outcome.record, 1, true)),
        rows: [
          [{ text: t.confirm.notBookedButton, action: "unbooked", arg: outcome.record.id }],
          [{ text: t.start.myBookingsButton, action: "mine", global: true }],
          ...mainRows(ctx).slice(1),
        ],
      });
    case "slot_taken":
      delete draft.slot;
      delete draft.attemptId;
      await ctx.reply(t.confirm.slotTaken);
      return step.revisit("slot");
    case "refused":
    case "unavailable": {
      const text =
        outcome.kind === "refused"
          ? t.confirm.failed(hospitalReason(t, outcome.code, outcome.message))
          : t.confirm.unavailable;
      return showMenu(ctx, {
        text,
        rows: [[{ text: t.confirm.retry, action: "retry" }], ...mainRows(ctx).slice(1)],
      });
    }
  }
}

export const confirmStep = defineStep({
  state: confirmState,
  render,
  ownRetry: true,
  async onButton(ctx, button, step) {
    const st = step.state;
    switch (button.action) {
      case "ok":
      case "retry":
        return place(ctx, step);
      case "quit":
        return step.quit();
      case "unbooked": {
        const userId = ctx.from?.id;
        const settled = userId !== undefined && (await ctx.deps.orders.settleNotBooked(userId, button.arg));
        await answerButton(ctx, settled ? ctx.t.confirm.notBookedNoted : ctx.t.flow.expired);
        return render(ctx, step);
      }
      case "back":
        delete st.changing;
        return render(ctx, step);
      case "change":
        if (button.arg === "time") return step.revisit("time");
        if (button.arg === "patient") {
          const draft = draftOf(ctx);
          draft.revising = true;
          draft.question = "name";
          return step.revisit("patient");
        }
        st.changing = true;
        return render(ctx, step);
      default:
        await answerButton(ctx, ctx.t.flow.expired);
    }
  },
});

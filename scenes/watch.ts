// Setting a watch, a side trip off the booking route (a row of the flow table marked `side`): which days
// (the next 3, 7 or 14, or the hospital's whole window), then which sessions (morning, afternoon, evening
// or any), then, only when the user has saved patients, whether it books by itself and for whom, under a
// plain warning about hospitals' blacklists (src/watch/auto-book.ts). Entered from a doctor's days it watches that doctor; from a department's doctor list, any
// doctor of it. Done or Back, the patient is back on the step they came from, with one line saying what
// is watched, until when, and how to stop.
import { z } from "zod";
import { answerButton } from "../src/bot/answer.js";
import type { BotContext } from "../src/bot/context.js";
import { maskName } from "../src/patient/mask.js";
import { navRow } from "../src/telegram/keyboards.js";
import { type Button, showMenu } from "../src/telegram/menu.js";
import { dayText, targetText, watchSetText } from "../src/watch/messages.js";
import {
  DAY_CHOICES,
  type DayChoice,
  SESSION_CHOICES,
  type SessionChoice,
  type WatchTarget,
} from "../src/watch/watch.js";
import { draftOf } from "./shared/draft.js";
import { savedPatientLabel } from "./shared/patient-gate.js";
import { defineStep, type StepScope } from "./shared/step.js";

const setupState = z.object({
  /** the step the set-up was entered from (the flow records it for a side trip) */
  from: z.string().optional(),
  days: z.enum(DAY_CHOICES).optional(),
  /** chosen, while the book-by-itself question is open */
  sessions: z.enum(SESSION_CHOICES).optional(),
});
type SetupState = z.infer<typeof setupState>;

/** What the patient was looking at: a doctor's days watch the doctor, a doctor list the department. */
function targetOf(ctx: BotContext, st: SetupState): WatchTarget | undefined {
  const { unitId, depId, doctorId } = draftOf(ctx);
  if (!unitId || !depId) return undefined;
  if (st.from === "doctor" || !doctorId) return { kind: "department", unitId, depId };
  return { kind: "doctor", unitId, depId, doctorId };
}

async function render(ctx: BotContext, step: StepScope<SetupState>): Promise<void> {
  const t = ctx.t;
  const target = targetOf(ctx, step.state);
  if (!target) return step.back();
  const what = await targetText(t, ctx.deps.catalog, target);
  if (!step.state.days) {
    const days = DAY_CHOICES.map((d) => ({ text: t.watch.days[d], action: "pick" as const, arg: d }));
    return showMenu(ctx, { text: t.watch.askDays(what), rows: [days.slice(0, 2), days.slice(2), navRow(t)] });
  }
  if (step.state.sessions) {
    const saved = ctx.from ? await ctx.deps.patients.list(ctx.from.id) : [];
    const rows: Button[][] = saved.map((p) => [
      { text: t.watch.auto.patientButton(savedPatientLabel(ctx, p.answers)), action: "pick", arg: p.id },
    ]);
    rows.push([{ text: t.watch.auto.notifyOnly, action: "other" }], navRow(t));
    return showMenu(ctx, { text: t.watch.auto.ask(what), rows });
  }
  const until = dayText(t, await ctx.deps.watches.lastDayFor(target, step.state.days));
  const sessions = SESSION_CHOICES.map((s) => ({
    text: t.watch.sessions[s],
    action: "pick" as const,
    arg: s,
  }));
  await showMenu(ctx, {
    text: t.watch.askSessions(what, until),
    rows: [sessions.slice(0, 3), sessions.slice(3), navRow(t)],
  });
}

async function create(
  ctx: BotContext,
  step: StepScope<SetupState>,
  days: DayChoice,
  sessions: SessionChoice,
  autoBook?: { patientId: string; patientMasked: string },
): Promise<void> {
  const target = targetOf(ctx, step.state);
  if (!target || !ctx.from || !ctx.chat) return answerButton(ctx, ctx.t.flow.expired);
  const made = await ctx.deps.watches.create({
    userId: ctx.from.id,
    chatId: ctx.chat.id,
    lang: ctx.lang,
    target,
    days,
    sessions,
    autoBook,
  });
  let line =
    made.kind === "limit"
      ? ctx.t.watch.limit(made.max)
      : await watchSetText(ctx.t, ctx.deps.catalog, made.watch);
  if (made.kind === "created" && autoBook) line += `\n${ctx.t.watch.auto.setNote(autoBook.patientMasked)}`;
  // back where the patient came from, and the line below it
  await step.done();
  await ctx.reply(line);
}

/** The warning was on screen with the buttons: this saved patient's watch books by itself. */
async function pickPatient(
  ctx: BotContext,
  step: StepScope<SetupState>,
  days: DayChoice,
  sessions: SessionChoice,
  patientId: string,
): Promise<void> {
  const saved = ctx.from ? await ctx.deps.patients.get(ctx.from.id, patientId) : undefined;
  if (!saved) {
    await answerButton(ctx, ctx.t.savedPatients.gone);
    return render(ctx, step);
  }
  const patientMasked = maskName(saved.answers.name ?? "");
  return create(ctx, step, days, sessions, { patientId: saved.id, patientMasked });
}

export const watchSetupStep = defineStep({
  state: setupState,
  render,
  async onButton(ctx, button, step) {
    const st = step.state;
    switch (button.action) {
      case "quit":
        return step.quit();
      case "back":
        if (st.sessions) {
          delete st.sessions;
          return render(ctx, step);
        }
        if (st.days) {
          delete st.days;
          return render(ctx, step);
        }
        return step.back();
      case "pick": {
        if (!st.days) {
          const days = z.enum(DAY_CHOICES).safeParse(button.arg);
          if (!days.success) return answerButton(ctx, ctx.t.flow.expired);
          st.days = days.data;
          return render(ctx, step);
        }
        if (st.sessions) return pickPatient(ctx, step, st.days, st.sessions, button.arg);
        const sessions = z.enum(SESSION_CHOICES).safeParse(button.arg);
        if (!sessions.success || !ctx.from) return answerButton(ctx, ctx.t.flow.expired);
        // booking by itself is offered only to a user with saved patients
        if ((await ctx.deps.patients.inventoryOf(ctx.from.id)).count > 0) {
          st.sessions = sessions.data;
          return render(ctx, step);
        }
        return create(ctx, step, st.days, sessions.data);
      }
      case "other":
        if (!st.days || !st.sessions) return answerButton(ctx, ctx.t.flow.expired);
        return create(ctx, step, st.days, st.sessions);
      default:
        await answerButton(ctx, ctx.t.flow.expired);
    }
  },
});

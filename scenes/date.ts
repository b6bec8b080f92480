// The days of the hospital's booking window that have sessions, then the sessions of the chosen
// day (period, level, fee, places left). Full days and sessions are shown, never offered for booking.
import { z } from "zod";
import { answerButton } from "../src/bot/answer.js";
import type { BotContext } from "../src/bot/context.js";
import { daysWithSessions, formatFee, isBookable, windowEnd } from "../src/schedule/schedule-days.js";
import { navRow, pagedList } from "../src/telegram/keyboards.js";
import { type Button, showMenu } from "../src/telegram/menu.js";
import { chinaToday, weekdayOf } from "../src/time/china-time.js";
import { draftOf } from "./shared/draft.js";
import { defineStep, type StepScope } from "./shared/step.js";

/** A bookable session as drawn, so a tap books what the patient saw without asking the hospital again. */
const drawnSession = z.object({
  scheduleId: z.string(),
  date: z.string(),
  period: z.enum(["am", "pm", "em"]),
});

const dateState = z.object({
  /** the day whose sessions are open; absent: the list of days */
  day: z.string().optional(),
  page: z.number().int().min(0).optional(),
  sessions: z.array(drawnSession).optional(),
});
type DateState = z.infer<typeof dateState>;

const DAYS_PER_PAGE = 10;

function dayLabel(ctx: BotContext, date: string): string {
  return ctx.t.date.dayLabel(date.slice(5), weekdayOf(date));
}

async function loadWindow(ctx: BotContext) {
  const { unitId = "", depId = "", doctorId = "" } = draftOf(ctx);
  const { catalog, now } = ctx.deps;
  const [hospital, doctor] = await Promise.all([
    catalog.hospital(unitId),
    catalog.doctor(unitId, depId, doctorId),
  ]);
  const windowDays = hospital?.bookingWindowDays ?? 7;
  const from = chinaToday(now());
  const to = windowEnd(from, windowDays);
  const schedules = await catalog.schedules(unitId, depId, doctorId, from, to);
  return { hospital, doctor, windowDays, from, to, days: daysWithSessions(schedules, from, to) };
}

async function render(ctx: BotContext, { state: view }: StepScope<DateState>): Promise<void> {
  const w = await loadWindow(ctx);
  const t = ctx.t;
  const doctorName = w.doctor ? t.doctor.button(w.doctor.name, w.doctor.title) : "";
  const day = view.day ? w.days.find((d) => d.date === view.day) : undefined;
  if (day) {
    const lines = [t.date.sessionsPrompt(doctorName, dayLabel(ctx, day.date))];
    const rows: Button[][] = [];
    for (const session of day.sessions) {
      const line = t.date.sessionLine(
        session.period,
        session.levelName,
        formatFee(session.fee),
        session.available,
      );
      lines.push(`• ${line}`);
      rows.push([
        isBookable(session)
          ? { text: line, action: "pick", arg: session.scheduleId }
          : { text: `🚫 ${line}`, action: "full", arg: session.scheduleId },
      ]);
    }
    // a day with every session full: watching is the way to a place
    if (!day.sessions.some(isBookable)) rows.push([{ text: t.watch.watchButton, action: "watch" }]);
    rows.push(navRow(t));
    view.sessions = day.sessions
      .filter(isBookable)
      .map((x) => ({ scheduleId: x.scheduleId, date: x.date, period: x.period }));
    return showMenu(ctx, { text: lines.join("\n"), rows });
  }
  const lines = [t.date.prompt(doctorName, w.from.slice(5), w.to.slice(5))];
  if (w.days.length === 0) lines.push(t.date.none(w.windowDays));
  else if (w.days.every((d) => d.free === 0)) lines.push(t.date.allFull);
  if (w.hospital) {
    const { hour, minute } = w.hospital.appointmentOpenTime;
    lines.push(t.date.releaseHint(`${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`));
  }
  const items = w.days.map((d) => ({ text: t.date.dayButton(dayLabel(ctx, d.date), d.free), arg: d.date }));
  const chosen = draftOf(ctx).date;
  const chosenIndex = items.findIndex((i) => i.arg === chosen);
  const page = view.page ?? (chosenIndex > 0 ? Math.floor(chosenIndex / DAYS_PER_PAGE) : 0);
  const listed = pagedList(t, items, page, { columns: 2, perPage: DAYS_PER_PAGE, chosenArg: chosen });
  view.page = listed.page;
  delete view.sessions;
  // 🔔 Watch: first, before the days, when every session is full; else under them
  const watch = [{ text: t.watch.watchButton, action: "watch" as const }];
  const allFull = w.days.every((d) => d.free === 0);
  const rows = allFull ? [watch, ...listed.rows] : [...listed.rows, watch];
  await showMenu(ctx, { text: lines.join("\n"), rows: [...rows, navRow(t)] });
}

export const dateStep = defineStep({
  state: dateState,
  // Back from the slots (or "change the time") reopens the day chosen before
  arrive: (ctx, how) => {
    const day = draftOf(ctx).date;
    return (how === "back" || how === "revisit") && day ? { day } : {};
  },
  render,
  async onButton(ctx, button, step) {
    const st = step.state;
    switch (button.action) {
      case "quit":
        return step.quit();
      case "back":
        if (st.day) {
          delete st.day;
          return render(ctx, step);
        }
        return step.back();
      case "full":
        await answerButton(ctx, ctx.t.date.sessionFull, true);
        return;
      case "watch":
        return step.revisit("watch");
      case "pick": {
        if (!st.day) {
          st.day = button.arg;
          return render(ctx, step);
        }
        const session = st.sessions?.find((x) => x.scheduleId === button.arg);
        if (!session) {
          await answerButton(ctx, ctx.t.flow.expired);
          return render(ctx, step);
        }
        return step.done({ scheduleId: session.scheduleId, date: session.date, period: session.period });
      }
      default:
        await answerButton(ctx, ctx.t.flow.expired);
    }
  },
});

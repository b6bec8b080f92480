// The chosen session's time slots, always fetched live: only free ones can be tapped.
import { z } from "zod";
import { answerButton } from "../src/bot/answer.js";
import type { BotContext } from "../src/bot/context.js";
import { slotSnapshotSchema } from "../src/bot/session.js";
import { navRow, pagedList } from "../src/telegram/keyboards.js";
import { showMenu } from "../src/telegram/menu.js";
import { clockOf, weekdayOf } from "../src/time/china-time.js";
import { draftOf } from "./shared/draft.js";
import { defineStep, type StepScope } from "./shared/step.js";

const SLOTS_PER_PAGE = 12;

const slotState = z.object({
  page: z.number().int().min(0).optional(),
  /** the free slots as drawn, so that a tap books what was shown without asking the hospital again */
  shown: z.array(slotSnapshotSchema).optional(),
});
type SlotState = z.infer<typeof slotState>;

async function load(ctx: BotContext) {
  const { unitId = "", depId = "", doctorId = "", scheduleId = "" } = draftOf(ctx);
  const { catalog } = ctx.deps;
  const [doctor, slots] = await Promise.all([
    catalog.doctor(unitId, depId, doctorId),
    catalog.slots(unitId, scheduleId),
  ]);
  return { doctor, free: slots.filter((s) => s.available > 0) };
}

async function render(ctx: BotContext, { state }: StepScope<SlotState>): Promise<void> {
  const t = ctx.t;
  const draft = draftOf(ctx);
  const { doctor, free } = await load(ctx);
  const date = draft.date ?? "";
  const period = draft.period ? t.period[draft.period] : "";
  const header = t.slot.prompt(
    doctor ? t.doctor.button(doctor.name, doctor.title) : "",
    t.date.dayLabel(date.slice(5), weekdayOf(date)),
    period,
  );
  const items = free.map((s) => ({
    text: t.slot.button(clockOf(s.beginTime), clockOf(s.endTime), s.available),
    arg: s.resourceId,
  }));
  state.shown = free.map((s) => ({
    resourceId: s.resourceId,
    scheduleId: s.scheduleId,
    beginTime: s.beginTime,
    endTime: s.endTime,
    fee: s.fee,
  }));
  const listed = pagedList(t, items, state.page ?? 0, {
    columns: 2,
    perPage: SLOTS_PER_PAGE,
    chosenArg: draft.slot?.resourceId,
  });
  state.page = listed.page;
  const text = free.length === 0 ? `${header}\n${t.slot.none}` : header;
  await showMenu(ctx, { text, rows: [...listed.rows, navRow(t)] });
}

export const slotStep = defineStep({
  state: slotState,
  render,
  async onButton(ctx, button, step) {
    switch (button.action) {
      case "quit":
        return step.quit();
      case "back":
        return step.back();
      case "pick": {
        const slot = step.state.shown?.find((s) => s.resourceId === button.arg);
        if (!slot) {
          await answerButton(ctx, ctx.t.flow.expired);
          return render(ctx, step);
        }
        // a new choice of time is a new attempt: at most one order per attempt
        return step.done({ slot, attemptId: undefined });
      }
      default:
        await answerButton(ctx, ctx.t.flow.expired);
    }
  },
});

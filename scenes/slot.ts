// Step 6: the chosen session's time slots, always fetched live: only free ones can be tapped.
import { z } from "zod";
import { answerButton } from "../src/bot/answer.js";
import type { BotContext } from "../src/bot/context.js";
import { navRow, pagedList } from "../src/telegram/keyboards.js";
import { showMenu } from "../src/telegram/menu.js";
import { clockOf, weekdayOf } from "../src/time/china-time.js";
import { nextPatientStep } from "./patient.js";
import { draftOf, goTo, quitFlow } from "./shared/flow.js";
import { defineStep, stepState } from "./shared/step.js";

const SLOTS_PER_PAGE = 12;

const shownSlots = z.array(z.tuple([z.string(), z.string(), z.string(), z.string(), z.number()]));

async function load(ctx: BotContext) {
  const { unitId = "", depId = "", doctorId = "", scheduleId = "" } = draftOf(ctx);
  const { catalog } = ctx.deps;
  const [doctor, slots] = await Promise.all([
    catalog.doctor(unitId, depId, doctorId),
    catalog.slots(unitId, scheduleId),
  ]);
  return { doctor, free: slots.filter((s) => s.available > 0) };
}

async function render(ctx: BotContext): Promise<void> {
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
  // kept so that a tap books what was shown without asking the hospital again
  stepState(ctx).shown = free.map((s) => [s.resourceId, s.scheduleId, s.beginTime, s.endTime, s.fee]);
  const page = Number(stepState(ctx).page ?? 0) || 0;
  const listed = pagedList(t, items, page, {
    columns: 2,
    perPage: SLOTS_PER_PAGE,
    chosenArg: draft.slot?.resourceId,
  });
  stepState(ctx).page = listed.page;
  const text = free.length === 0 ? `${header}\n${t.slot.none}` : header;
  await showMenu(ctx, { text, rows: [...listed.rows, navRow(t)] });
}

export const slotStep = defineStep("slot", {
  render,
  async onButton(ctx, button) {
    switch (button.action) {
      case "quit":
        return quitFlow(ctx);
      case "back":
        return goTo(ctx, "date", { day: draftOf(ctx).date });
      case "pick": {
        const shown = shownSlots.safeParse(stepState(ctx).shown);
        const row = shown.success ? shown.data.find(([id]) => id === button.arg) : undefined;
        if (!row) {
          await answerButton(ctx, ctx.t.flow.expired);
          return render(ctx);
        }
        const [resourceId, scheduleId, beginTime, endTime, fee] = row;
        const draft = draftOf(ctx);
        draft.slot = { resourceId, scheduleId, beginTime, endTime, fee };
        delete draft.attemptId;
        return nextPatientStep(ctx);
      }
      default:
        await answerButton(ctx, ctx.t.flow.expired);
    }
  },
});

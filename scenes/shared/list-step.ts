// The shape shared by the city, hospital, department and doctor steps: a paged list of buttons that
// typing filters (by name or pinyin initials), with Back and Cancel, showing the earlier choice again.
import { z } from "zod";
import { answerButton } from "../../src/bot/answer.js";
import type { BotContext } from "../../src/bot/context.js";
import { filterByName } from "../../src/search/name-filter.js";
import type { CallbackData } from "../../src/telegram/callback-data.js";
import { type Item, navRow, pagedList, pageOf } from "../../src/telegram/keyboards.js";
import { type Button, showMenu } from "../../src/telegram/menu.js";
import { type DraftChoice, defineStep, type FlowStep, type StepScope } from "./step.js";

const MAX_FILTER_LENGTH = 40;

const listState = z.object({ page: z.number().int().min(0).optional(), filter: z.string().optional() });
type ListState = z.infer<typeof listState>;

export interface ListSpec<T> {
  load(ctx: BotContext): Promise<T[]>;
  item(ctx: BotContext, t: T): Item;
  nameOf(t: T): string;
  prompt(ctx: BotContext): Promise<string>;
  empty(ctx: BotContext): string;
  chosen(ctx: BotContext): string | undefined;
  /** the draft fields a tap on `chosen` sets */
  choose(chosen: T): DraftChoice;
  columns?: number;
  /** one more row under the list (the doctor list's "Watch any doctor") and what its buttons do */
  extra?: {
    row(ctx: BotContext): Button[];
    onButton(ctx: BotContext, button: CallbackData, step: StepScope<ListState>): Promise<void>;
  };
}

export function defineListStep<T>(spec: ListSpec<T>): FlowStep {
  async function render(ctx: BotContext, { state, hasBack }: StepScope<ListState>): Promise<void> {
    const { page, filter = "" } = state;
    const all = await spec.load(ctx);
    const t = ctx.t;
    const shown = filter ? filterByName(all, filter, spec.nameOf) : all;
    const items = shown.map((x) => spec.item(ctx, x));
    const chosen = spec.chosen(ctx);
    const listed = pagedList(t, items, page ?? pageOf(items, chosen), {
      columns: spec.columns ?? 1,
      chosenArg: chosen,
    });
    state.page = listed.page;
    const lines = [await spec.prompt(ctx)];
    if (all.length === 0) lines.push(spec.empty(ctx));
    else if (filter && items.length === 0) lines.push(t.flow.filterNone(filter));
    else if (filter) lines.push(t.flow.filterActive(filter));
    else if (listed.pages > 1) lines.push(t.flow.filterHint);
    if (listed.pages > 1) lines.push(t.nav.page(listed.page + 1, listed.pages));
    const rows: Button[][] = [...listed.rows];
    if (filter) rows.push([{ text: t.flow.clearFilter, action: "clear" }]);
    if (spec.extra && all.length > 0) rows.push(spec.extra.row(ctx));
    rows.push(navRow(t, { back: hasBack }));
    await showMenu(ctx, { text: lines.join("\n"), rows });
  }

  return defineStep({
    state: listState,
    render,
    async onButton(ctx, button, step) {
      switch (button.action) {
        case "clear":
          step.state.filter = "";
          step.state.page = 0;
          return render(ctx, step);
        case "back":
          return step.hasBack ? step.back() : render(ctx, step);
        case "quit":
          return step.quit();
        case "pick": {
          const all = await spec.load(ctx);
          const found = all.find((x) => spec.item(ctx, x).arg === button.arg);
          if (!found) {
            await answerButton(ctx, ctx.t.flow.expired);
            return render(ctx, step);
          }
          return step.done(spec.choose(found));
        }
        default:
          if (spec.extra) return spec.extra.onButton(ctx, button, step);
          await answerButton(ctx, ctx.t.flow.expired);
      }
    },
    async onText(ctx, text, step) {
      if (text.startsWith("/")) return;
      step.state.filter = text.trim().slice(0, MAX_FILTER_LENGTH);
      step.state.page = 0;
      await render(ctx, step);
    },
    async onOther(ctx) {
      await ctx.reply(ctx.t.flow.textNotExpected);
    },
  });
}

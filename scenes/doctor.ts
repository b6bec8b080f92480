// The department's doctors, with their titles.
import { answerButton } from "../src/bot/answer.js";
import { draftOf } from "./shared/draft.js";
import { defineListStep } from "./shared/list-step.js";

export const doctorStep = defineListStep({
  async load(ctx) {
    const { unitId, depId } = draftOf(ctx);
    return unitId && depId ? ctx.deps.catalog.doctors(unitId, depId) : [];
  },
  item: (ctx, d) => ({ text: ctx.t.doctor.button(d.name, d.title), arg: d.doctorId }),
  nameOf: (d) => d.name,
  async prompt(ctx) {
    const { unitId = "", depId = "" } = draftOf(ctx);
    const [hospital, department] = await Promise.all([
      ctx.deps.catalog.hospital(unitId),
      ctx.deps.catalog.department(unitId, depId),
    ]);
    return ctx.t.doctor.prompt(hospital?.name ?? "", department?.name ?? "");
  },
  empty: (ctx) => ctx.t.doctor.none,
  chosen: (ctx) => draftOf(ctx).doctorId,
  choose: (doctor) => ({ doctorId: doctor.doctorId }),
  extra: {
    row: (ctx) => [{ text: ctx.t.watch.watchAnyButton, action: "watch" }],
    async onButton(ctx, button, step) {
      if (button.action === "watch") return step.revisit("watch");
      await answerButton(ctx, ctx.t.flow.expired);
    },
  },
});

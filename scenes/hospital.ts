// Step 2: the chosen city's hospitals, with their level.
import { choose, draftOf, goTo } from "./shared/flow.js";
import { defineListStep } from "./shared/list-step.js";

export const hospitalStep = defineListStep("hospital", {
  async load(ctx) {
    const city = draftOf(ctx).city;
    return city ? ctx.deps.catalog.hospitals(city) : [];
  },
  item: (ctx, h) => ({ text: ctx.t.hospital.button(h.name, h.level), arg: h.unitId }),
  nameOf: (h) => h.name,
  prompt: async (ctx) => ctx.t.hospital.prompt(draftOf(ctx).city ?? ""),
  empty: (ctx) => ctx.t.city.none,
  chosen: (ctx) => draftOf(ctx).unitId,
  async pick(ctx, hospital) {
    choose(ctx, "unitId", hospital.unitId);
    await goTo(ctx, "department");
  },
  back: (ctx) => goTo(ctx, "city"),
});

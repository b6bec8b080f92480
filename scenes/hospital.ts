// The chosen city's hospitals, with their level.
import { draftOf } from "./shared/draft.js";
import { defineListStep } from "./shared/list-step.js";

export const hospitalStep = defineListStep({
  async load(ctx) {
    const city = draftOf(ctx).city;
    return city ? ctx.deps.catalog.hospitals(city) : [];
  },
  item: (ctx, h) => ({ text: ctx.t.hospital.button(h.name, h.level), arg: h.unitId }),
  nameOf: (h) => h.name,
  prompt: async (ctx) => ctx.t.hospital.prompt(draftOf(ctx).city ?? ""),
  empty: (ctx) => ctx.t.city.none,
  chosen: (ctx) => draftOf(ctx).unitId,
  choose: (hospital) => ({ unitId: hospital.unitId }),
});

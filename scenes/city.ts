// The cities that have hospitals.
import { createHash } from "node:crypto";
import { draftOf } from "./shared/draft.js";
import { defineListStep } from "./shared/list-step.js";

/** City names are Chinese and buttons carry ASCII only: a button names its city by a short digest. */
const cityArg = (name: string) => createHash("sha1").update(name).digest("hex").slice(0, 10);

export const cityStep = defineListStep({
  load: (ctx) => ctx.deps.catalog.cities(),
  item: (ctx, c) => ({ text: ctx.t.city.button(c.name, c.hospitalCount), arg: cityArg(c.name) }),
  nameOf: (c) => c.name,
  prompt: async (ctx) => ctx.t.city.prompt,
  empty: (ctx) => ctx.t.city.none,
  chosen: (ctx) => {
    const city = draftOf(ctx).city;
    return city === undefined ? undefined : cityArg(city);
  },
  columns: 2,
  choose: (city) => ({ city: city.name }),
});

// The hospital's departments.
import { draftOf } from "./shared/draft.js";
import { defineListStep } from "./shared/list-step.js";

export const departmentStep = defineListStep({
  async load(ctx) {
    const unitId = draftOf(ctx).unitId;
    return unitId ? ctx.deps.catalog.departments(unitId) : [];
  },
  item: (_ctx, d) => ({ text: d.name, arg: d.depId }),
  nameOf: (d) => d.name,
  async prompt(ctx) {
    const unitId = draftOf(ctx).unitId ?? "";
    const hospital = await ctx.deps.catalog.hospital(unitId);
    return ctx.t.department.prompt(hospital?.name ?? "");
  },
  empty: (ctx) => ctx.t.department.none,
  chosen: (ctx) => draftOf(ctx).depId,
  columns: 2,
  choose: (department) => ({ depId: department.depId }),
});

// The three basicInfo lists and the token endpoint.

import { chinaDate } from "./clock.js";
import { departmentOf, hospitalOf, type Route } from "./context.js";
import { badParameter } from "./refusal.js";
import { optionalInt, page, pageParams, requiredInt, requiredString } from "./validation.js";
import { depWire, doctorWire, unitWire } from "./wire.js";

export const appToken: Route = {
  method: "GET",
  auth: false,
  handle(p, ctx) {
    const appId = requiredInt(p, "appId");
    const appSecret = requiredString(p, "appSecret");
    // badParameter rather than the invalid-token code, so a client refreshing on that code cannot loop.
    if (!ctx.tokens.credentialsMatch(appId, appSecret)) throw badParameter("appId或appSecret错误");
    return { data: ctx.tokens.issue() };
  },
};

export const unitList: Route = {
  method: "GET",
  auth: true,
  handle(p, ctx) {
    const paging = pageParams(p, ctx.pageSizeCap);
    const today = chinaDate(ctx.now());
    const { list, total } = page(ctx.world.hospitals, paging);
    return { data: { list: list.map((h) => unitWire(h, today)), total } };
  },
};

export const depList: Route = {
  method: "GET",
  auth: true,
  handle(p, ctx) {
    const h = hospitalOf(ctx, requiredInt(p, "unitId"));
    const { list, total } = page(h.departments, pageParams(p, ctx.pageSizeCap));
    return { data: { list: list.map(depWire), total } };
  },
};

export const doctorList: Route = {
  method: "GET",
  auth: true,
  handle(p, ctx) {
    const h = hospitalOf(ctx, requiredInt(p, "unitId"));
    const d = departmentOf(h, requiredInt(p, "depId"));
    const paging = pageParams(p, ctx.pageSizeCap);
    const doctorId = optionalInt(p, "doctorId");
    const name = typeof p.doctorName === "string" ? p.doctorName.trim() : "";
    const matching = d.doctors.filter(
      (doc) =>
        (doctorId === undefined || doc.doctorId === doctorId) && (name === "" || doc.name.includes(name)),
    );
    const { list, total } = page(matching, paging);
    return { data: { list: list.map(doctorWire), total } };
  },
};

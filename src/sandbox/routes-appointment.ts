// Schedules and slots: what the client can see of a doctor's days, with this run's bookings applied.
import { departmentOf, doctorOf, hospitalOf, isOpen, type Route, upcomingSlots } from "./context.js";
import { badParameter } from "./refusal.js";
import { requiredDate, requiredInt, requiredString } from "./validation.js";
import { scheduleWire, slotWire } from "./wire.js";

export const scheduleList: Route = {
  method: "GET",
  auth: true,
  handle(p, ctx) {
    const h = hospitalOf(ctx, requiredInt(p, "unitId"));
    const doctor = doctorOf(departmentOf(h, requiredInt(p, "depId")), requiredInt(p, "doctorId"));
    const beginDate = requiredDate(p, "beginDate", "开始日期");
    const endDate = requiredDate(p, "endDate", "结束日期");
    if (endDate < beginDate) throw badParameter("结束日期不能早于开始日期: endDate");
    const now = ctx.now();
    const data = ctx.world
      .openDates(h, now)
      .filter((date) => date >= beginDate && date <= endDate)
      .flatMap((date) => ctx.world.schedulesFor(doctor, date))
      .flatMap((s) => {
        const slots = upcomingSlots(s, now);
        return slots.length === 0 ? [] : [scheduleWire(s, h.name, ctx.state.totals(slots))];
      });
    return { data };
  },
};

export const resourceList: Route = {
  method: "GET",
  auth: true,
  handle(p, ctx) {
    const unitId = requiredInt(p, "unitId");
    hospitalOf(ctx, unitId);
    const scheduleId = requiredString(p, "scheduleId", "排班ID");
    const s = ctx.world.schedule(scheduleId);
    if (!s || s.unitId !== unitId) throw badParameter(`排班不存在: scheduleId=${scheduleId}`);
    const now = ctx.now();
    if (!isOpen(ctx, s, now)) throw badParameter(`排班已过期或尚未放号: scheduleId=${scheduleId}`);
    const data = upcomingSlots(s, now).map((slot) => slotWire(slot, s.level.fee, ctx.state.appointed(slot)));
    return { data };
  },
};

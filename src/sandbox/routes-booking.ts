// Placing and cancelling an order. Each check answers with the code a client must tell apart: a slot
// that vanished, a slot that filled up, an order that cannot be cancelled any more.
import { API_CODES } from "../hospital/error-codes.js";
import { chinaDate, chinaInstant } from "./clock.js";
import { isOpen, type Route } from "./context.js";
import { validateCancel, validateOrder } from "./order-validation.js";
import { rngFor } from "./prng.js";
import { badParameter, Refusal } from "./refusal.js";

export const order: Route = {
  method: "POST",
  auth: true,
  handle(body, ctx) {
    const now = ctx.now();
    const input = validateOrder(body, { today: chinaDate(now), cardTypes: ctx.cardTypes });
    const found = ctx.world.slot(input.detlId);
    if (!found) throw new Refusal(API_CODES.slotNotFound, `号源不存在: detlId=${input.detlId}`);
    const { schedule, slot } = found;
    if (schedule.unitId !== input.unitId) throw badParameter("号源不属于该医院: unitId");
    if (input.depId !== undefined && schedule.depId !== input.depId) {
      throw badParameter("号源不属于该科室: depId");
    }
    if (input.doctorId !== undefined && schedule.doctorId !== input.doctorId) {
      throw badParameter("号源不属于该医生: doctorId");
    }
    if (!isOpen(ctx, schedule, now) || chinaInstant(slot.beginTime) <= now.getTime()) {
      throw new Refusal(API_CODES.slotNotFound, `号源已过期或尚未放号: detlId=${input.detlId}`);
    }
    if (ctx.state.available(slot) === 0) throw new Refusal(API_CODES.slotFull, "号源已满，请选择其他时段");
    const { appToken: _credential, ...kept } = body;
    const placed = ctx.state.book(slot, kept, (id) =>
      String(rngFor(ctx.world.seed, "take", id).int(100_000, 999_999)),
    );
    return { data: { orderId: placed.orderId, hisTakeNo: placed.hisTakeNo }, msg: "预约成功" };
  },
};

export const cancel: Route = {
  method: "POST",
  auth: true,
  handle(body, ctx) {
    const { orderId, cancelReason } = validateCancel(body);
    const placed = ctx.state.order(orderId);
    if (!placed) throw new Refusal(API_CODES.orderNotFound, `订单不存在: orderId=${orderId}`);
    if (placed.status === "cancelled") {
      throw new Refusal(API_CODES.orderAlreadyCancelled, "订单已取消，请勿重复取消");
    }
    const beginTime = ctx.world.slot(placed.resourceId)?.slot.beginTime;
    if (beginTime && chinaInstant(beginTime) <= ctx.now().getTime()) {
      throw new Refusal(API_CODES.cancelTooLate, "就诊时间已到，无法取消预约");
    }
    ctx.state.cancel(placed, cancelReason);
    return { msg: "取消成功" };
  },
};

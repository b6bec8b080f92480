// A booking placed after a watch's Book now ends that watch: it has done its job. The order service
// stays unaware of watches; the composition root wraps it with this.
import type { OrderService } from "../bookings/place-order.js";
import type { WatchService } from "./service.js";

export function watchingOrders(
  orders: OrderService,
  watches: Pick<WatchService, "bookedThrough">,
): OrderService {
  return {
    ...orders,
    async placeOrderOnce(userId, attemptId, request, summary) {
      const outcome = await orders.placeOrderOnce(userId, attemptId, request, summary);
      if (outcome.kind === "placed")
        await watches.bookedThrough(userId, request.doctorId).catch(() => undefined);
      return outcome;
    },
  };
}

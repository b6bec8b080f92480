// Lets other features follow bookings without touching how orders are placed or cancelled: the
// composition root wraps the two services and is told each placed and each cancelled booking. A
// listener's failure is logged and never changes the patient's outcome (the booking stands; the
// reminders' hourly sweep catches up with a booking a listener missed).

import type { OrderRequest } from "../hospital/types.js";
import type { Logger } from "../observability/logger.js";
import type { CancelService } from "./cancel-booking.js";
import type { OrderService } from "./place-order.js";
import type { BookingRecord } from "./record.js";

export type OnBooked = (userId: number, record: BookingRecord, request: OrderRequest) => Promise<void>;
export type OnCancelled = (userId: number, record: BookingRecord) => Promise<void>;

export function observeOrders(orders: OrderService, onBooked: OnBooked, logger: Logger): OrderService {
  return {
    settleNotBooked: (userId, recordId) => orders.settleNotBooked(userId, recordId),
    unsavedCount: () => orders.unsavedCount(),
    close: () => orders.close(),
    async placeOrderOnce(userId, attemptId, request, summary) {
      const outcome = await orders.placeOrderOnce(userId, attemptId, request, summary);
      if (outcome.kind === "placed") {
        await onBooked(userId, outcome.record, request).catch((err: unknown) =>
          logger.warn({ err, order: outcome.record.orderId }, "a booking listener failed"),
        );
      }
      return outcome;
    },
  };
}

export function observeCancellations(
  cancellations: CancelService,
  onCancelled: OnCancelled,
  logger: Logger,
): CancelService {
  return {
    check: (userId, id) => cancellations.check(userId, id),
    async cancel(userId, id, reason) {
      const outcome = await cancellations.cancel(userId, id, reason);
      if (outcome.kind === "cancelled" || outcome.kind === "already_cancelled") {
        await onCancelled(userId, outcome.record).catch((err: unknown) =>
          logger.warn({ err, order: outcome.record.orderId }, "a cancellation listener failed"),
        );
      }
      return outcome;
    },
  };
}

// Lets other features follow bookings without touching how orders are placed or cancelled: the
// composition root wraps the two services and is told each placed and each cancelled booking. A
// listener's failure is logged and never changes the patient's outcome, and a slow listener (Redis
// stalling) holds the patient's answer back at most LISTENER_WAIT_MS before it carries on alone: the
// booking stands, and the reminders' hourly sweep catches up with a booking a listener missed.

import type { OrderRequest } from "../hospital/types.js";
import type { Logger } from "../observability/logger.js";
import type { CancelService } from "./cancel-booking.js";
import type { OrderService } from "./place-order.js";
import type { BookingRecord } from "./record.js";

/** How long the patient's answer waits for a listener. */
export const LISTENER_WAIT_MS = 2_000;

async function listen(run: () => Promise<void>, logger: Logger, what: object): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      logger.warn(what, "a booking listener is slow; the patient's answer goes on without it");
      resolve();
    }, LISTENER_WAIT_MS);
  });
  const done = run().catch((err: unknown) => logger.warn({ ...what, err }, "a booking listener failed"));
  await Promise.race([done, late]);
  clearTimeout(timer);
}

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
        await listen(() => onBooked(userId, outcome.record, request), logger, {
          order: outcome.record.orderId,
        });
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
        await listen(() => onCancelled(userId, outcome.record), logger, { order: outcome.record.orderId });
      }
      return outcome;
    },
  };
}

// Everything the handlers need, built once by the composition root (src/main.ts) and reached through
// ctx.deps, so tests build the same graph with their own Redis prefix, sandbox and clock.
import type { Logger } from "pino";
import type { CancelService } from "../bookings/cancel-booking.js";
import type { OrderService } from "../bookings/place-order.js";
import type { BookingRecords } from "../bookings/records-store.js";
import type { Catalog } from "../catalog/catalog.js";
import type { HospitalApi } from "../hospital/types.js";
import type { WatchService } from "../watch/service.js";

export interface BotDeps {
  catalog: Catalog;
  api: HospitalApi;
  orders: OrderService;
  bookings: BookingRecords;
  cancellations: CancelService;
  watches: WatchService;
  logger: Logger;
  now: () => Date;
}

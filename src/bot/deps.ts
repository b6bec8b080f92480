// Everything the handlers need, built once by the composition root (src/app.ts) and reached through
// ctx.deps, so tests build the same graph with their own Redis prefix, sandbox and clock.
import type { Logger } from "pino";
import type { CancelService } from "../bookings/cancel-booking.js";
import type { OrderService } from "../bookings/place-order.js";
import type { BookingRecords } from "../bookings/records-store.js";
import type { Catalog } from "../catalog/catalog.js";
import type { SavedPatients } from "../patients/saved-patients.js";
import type { ConsentStore } from "../privacy/consent.js";
import type { UserData } from "../privacy/user-data.js";
import type { Aftercare } from "../reminders/aftercare.js";
import type { BlockedChats } from "../telegram/blocked-chats.js";
import type { WatchService } from "../watch/service.js";

export interface BotDeps {
  catalog: Catalog;
  orders: OrderService;
  bookings: BookingRecords;
  cancellations: CancelService;
  /** reminders, stop-clinic checks and calendar files of booked visits */
  aftercare: Aftercare;
  /** the patients each user asked the bot to remember */
  patients: SavedPatients;
  consent: ConsentStore;
  /** every family of keys kept about a user, for /privacy and /deletedata */
  userData: UserData;
  /** how long records are kept, as /privacy states it */
  retention: { bookingDaysAfterVisit: number; savedPatientIdleDays: number; sessionTtlSeconds: number };
  watches: WatchService;
  logger: Logger;
  now: () => Date;
  /** chats whose patient blocked the bot: background senders skip them */
  blockedChats: BlockedChats;
  /** Redis persists (checked at start-up): only then may an outage notice promise nothing is lost */
  sessionsSurviveRestart?: boolean;
}

// What the aftercare's job handlers share: the stores, the notifier, the settings and the clock, and the
// two lookups every handler starts with.
import type { BookingRecord } from "../bookings/record.js";
import type { BookingRecords } from "../bookings/records-store.js";
import type { Catalog } from "../catalog/catalog.js";
import type { ScheduleSnapshots } from "../catalog/schedule-snapshots.js";
import type { AftercareSettings } from "../config.js";
import type { Hospital } from "../hospital/types.js";
import type { Logger } from "../observability/logger.js";
import type { AftercareJobs } from "./jobs.js";
import type { Notifier } from "./notify.js";
import type { TrackedStore } from "./tracked-store.js";

/** What happened, for metrics: messages sent or skipped, and what each stop-clinic check found. */
export type AftercareEvent =
  | { kind: "reminder" | "stop_alert"; outcome: "sent" | "blocked" }
  | { kind: "check"; outcome: "listed" | "missing" | "confirmed" | "cleared" | "no_answer" };

export interface AftercareRuntime {
  records: BookingRecords;
  store: TrackedStore;
  jobs: AftercareJobs;
  notifier: Notifier;
  snapshots: ScheduleSnapshots;
  settings: AftercareSettings;
  logger: Logger;
  now: () => Date;
  onEvent: (e: AftercareEvent) => void;
  /** the hospital's details, or undefined when the catalog cannot say right now */
  hospitalOf(unitId: string): Promise<Hospital | undefined>;
}

/** A booking that still stands: booked, with an order number. */
export function isLive(r: BookingRecord | undefined): r is BookingRecord & { orderId: string } {
  return r !== undefined && r.status === "booked" && r.orderId !== null;
}

export function hospitalLookup(catalog: Catalog, logger: Logger): AftercareRuntime["hospitalOf"] {
  return async (unitId) => {
    try {
      return await catalog.hospital(unitId);
    } catch (err) {
      logger.warn({ err, unitId }, "hospital details unavailable; the message goes without them");
      return undefined;
    }
  };
}

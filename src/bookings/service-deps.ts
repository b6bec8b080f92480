// What the order and cancel services are built from, the same for both.
import type { Redis } from "ioredis";
import type { HospitalApi } from "../hospital/types.js";
import type { Logger } from "../observability/logger.js";
import type { BookingRecords } from "./records-store.js";

export interface BookingServiceDeps<OutcomeKind extends string> {
  api: HospitalApi;
  records: BookingRecords;
  redis: Redis;
  prefix: string;
  logger: Logger;
  now?: () => Date;
  /** told every outcome, for metrics */
  onOutcome?: (kind: OutcomeKind) => void;
}

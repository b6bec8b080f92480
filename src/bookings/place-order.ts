// Placing an order exactly once, and never losing one the hospital made. One Confirm screen is one
// attempt: its id is claimed in Redis (SET NX) so a double tap, a second device or another process
// cannot post it twice. The booking record is written *before* the POST ("placing") and completed after,
// so a process that dies in between leaves a record /mybookings shows as "outcome unknown". When Redis
// fails after the hospital answered, the confirmation is kept in memory and written again until Redis is
// back (bounded, logged), and the patient is shown the order number and pickup code all the same.
// A patient whose booking for the same schedule is still unknown or placing gets no second POST until
// they have seen it and said they checked with the hospital that it was not booked.
import { API_CODES } from "../hospital/error-codes.js";
import { HospitalApiError, HospitalUnavailableError, OrderOutcomeUnknownError } from "../hospital/errors.js";
import type { OrderConfirmation, OrderRequest } from "../hospital/types.js";
import { maskName } from "../patient/mask.js";
import { patientKeyOf } from "./patient-key.js";
import type { BookingRecord } from "./record.js";
import type { BookingServiceDeps } from "./service-deps.js";

export interface OrderSummary {
  hospital: string;
  department: string;
  doctor: string;
  beginTime: string;
  endTime: string;
  fee: number;
  scheduleId: string;
}

export type PlaceOutcome =
  /** `saved` false: Redis did not take the record yet; it is kept in memory and written again */
  | { kind: "placed"; record: BookingRecord; saved: boolean }
  | { kind: "already"; record: BookingRecord | undefined }
  /** a booking of this patient for this schedule is unknown or placing: shown, nothing posted */
  | { kind: "unresolved"; record: BookingRecord }
  | { kind: "slot_taken" }
  | { kind: "refused"; code: string; message: string }
  | { kind: "unavailable" }
  | { kind: "unknown"; record: BookingRecord };

export interface OrderService {
  placeOrderOnce(
    userId: number,
    attemptId: string,
    request: OrderRequest,
    summary: OrderSummary,
  ): Promise<PlaceOutcome>;
  /**
   * The patient checked with the hospital: the unknown booking `recordId` was not made. Only an unknown
   * record of this user can be settled so, or a placing one left by a process that died (older than
   * PLACING_STALE_MS); a fresher placing one may still be in flight in another process.
   */
  settleNotBooked(userId: number, recordId: string): Promise<boolean>;
  /** confirmations the hospital gave that are not yet in Redis (kept in memory, being retried) */
  unsavedCount(): number;
  /** stops the retries (at shutdown); what is still unsaved is logged */
  close(): void;
}

export interface OrderServiceOptions extends BookingServiceDeps<PlaceOutcome["kind"]> {
  /** pause between writes of an unsaved confirmation */
  saveRetryMs?: number;
  /** how many writes before giving up (logged at error with the order id) */
  saveRetries?: number;
}

const CLAIM_SECONDS = 7 * 86_400;
const PENDING = "pending";
/** longer than any order's deadline: a record still placing after this belongs to a process that died */
export const PLACING_STALE_MS = 5 * 60_000;
const STILL_OPEN: ReadonlySet<BookingRecord["status"]> = new Set(["unknown", "placing"]);

export function createOrderService(opts: OrderServiceOptions): OrderService {
  const now = opts.now ?? (() => new Date());
  const retryMs = opts.saveRetryMs ?? 2_000;
  const maxRetries = opts.saveRetries ?? 300;
  const claimKey = (attemptId: string) => `${opts.prefix}attempt:${attemptId}`;
  const unsaved = new Map<string, { timer: NodeJS.Timeout; record: BookingRecord }>();

  const recordOf = (
    attemptId: string,
    request: OrderRequest,
    summary: OrderSummary,
    fields: Pick<BookingRecord, "id" | "orderId" | "takeNo" | "status">,
  ): BookingRecord => ({
    ...fields,
    attemptId,
    patientKey: patientKeyOf(opts.prefix, request.patient),
    scheduleId: summary.scheduleId,
    unitId: request.unitId,
    hospital: summary.hospital,
    department: summary.department,
    doctor: summary.doctor,
    beginTime: summary.beginTime,
    endTime: summary.endTime,
    fee: summary.fee,
    patientMasked: maskName(request.patient.name),
    placedAt: now().toISOString(),
  });

  /** Writes the booked record over the placing one, and the claim's answer; resolves when Redis took both. */
  async function complete(userId: number, placingId: string, record: BookingRecord): Promise<void> {
    await opts.records.replace(userId, placingId, record);
    if (record.attemptId) await opts.redis.set(claimKey(record.attemptId), record.id, "EX", CLAIM_SECONDS);
  }

  function keepAndRetry(userId: number, placingId: string, record: BookingRecord, err: unknown): void {
    const log = { orderId: record.orderId, attemptId: record.attemptId };
    opts.logger.error({ ...log, err }, "order placed but not recorded: kept in memory, retrying the write");
    let tries = 0;
    const attempt = () => {
      tries += 1;
      complete(userId, placingId, record).then(
        () => {
          unsaved.delete(placingId);
          opts.logger.info({ ...log, tries }, "order placed earlier is now recorded");
        },
        (e: unknown) => {
          if (tries >= maxRetries) {
            unsaved.delete(placingId);
            opts.logger.error({ ...log, err: e, tries }, "order placed but never recorded: giving up");
            return;
          }
          const entry = unsaved.get(placingId);
          if (entry) entry.timer = setTimeout(attempt, retryMs);
        },
      );
    };
    unsaved.set(placingId, { timer: setTimeout(attempt, retryMs), record });
  }

  async function openBooking(userId: number, request: OrderRequest, summary: OrderSummary) {
    const key = patientKeyOf(opts.prefix, request.patient);
    const records = await opts.records.list(userId);
    return records.find(
      (r) => STILL_OPEN.has(r.status) && r.patientKey === key && r.scheduleId === summary.scheduleId,
    );
  }

  async function place(
    userId: number,
    attemptId: string,
    request: OrderRequest,
    summary: OrderSummary,
  ): Promise<PlaceOutcome> {
    const claimed = await opts.redis.set(claimKey(attemptId), PENDING, "EX", CLAIM_SECONDS, "NX");
    if (claimed !== "OK") {
      const existing = await opts.redis.get(claimKey(attemptId));
      const id = existing && existing !== PENDING ? existing : undefined;
      return { kind: "already", record: id ? await opts.records.get(userId, id) : undefined };
    }
    const release = () => opts.redis.del(claimKey(attemptId));
    const open = await openBooking(userId, request, summary).catch(async (e: unknown) => {
      await release().catch(() => 0);
      throw e;
    });
    if (open) {
      await release();
      return { kind: "unresolved", record: open };
    }
    const placing = recordOf(attemptId, request, summary, {
      id: `u-${attemptId}`,
      orderId: null,
      takeNo: null,
      status: "placing",
    });
    // write-ahead: without this record in Redis, nothing is posted
    try {
      await opts.records.add(userId, placing);
    } catch (e) {
      await release().catch(() => 0);
      throw e;
    }
    let confirmation: OrderConfirmation;
    try {
      confirmation = await opts.api.placeOrder(request);
    } catch (e) {
      if (e instanceof OrderOutcomeUnknownError) {
        const record = { ...placing, status: "unknown" as const };
        await opts.records.add(userId, record);
        await opts.redis.set(claimKey(attemptId), record.id, "EX", CLAIM_SECONDS);
        opts.logger.warn({ attemptId }, "order outcome unknown; recorded and not resubmitted");
        return { kind: "unknown", record };
      }
      if (e instanceof HospitalApiError || e instanceof HospitalUnavailableError) {
        // the hospital said no, or was never reached: nothing was booked
        await opts.records.remove(userId, placing.id);
        await release();
        if (e instanceof HospitalUnavailableError) return { kind: "unavailable" };
        if (e.code === API_CODES.slotFull || e.code === API_CODES.slotNotFound) return { kind: "slot_taken" };
        return { kind: "refused", code: e.code, message: e.apiMessage };
      }
      throw e;
    }
    const record: BookingRecord = {
      ...placing,
      id: confirmation.orderId,
      orderId: confirmation.orderId,
      takeNo: confirmation.hisTakeNo,
      status: "booked",
    };
    try {
      await complete(userId, placing.id, record);
      return { kind: "placed", record, saved: true };
    } catch (e) {
      keepAndRetry(userId, placing.id, record, e);
      return { kind: "placed", record, saved: false };
    }
  }

  return {
    async placeOrderOnce(userId, attemptId, request, summary) {
      const outcome = await place(userId, attemptId, request, summary);
      opts.onOutcome?.(outcome.kind);
      return outcome;
    },
    async settleNotBooked(userId, recordId) {
      const current = await opts.records.get(userId, recordId);
      const stalePlacing =
        current?.status === "placing" && now().getTime() - Date.parse(current.placedAt) > PLACING_STALE_MS;
      if (current?.status !== "unknown" && !stalePlacing) return false;
      await opts.records.update(userId, recordId, { status: "not_booked" });
      opts.logger.info({ recordId }, "patient checked with the hospital: an unknown order was not booked");
      return true;
    },
    unsavedCount: () => unsaved.size,
    close() {
      for (const [id, entry] of unsaved) {
        clearTimeout(entry.timer);
        opts.logger.error(
          { orderId: entry.record.orderId, placingId: id },
          "stopping with an order placed but not recorded",
        );
      }
      unsaved.clear();
    },
  };
}

// Cancelling a booking the patient made through the bot. The bot's own record is the only proof of who
// placed an order, so a booking is looked up in the asking user's record alone: another user's order id
// is "not found", exactly like one that never existed, and never reaches the hospital. One cancellation
// per order is in flight at a time, across devices and processes, through a Redis claim (SET NX).
import { randomBytes } from "node:crypto";
import { API_CODES } from "../hospital/error-codes.js";
import { HospitalApiError, HospitalUnavailableError } from "../hospital/errors.js";
import { isUpcoming } from "./bookings-view.js";
import type { BookingRecord } from "./record.js";
import type { BookingServiceDeps } from "./service-deps.js";

/** Why a booking cannot be cancelled, known without asking the hospital. */
export type CancelBlocked =
  | { kind: "not_found" }
  | { kind: "already_cancelled"; record: BookingRecord }
  | { kind: "unknown_outcome"; record: BookingRecord }
  | { kind: "past"; record: BookingRecord };

export type CancelCheck = { kind: "cancellable"; record: BookingRecord } | CancelBlocked;

export type CancelOutcome =
  | { kind: "cancelled"; record: BookingRecord }
  | CancelBlocked
  /** another tap, device or process is cancelling this order right now */
  | { kind: "in_progress" }
  | { kind: "too_late"; record: BookingRecord }
  /** the hospital does not know an order we recorded */
  | { kind: "hospital_not_found"; record: BookingRecord }
  | { kind: "refused"; code: string; message: string }
  | { kind: "unavailable" };

export interface CancelService {
  /** What the patient may do with this booking of theirs; asks nothing of the hospital. */
  check(userId: number, id: string): Promise<CancelCheck>;
  /** Cancels through the hospital at most once at a time per order; `reason` as parseReason left it. */
  cancel(userId: number, id: string, reason: string): Promise<CancelOutcome>;
}

export const MAX_REASON_LENGTH = 100;

export type ParsedReason = { ok: true; reason: string } | { ok: false; problem: "empty" | "too_long" };

/** A typed reason, on one line; counted in characters as the patient sees them, not UTF-16 units. */
export function parseReason(text: string): ParsedReason {
  const reason = text.replace(/\s+/g, " ").trim();
  if (reason === "") return { ok: false, problem: "empty" };
  if (Array.from(reason).length > MAX_REASON_LENGTH) return { ok: false, problem: "too_long" };
  return { ok: true, reason };
}

/** Longer than the client's deadline for one cancel call, so a claim outlives its call, not a crash. */
const CLAIM_SECONDS = 120;
/** Deletes the claim only while it is still ours: a call that outlived it must not free another's. */
const RELEASE_OWN_CLAIM =
  "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0";
/** What an order id may look like here; anything else cannot be one of ours. */
const ID_SHAPE = /^[\w.:-]{1,48}$/;

export function createCancelService(opts: BookingServiceDeps<CancelOutcome["kind"]>): CancelService {
  const now = opts.now ?? (() => new Date());
  const claimKey = (orderId: string) => `${opts.prefix}cancel:${orderId}`;

  async function check(userId: number, id: string): Promise<CancelCheck> {
    const record = ID_SHAPE.test(id) ? await opts.records.get(userId, id) : undefined;
    if (!record) return { kind: "not_found" };
    if (record.status === "cancelled") return { kind: "already_cancelled", record };
    if (record.status === "unknown" || record.orderId === null) return { kind: "unknown_outcome", record };
    if (!isUpcoming(record, now())) return { kind: "past", record };
    return { kind: "cancellable", record };
  }

  async function markCancelled(userId: number, record: BookingRecord): Promise<BookingRecord> {
    const patch = { status: "cancelled" as const, cancelledAt: now().toISOString() };
    return (await opts.records.update(userId, record.id, patch)) ?? { ...record, ...patch };
  }

  async function callHospital(
    userId: number,
    record: BookingRecord,
    orderId: string,
    reason: string,
  ): Promise<CancelOutcome> {
    try {
      await opts.api.cancelOrder(orderId, reason);
      return { kind: "cancelled", record: await markCancelled(userId, record) };
    } catch (e) {
      if (e instanceof HospitalApiError) {
        switch (e.code) {
          case API_CODES.orderAlreadyCancelled:
            // cancelled elsewhere (the hospital's own app, a call): our record catches up
            return { kind: "already_cancelled", record: await markCancelled(userId, record) };
          case API_CODES.cancelTooLate:
            return { kind: "too_late", record };
          case API_CODES.orderNotFound:
            opts.logger.warn({ orderId }, "hospital does not know an order we recorded");
            return { kind: "hospital_not_found", record };
          default:
            return { kind: "refused", code: e.code, message: e.apiMessage };
        }
      }
      if (e instanceof HospitalUnavailableError) return { kind: "unavailable" };
      throw e;
    }
  }

  async function cancel(userId: number, id: string, reason: string): Promise<CancelOutcome> {
    const first = await check(userId, id);
    if (first.kind !== "cancellable") return first;
    const orderId = first.record.orderId ?? id;
    const token = randomBytes(9).toString("base64url");
    const claimed = await opts.redis.set(claimKey(orderId), token, "EX", CLAIM_SECONDS, "NX");
    if (claimed !== "OK") return { kind: "in_progress" };
    try {
      // read again under the claim: a cancellation that finished just before we claimed shows here
      const current = await check(userId, id);
      if (current.kind !== "cancellable") return current;
      return await callHospital(userId, current.record, orderId, reason);
    } finally {
      await opts.redis.eval(RELEASE_OWN_CLAIM, 1, claimKey(orderId), token);
    }
  }

  return {
    check,
    async cancel(userId, id, reason) {
      const outcome = await cancel(userId, id, reason);
      opts.onOutcome?.(outcome.kind);
      return outcome;
    },
  };
}

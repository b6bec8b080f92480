import { API_CODES } from "../hospital/error-codes.js";
import { HospitalApiError, HospitalUnavailableError, OrderOutcomeUnknownError } from "../hospital/errors.js";
import type { OrderRequest } from "../hospital/types.js";
import { maskName } from "../patient/mask.js";
import type { BookingRecord } from "./record.js";
import type { BookingServiceDeps } from "./service-deps.js";

export interface OrderSummary {
  hospital: string;
  department: string;
  doctor: string;
  beginTime: string;
  endTime: string;
  fee: number;
}

export type PlaceOutcome =
  | { kind: "placed"; record: BookingRecord }
  | { kind: "already"; record: BookingRecord | undefined }
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
}

const CLAIM_SECONDS = 7 * 86_400;
const PENDING = "pending";

export function createOrderService(opts: BookingServiceDeps<PlaceOutcome["kind"]>): OrderService {
  const now = opts.now ?? (() => new Date());
  const claimKey = (attemptId: string) => `${opts.prefix}attempt:${attemptId}`;

  const recordOf = (
    request: OrderRequest,
    summary: OrderSummary,
    fields: Pick<BookingRecord, "id" | "orderId" | "takeNo" | "status">,
  ): BookingRecord => ({
    ...fields,
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
    try {
      const confirmation = await opts.api.placeOrder(request);
      const record = recordOf(request, summary, {
        id: confirmation.orderId,
        orderId: confirmation.orderId,
        takeNo: confirmation.hisTakeNo,
        status: "booked",
      });
      await opts.records.add(userId, record);
      await opts.redis.set(claimKey(attemptId), record.id, "EX", CLAIM_SECONDS);
      return { kind: "placed", record };
    } catch (e) {
      if (e instanceof OrderOutcomeUnknownError) {
        const record = recordOf(request, summary, {
          id: `u-${attemptId}`,
          orderId: null,
          takeNo: null,
          status: "unknown",
        });
        await opts.records.add(userId, record);
        await opts.redis.set(claimKey(attemptId), record.id, "EX", CLAIM_SECONDS);
        opts.logger.warn({ attemptId }, "order outcome unknown; recorded and not resubmitted");
        return { kind: "unknown", record };
      }
      if (e instanceof HospitalApiError) {
        await release();
        if (e.code === API_CODES.slotFull || e.code === API_CODES.slotNotFound) return { kind: "slot_taken" };
        return { kind: "refused", code: e.code, message: e.apiMessage };
      }
      if (e instanceof HospitalUnavailableError) {
        await release();
        return { kind: "unavailable" };
      }
      throw e;
    }
  }

  return {
    async placeOrderOnce(userId, attemptId, request, summary) {
      const outcome = await place(userId, attemptId, request, summary);
      opts.onOutcome?.(outcome.kind);
      return outcome;
    },
  };
}

// The typed 91160 client: one method per endpoint, each returning normalised domain types.
import type { HospitalSettings } from "../config.js";
import type { Logger } from "../observability/logger.js";
import { resolveCardTypes } from "./card-types.js";
import { API_CODES } from "./error-codes.js";
import {
  type Endpoint,
  HospitalApiError,
  HospitalUnavailableError,
  OrderOutcomeUnknownError,
} from "./errors.js";
import { type CallEvent, createHospitalHttp } from "./http.js";
import { createLimiter } from "./limiter.js";
import { toDepartment, toDoctor, toHospital, toSchedule, toSlot } from "./normalise.js";
import { toOrderBody, wireIntId } from "./order-body.js";
import {
  arrayData,
  depWire,
  doctorWire,
  orderData,
  pagedData,
  scheduleWire,
  slotWire,
  unitWire,
} from "./schemas.js";
import { createTokenSource } from "./token.js";
import type { HospitalApi, Page, PageRequest } from "./types.js";

export interface HospitalClientOptions extends HospitalSettings {
  logger: Logger;
  /** every HTTP attempt, so hospital time can be measured apart from the bot's own */
  onCall?: (e: CallEvent) => void;
  /** retry pacing of idempotent calls; tests shorten it */
  backoff?: { baseMs: number; maxMs: number };
  /** clock for token expiry; tests move it */
  now?: () => number;
}

export type HospitalClient = HospitalApi & { close(): void };

interface ZodLike<T> {
  safeParse(v: unknown): { success: true; data: T } | { success: false };
}

export function createHospitalClient(opts: HospitalClientOptions): HospitalClient {
  if (opts.auth.kind === "sandbox") {
    throw new Error('hospital auth "sandbox" must be resolved to a fixed token by the composition root');
  }
  const logger = opts.logger.child({ component: "hospital" });
  const limiter = createLimiter({ maxConcurrent: opts.maxConcurrent, maxPerSecond: opts.maxPerSecond });
  const auth = opts.auth;
  const configured = auth.kind === "credentials" ? auth.appSecret : auth.appToken;
  const http = createHospitalHttp({
    secrets: () => [configured],
    baseUrl: opts.baseUrl,
    timeoutMs: opts.timeoutMs,
    retries: opts.retries,
    limiter,
    logger,
    onCall: opts.onCall,
    backoff: opts.backoff,
    maxSockets: opts.maxConcurrent,
  });
  const tokens = createTokenSource({ auth: opts.auth, http, logger, now: opts.now });
  const cards = resolveCardTypes(opts.cardTypeOverrides);
  if (cards.unknown.length > 0) {
    logger.warn({ keys: cards.unknown }, "HOSPITAL_CARD_TYPES names unknown certificate kinds; ignored");
  }

  /** Runs a call with the current token; a refusal for an invalid token renews it once and retries once. */
  async function authed<T>(run: (appToken: string) => Promise<T>): Promise<T> {
    const token = await tokens.get();
    try {
      return await run(token);
    } catch (e) {
      if (!(e instanceof HospitalApiError) || e.code !== String(API_CODES.invalidToken)) throw e;
      const fresh = await tokens.renew(token);
      if (fresh === null) throw e;
      return run(fresh);
    }
  }

  function get(endpoint: Endpoint, path: string, params: Record<string, unknown>): Promise<unknown> {
    return authed((appToken) =>
      http.call({ endpoint, method: "GET", path, payload: { ...params, appToken }, idempotent: true }),
    );
  }

  /** One bad record must not hide the rest of a list: it is dropped and counted. */
  function decodeItems<W, T>(
    endpoint: Endpoint,
    raw: unknown[],
    schema: ZodLike<W>,
    map: (w: W) => T | null,
  ) {
    const out: T[] = [];
    let dropped = 0;
    for (const item of raw) {
      const parsed = schema.safeParse(item);
      const value = parsed.success ? map(parsed.data) : null;
      if (value === null) dropped++;
      else out.push(value);
    }
    if (dropped > 0) logger.warn({ endpoint, dropped }, "hospital records dropped as unreadable");
    return out;
  }

  async function getPage<W, T>(
    endpoint: Endpoint,
    path: string,
    params: Record<string, unknown>,
    page: PageRequest,
    schema: ZodLike<W>,
    map: (w: W) => T | null,
  ): Promise<Page<T>> {
    const data = pagedData.safeParse(await get(endpoint, path, { ...params, ...page }));
    if (!data.success) throw new HospitalUnavailableError(endpoint, "unreadable data");
    const items = decodeItems(endpoint, data.data.list, schema, map);
    const total = Number(data.data.total);
    return {
      items,
      total: Number.isFinite(total) && total >= 0 ? Math.trunc(total) : data.data.list.length,
      pageNum: page.pageNum,
      pageSize: page.pageSize,
    };
  }

  async function getArray<W, T>(
    endpoint: Endpoint,
    path: string,
    params: Record<string, unknown>,
    schema: ZodLike<W>,
    map: (w: W) => T | null,
  ): Promise<T[]> {
    const data = arrayData.safeParse(await get(endpoint, path, params));
    if (!data.success) throw new HospitalUnavailableError(endpoint, "unreadable data");
    return decodeItems(endpoint, data.data, schema, map);
  }

  const api: HospitalApi = {
    listHospitals: (page) => getPage("unitList", "/basicInfo/unitList", {}, page, unitWire, toHospital),

    listDepartments: (unitId, page) =>
      getPage("depList", "/basicInfo/depList", { unitId }, page, depWire, (w) => toDepartment(w, unitId)),

    listDoctors: (unitId, depId, page) =>
      getPage("doctorList", "/basicInfo/doctorList", { unitId, depId }, page, doctorWire, (w) =>
        toDoctor(w, unitId, depId),
      ),

    listSchedules: (q) =>
      getArray("scheduleList", "/appointment/scheduleList", { ...q }, scheduleWire, (w) => toSchedule(w, q)),

    listSlots: (unitId, scheduleId) =>
      getArray("resourceList", "/appointment/resourceList", { unitId, scheduleId }, slotWire, (w) =>
        toSlot(w, scheduleId),
      ),

    async placeOrder(order) {
      const body = toOrderBody(order, cards.table);
      const data = await authed((appToken) =>
        http.call({
          endpoint: "order",
          method: "POST",
          path: "/appointment/order",
          payload: { appToken, ...body },
          timeoutMs: opts.orderTimeoutMs,
          idempotent: false,
          outcomeMatters: true,
        }),
      );
      const parsed = orderData.safeParse(data);
      // Code "0" without a readable order number: it probably booked, but we cannot tell which order.
      if (!parsed.success) throw new OrderOutcomeUnknownError("confirmation without a readable orderId");
      return { orderId: parsed.data.orderId, hisTakeNo: parsed.data.hisTakeNo };
    },

    async cancelOrder(orderId, reason) {
      await authed((appToken) =>
        http.call({
          endpoint: "cancel",
          method: "POST",
          path: "/appointment/cancel",
          payload: { appToken, orderId: wireIntId(orderId), cancelReason: reason },
          idempotent: false,
        }),
      );
    },
  };

  return {
    ...api,
    close() {
      limiter.stop();
      http.close();
    },
  };
}

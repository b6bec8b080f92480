// Fault injection: what a test or the benchmark can turn on at runtime to see how the client copes.
import { API_CODES } from "../hospital/error-codes.js";
import { type Envelope, envelope } from "./envelope.js";

export interface SandboxKnobs {
  /** added to every response */
  latencyMs: number;
  /** 0..1: that fraction of requests answered HTTP 500 (a seeded sequence, so runs repeat) */
  errorRate: number;
  /** order POSTs never answer: the order is still processed, and the socket stays open until close() */
  hangOrders: boolean;
  /** one-shot injected failures by path, e.g. "/appointment/resourceList"; the first match is used up */
  failNext: Array<{ endpoint: string; status?: number; code?: string; msg?: string }>;
  /** schedules the hospital has stopped (停诊): left out of every schedule list from now on */
  stoppedSchedules: string[];
  /** the next this many schedule lists answer empty, as a hospital's system briefly might */
  emptyScheduleLists: number;
  /** random cancellations: this many places free up per minute of the sandbox's clock (0 = none) */
  freePlacesPerMinute: number;
  /** the doctors random cancellations pick from (default: every doctor) */
  freePlacesAmong?: number[];
}

export function defaultKnobs(overrides: Partial<SandboxKnobs> = {}): SandboxKnobs {
  return {
    latencyMs: 0,
    errorRate: 0,
    hangOrders: false,
    failNext: [],
    stoppedSchedules: [],
    emptyScheduleLists: 0,
    freePlacesPerMinute: 0,
    ...overrides,
  };
}

/** A schedule list as the knobs leave it: stopped clinics gone, or nothing at all for a transient blank. */
export function scheduleListAfterKnobs(knobs: SandboxKnobs, data: Array<{ scheduleId: string }>): unknown[] {
  if (knobs.emptyScheduleLists > 0) {
    knobs.emptyScheduleLists--;
    return [];
  }
  return data.filter((s) => !knobs.stoppedSchedules.includes(s.scheduleId));
}

/** Takes the first injected failure for this path; without a status it is HTTP 200 with the code given,
 * or HTTP 500 with the internal code when no code is given either. */
export function takeInjected(knobs: SandboxKnobs, path: string): { status: number; body: Envelope } | null {
  const i = knobs.failNext.findIndex(
    (f) => (f.endpoint.startsWith("/") ? f.endpoint : `/${f.endpoint}`) === path,
  );
  if (i < 0) return null;
  const [f] = knobs.failNext.splice(i, 1);
  if (!f) return null;
  return {
    status: f.status ?? (f.code ? 200 : 500),
    body: envelope(f.code ?? API_CODES.internal, f.msg ?? "模拟故障：服务暂时不可用"),
  };
}

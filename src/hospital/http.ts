// One HTTP exchange with the hospital: the shared limiter, a hard deadline, the `{code, msg, data}`
// envelope, and retries of idempotent GETs. Transport errors can carry the request's URL and body, and
// with them the appToken, so none ever leaves this file: every failure is rebuilt as one of our own.
// Requests go out through axios (the client's interface) on an adapter of ours over an undici pool
// (src/hospital/pool-axios.ts): keep-alive, no redirects, and about the CPU per call of the bare pool.
import { Pool } from "undici";
import type { Logger } from "../observability/logger.js";
import { sleep, spreadEqually } from "../time/wait.js";
import type { Endpoint } from "./errors.js";
import { HospitalApiError, HospitalUnavailableError, OrderOutcomeUnknownError } from "./errors.js";
import type { Limiter } from "./limiter.js";
import { createPoolAxios, TIMEOUT_CODES } from "./pool-axios.js";
import { envelopeSchema } from "./schemas.js";

/** "ok", the API's own non-"0" code, or how the transport failed. */
export type CallOutcome =
  | "ok"
  | "http_5xx"
  | "http_4xx"
  | "timeout"
  | "network"
  | "malformed"
  | (string & Record<never, never>);

export interface CallEvent {
  endpoint: Endpoint;
  ms: number;
  outcome: CallOutcome;
}

export interface HttpOptions {
  baseUrl: string;
  timeoutMs: number;
  /** extra attempts for idempotent calls */
  retries: number;
  limiter: Limiter;
  logger: Logger;
  onCall?: (e: CallEvent) => void;
  backoff?: { baseMs: number; maxMs: number };
  maxSockets?: number;
  /** credentials that may not be in a call's payload but must never leave in a hospital's text */
  secrets?: () => readonly (string | undefined)[];
}

export interface CallSpec {
  endpoint: Endpoint;
  method: "GET" | "POST";
  path: string;
  /** the query of a GET or the JSON body of a POST; it holds credentials, so it is never logged */
  payload: Record<string, unknown>;
  timeoutMs?: number;
  /** only idempotent calls are retried */
  idempotent: boolean;
  /** the order POST: a failure after the request may have reached the server has an unknown outcome */
  outcomeMatters?: boolean;
}

export interface HospitalHttp {
  /** resolves with the envelope's `data` when `code` is "0" */
  call(spec: CallSpec): Promise<unknown>;
  close(): void;
}

type Attempt =
  | { kind: "envelope"; code: string; msg: string; data: unknown }
  | { kind: "failure"; outcome: CallOutcome; reason: string; retryable: boolean; maybeSent: boolean };

const SECRET_FIELDS = ["appToken", "appSecret"];
/** connection never established: the request cannot have reached the server */
const NOT_SENT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);

/** Larger answers are refused: no page of this API comes near it. */
const MAX_RESPONSE_BYTES = 20 * 1024 * 1024;
/**
 * An idle connection is closed before common server idle timeouts (Node 5 s, nginx 75 s), so a call is
 * not sent down one the server has just closed: for the order POST that would be an unknown outcome.
 */
const IDLE_CONNECTION_MS = 4_000;

export function createHospitalHttp(opts: HttpOptions): HospitalHttp {
  const base = new URL(opts.baseUrl);
  const pool = new Pool(base.origin, {
    connections: opts.maxSockets ?? 64,
    keepAliveTimeout: IDLE_CONNECTION_MS,
    maxResponseSize: MAX_RESPONSE_BYTES,
  });
  const api = createPoolAxios(pool, opts.baseUrl);
  const backoff = opts.backoff ?? { baseMs: 200, maxMs: 2000 };

  function emit(e: CallEvent): void {
    try {
      opts.onCall?.(e);
    } catch {
      // metrics must never break a booking
    }
  }

  async function attemptOnce(spec: CallSpec): Promise<Attempt> {
    try {
      // The adapter makes axios' `timeout` a deadline for the whole exchange, headers and body alike.
      const res = await api.request<string>({
        method: spec.method,
        url: spec.path,
        timeout: spec.timeoutMs ?? opts.timeoutMs,
        ...(spec.method === "GET" ? { params: spec.payload } : { data: spec.payload }),
      });
      return readResponse(res.status, res.data, spec);
    } catch (e) {
      return transportFailure(e);
    }
  }

  async function call(spec: CallSpec): Promise<unknown> {
    for (let attempt = 0; ; attempt++) {
      const queued = performance.now();
      let r: Attempt;
      let ms: number;
      let waitMs: number;
      try {
        // Timed inside the limiter: `ms` is the hospital's time alone, queueing is reported apart.
        [r, ms, waitMs] = await opts.limiter.schedule(async () => {
          const started = performance.now();
          const a = await attemptOnce(spec);
          return [a, Math.round(performance.now() - started), Math.round(started - queued)] as const;
        });
      } catch {
        // Only the limiter itself can throw here (attemptOnce never does): it has been stopped.
        throw new HospitalUnavailableError(spec.endpoint, "client closed");
      }
      const outcome: CallOutcome = r.kind === "envelope" ? (r.code === "0" ? "ok" : r.code) : r.outcome;
      emit({ endpoint: spec.endpoint, ms, outcome });
      opts.logger.debug({ endpoint: spec.endpoint, ms, waitMs, outcome, attempt }, "hospital call");

      if (r.kind === "envelope") {
        if (r.code === "0") return r.data;
        throw new HospitalApiError(spec.endpoint, r.code, r.msg, [
          ...payloadSecrets(spec.payload),
          ...(opts.secrets?.() ?? []),
        ]);
      }
      if (spec.idempotent && r.retryable && attempt < opts.retries) {
        const delayMs = backoffDelay(attempt, backoff);
        opts.logger.warn({ endpoint: spec.endpoint, outcome, attempt, delayMs }, "hospital call retried");
        await sleep(delayMs);
        continue;
      }
      if (spec.outcomeMatters && r.maybeSent) throw new OrderOutcomeUnknownError(r.reason);
      const tries = attempt + 1;
      throw new HospitalUnavailableError(
        spec.endpoint,
        tries > 1 ? `${r.reason} (after ${tries} attempts)` : r.reason,
      );
    }
  }

  return {
    call,
    close() {
      void pool.destroy().catch(() => {});
    },
  };
}

function readResponse(status: number, body: unknown, spec: CallSpec): Attempt {
  if (status >= 500) {
    return {
      kind: "failure",
      outcome: "http_5xx",
      reason: `http ${status}`,
      retryable: true,
      maybeSent: true,
    };
  }
  const env = parseEnvelope(body);
  if (env) return env;
  if (status >= 400) {
    // 429 and 408 mean the server turned the request away unprocessed; waiting may help.
    const retryable = status === 429 || status === 408;
    return { kind: "failure", outcome: "http_4xx", reason: `http ${status}`, retryable, maybeSent: false };
  }
  const maybeSent = spec.outcomeMatters === true;
  return {
    kind: "failure",
    outcome: "malformed",
    reason: "unreadable response",
    retryable: false,
    maybeSent,
  };
}

function parseEnvelope(body: unknown): Attempt | null {
  if (typeof body !== "string" || body.trim() === "") return null;
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return null;
  }
  const env = envelopeSchema.safeParse(json);
  if (!env.success) return null;
  const msg = env.data.msg == null ? "" : String(env.data.msg);
  return { kind: "envelope", code: String(env.data.code).trim(), msg, data: env.data.data };
}

function transportFailure(e: unknown): Attempt {
  // The pool's axios instance rejects only with AxiosErrors that carry the failure's code and nothing else.
  const code = typeof e === "object" && e !== null && "code" in e && typeof e.code === "string" ? e.code : "";
  if (TIMEOUT_CODES.has(code)) {
    return { kind: "failure", outcome: "timeout", reason: "timeout", retryable: true, maybeSent: true };
  }
  const maybeSent = !NOT_SENT_CODES.has(code);
  const reason = /^[A-Z_]+$/.test(code) ? `network error ${code}` : "network error";
  return { kind: "failure", outcome: "network", reason, retryable: true, maybeSent };
}

/** Servers sometimes echo what they were sent: the credentials a call carried, to censor in its answer. */
function payloadSecrets(payload: Record<string, unknown>): string[] {
  return SECRET_FIELDS.map((f) => payload[f]).filter((v): v is string => typeof v === "string" && v !== "");
}

export function backoffDelay(attempt: number, b: { baseMs: number; maxMs: number }): number {
  // Bounded below so retries do not hammer, jittered so clients do not align.
  return Math.round(spreadEqually(Math.min(b.maxMs, b.baseMs * 2 ** attempt)));
}

// /healthz: can this process serve a patient right now? Redis must answer a PING and the hospital API a
// one-row hospital list. The hospital's answer is kept for a few seconds and shared by concurrent
// probes, so a storm of probes (several replicas, a load balancer, Docker) costs the hospital one call.
import type { Redis } from "ioredis";
import type { HospitalApi } from "../hospital/types.js";
import { scrubText } from "./logger.js";

export interface Probe {
  ok: boolean;
  ms: number;
  /** why it failed; never holds a credential */
  error?: string;
}

export interface HealthReport {
  ok: boolean;
  redis: Probe;
  hospital: Probe & { checkedAt: string };
}

export interface HealthCheckOptions {
  redis: Pick<Redis, "ping">;
  hospital: Pick<HospitalApi, "listHospitals">;
  /** how long a hospital answer is reused (default 5 s) */
  cacheMs?: number;
  /** a probe slower than this counts as down (default 3 s) */
  timeoutMs?: number;
  now?: () => number;
}

function withDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

async function probe(run: () => Promise<unknown>, timeoutMs: number, what: string): Promise<Probe> {
  const started = performance.now();
  try {
    await withDeadline(run(), timeoutMs, what);
    return { ok: true, ms: Math.round(performance.now() - started) };
  } catch (e) {
    return {
      ok: false,
      ms: Math.round(performance.now() - started),
      error: scrubText(e instanceof Error ? e.message : String(e)),
    };
  }
}

export function createHealthCheck(opts: HealthCheckOptions): () => Promise<HealthReport> {
  const cacheMs = opts.cacheMs ?? 5_000;
  const timeoutMs = opts.timeoutMs ?? 3_000;
  const now = opts.now ?? Date.now;
  let hospital: { at: number; result: Promise<HealthReport["hospital"]> } | undefined;

  function hospitalProbe(): Promise<HealthReport["hospital"]> {
    const at = now();
    if (hospital && at - hospital.at < cacheMs) return hospital.result;
    const result = probe(
      () => opts.hospital.listHospitals({ pageNum: 1, pageSize: 1 }),
      timeoutMs,
      "the hospital API",
    ).then((p) => ({ ...p, checkedAt: new Date(at).toISOString() }));
    hospital = { at, result };
    return result;
  }

  return async () => {
    const [redis, hosp] = await Promise.all([
      probe(() => opts.redis.ping(), timeoutMs, "Redis"),
      hospitalProbe(),
    ]);
    return { ok: redis.ok && hosp.ok, redis, hospital: hosp };
  };
}

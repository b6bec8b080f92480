// A tiny scripted hospital for the cases the sandbox cannot stage: exact payloads, hangs, 5xx bursts.
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { createHospitalClient, type HospitalClientOptions } from "../../../src/hospital/client.js";
import type { CallEvent } from "../../../src/hospital/http.js";
import { silentLogger } from "../../../src/observability/logger.js";

export interface SeenRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: Record<string, unknown> | null;
}

export interface Reply {
  status?: number;
  /** an object is sent as JSON; a string verbatim */
  body?: unknown;
  delayMs?: number;
  headers?: Record<string, string>;
  /** never answer */
  hang?: boolean;
}

export type Handler = (req: SeenRequest, nth: number) => Reply | Promise<Reply>;

export interface FakeHospital {
  url: string;
  requests: SeenRequest[];
  /** most requests being handled at the same moment */
  peakConcurrency: number;
  count(path?: string): number;
  close(): Promise<void>;
}

export const ok = (data?: unknown): Reply => ({ body: { code: "0", msg: "成功", data } });

async function readBody(req: IncomingMessage): Promise<Record<string, unknown> | null> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  if (chunks.length === 0) return null;
  return JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>;
}

export async function startFakeHospital(handler: Handler): Promise<FakeHospital> {
  const requests: SeenRequest[] = [];
  let active = 0;
  const state = { peakConcurrency: 0 };
  const server = createServer(async (req, res) => {
    const u = new URL(req.url ?? "/", "http://localhost");
    const seen: SeenRequest = {
      method: req.method ?? "GET",
      path: u.pathname,
      query: Object.fromEntries(u.searchParams),
      body: await readBody(req),
    };
    requests.push(seen);
    active++;
    state.peakConcurrency = Math.max(state.peakConcurrency, active);
    try {
      const reply = await handler(seen, requests.filter((r) => r.path === seen.path).length);
      if (reply.hang) return;
      if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
      const body = typeof reply.body === "string" ? reply.body : JSON.stringify(reply.body ?? {});
      res.writeHead(reply.status ?? 200, {
        "Content-Type": "application/json; charset=utf-8",
        ...reply.headers,
      });
      res.end(body);
    } finally {
      active--;
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    get peakConcurrency() {
      return state.peakConcurrency;
    },
    count: (path) => (path ? requests.filter((r) => r.path === path).length : requests.length),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const TEST_TOKEN = "tok-SECRET-5f1e9a7c3b";

/** A client with short timeouts and quick retries, recording every attempt. */
export function testClient(url: string, over: Partial<HospitalClientOptions> = {}) {
  const calls: CallEvent[] = [];
  const client = createHospitalClient({
    baseUrl: url,
    auth: { kind: "fixed", appToken: TEST_TOKEN },
    timeoutMs: 1000,
    orderTimeoutMs: 1000,
    maxConcurrent: 10,
    maxPerSecond: 1000,
    retries: 2,
    cardTypeOverrides: {},
    logger: silentLogger(),
    backoff: { baseMs: 10, maxMs: 40 },
    onCall: (e) => calls.push(e),
    ...over,
  });
  return { client, calls };
}

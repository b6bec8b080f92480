import http from "node:http";
import type { AddressInfo } from "node:net";
import { type ApiResponse, callApi } from "./api.js";
import { ApiError, notFound, unauthorized } from "./api-error.js";
import { readParameters } from "./request-body.js";
import type { EmulatorState } from "./state.js";

/** Serves `/bot<token>/<method>` over plain node:http, answering in the Bot API envelope. */
export function createApiServer(state: EmulatorState): http.Server {
  return http.createServer((req, res) => {
    void answer(state, req, res).catch((error: unknown) => {
      if (!res.headersSent) writeEnvelope(res, failure(new ApiError(500, String(error))));
      else res.destroy();
    });
  });
}

export function listen(server: http.Server, port: number): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      const address = server.address();
      if (address === null || typeof address === "string") reject(new Error("no TCP address"));
      else resolve(address);
    });
  });
}

async function answer(
  state: EmulatorState,
  req: http.IncomingMessage,
  res: http.ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? "/", "http://emulator.invalid");
  const route = /^\/bot([^/]+)\/(?:test\/)?([A-Za-z]+)\/?$/.exec(url.pathname);
  if (route === null || (req.method !== "POST" && req.method !== "GET")) {
    writeEnvelope(res, failure(notFound()));
    return;
  }
  const [, token, method] = route;
  if (token !== state.config.token) {
    writeEnvelope(res, failure(unauthorized()));
    return;
  }
  let params: Record<string, unknown>;
  try {
    params = await readParameters(req, url);
  } catch (error) {
    writeEnvelope(res, failure(error instanceof ApiError ? error : new ApiError(400, String(error))));
    return;
  }
  // a long poll ends early when telegraf aborts it (bot.stop) or the emulator closes
  const dropped = new AbortController();
  const abort = (): void => dropped.abort();
  state.closed.addEventListener("abort", abort, { once: true });
  res.on("close", () => {
    abort();
    state.closed.removeEventListener("abort", abort);
  });
  writeEnvelope(res, await callApi(state, method ?? "", params, { signal: dropped.signal }));
}

function failure(error: ApiError): ApiResponse {
  return {
    status: error.errorCode,
    body: { ok: false, error_code: error.errorCode, description: error.description },
  };
}

function writeEnvelope(res: http.ServerResponse, response: ApiResponse): void {
  if (res.destroyed || res.writableEnded) return;
  const body = JSON.stringify(response.body);
  res.writeHead(response.status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(body),
  });
  res.end(body);
}

import { ApiError, notFound } from "./api-error.js";
import { findMethod } from "./methods/index.js";
import { Params } from "./params.js";
import type { EmulatorState } from "./state.js";
import type { ApiCall } from "./types.js";

export type Envelope =
  | { ok: true; result: unknown }
  | { ok: false; error_code: number; description: string; parameters?: Record<string, unknown> };

export interface ApiResponse {
  status: number;
  body: Envelope;
}

/** Runs one Bot API call: records it, applies an injected failure, and wraps the outcome. */
export async function callApi(
  state: EmulatorState,
  method: string,
  payload: Record<string, unknown>,
  opts: { signal: AbortSignal; viaWebhookReply?: boolean },
): Promise<ApiResponse> {
  const found = findMethod(method);
  const call: ApiCall = {
    method: found?.name ?? method,
    payload,
    at: Date.now(),
    ...(opts.viaWebhookReply === true ? { viaWebhookReply: true } : {}),
  };
  state.calls.record(call);
  try {
    if (found === undefined) throw notFound();
    const injected = state.failures.take(found.name);
    if (injected !== undefined) throw injected;
    const result = await found.handler(new Params(payload), state, { signal: opts.signal });
    return { status: 200, body: { ok: true, result } };
  } catch (error) {
    const failure =
      error instanceof ApiError
        ? error
        : new ApiError(
            500,
            `Internal Server Error: ${error instanceof Error ? error.message : String(error)}`,
          );
    call.error = { error_code: failure.errorCode, description: failure.description };
    return {
      status: failure.errorCode,
      body: {
        ok: false,
        error_code: failure.errorCode,
        description: failure.description,
        ...(failure.parameters === undefined ? {} : { parameters: { ...failure.parameters } }),
      },
    };
  }
}

import { ApiError } from "./api-error.js";
import type { InjectedFailure } from "./types.js";

/** Errors queued by a test for the next calls of a method. */
export class FailureInjector {
  private readonly queued = new Map<string, ApiError[]>();

  add(method: string, failure: InjectedFailure, count: number): void {
    const error = toApiError(failure);
    const list = this.queued.get(method.toLowerCase()) ?? [];
    for (let i = 0; i < count; i++) list.push(error);
    this.queued.set(method.toLowerCase(), list);
  }

  take(method: string): ApiError | undefined {
    return this.queued.get(method.toLowerCase())?.shift();
  }
}

function toApiError(failure: InjectedFailure): ApiError {
  const retryAfter = failure.retry_after;
  if (retryAfter === undefined) {
    return new ApiError(failure.error_code, failure.description ?? `Error ${failure.error_code}`);
  }
  return new ApiError(
    failure.error_code,
    failure.description ?? `Too Many Requests: retry after ${retryAfter}`,
    { retry_after: retryAfter },
  );
}

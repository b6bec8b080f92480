// Typed failures of the hospital API. Their messages never carry the appToken or request parameters,
// so they are safe to log as they are: the hospital's own text is scrubbed as the error is built (URLs,
// query strings, length here; the credentials by http.ts, which knows them, before it builds one).
import { scrubHospitalText } from "./scrub.js";

export type Endpoint =
  | "appToken"
  | "unitList"
  | "depList"
  | "doctorList"
  | "scheduleList"
  | "resourceList"
  | "order"
  | "cancel";

/** The API answered with a non-"0" code. */
export class HospitalApiError extends Error {
  override readonly name = "HospitalApiError";
  /** the hospital's msg, scrubbed and short: safe to log, and to show when the code is not one we know */
  readonly apiMessage: string;
  constructor(
    readonly endpoint: Endpoint,
    readonly code: string,
    apiMessage: string,
    secrets: readonly (string | undefined)[] = [],
  ) {
    const scrubbed = scrubHospitalText(apiMessage, secrets);
    super(`hospital API ${endpoint} refused: code ${scrubHospitalText(code)}: ${scrubbed}`);
    this.apiMessage = scrubbed;
  }
}

/** The API could not be reached, timed out, answered 5xx after retries, or sent a body we cannot read. */
export class HospitalUnavailableError extends Error {
  override readonly name = "HospitalUnavailableError";
  constructor(
    readonly endpoint: Endpoint,
    readonly reason: string,
  ) {
    super(`hospital API ${endpoint} unavailable: ${reason}`);
  }
}

/** An order POST whose answer never came: it may or may not have booked. Never resubmit automatically. */
export class OrderOutcomeUnknownError extends Error {
  override readonly name = "OrderOutcomeUnknownError";
  constructor(readonly reason: string) {
    super(`order outcome unknown: ${reason}`);
  }
}

export type HospitalError = HospitalApiError | HospitalUnavailableError | OrderOutcomeUnknownError;

export function isHospitalError(e: unknown): e is HospitalError {
  return (
    e instanceof HospitalApiError ||
    e instanceof HospitalUnavailableError ||
    e instanceof OrderOutcomeUnknownError
  );
}

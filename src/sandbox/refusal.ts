// A request the simulated hospital refuses: answered HTTP 200 with a non-"0" code, as the platform does.
import { API_CODES, type ApiCode } from "../hospital/error-codes.js";

export class Refusal extends Error {
  constructor(
    readonly code: ApiCode,
    readonly msg: string,
  ) {
    super(`${code}: ${msg}`);
  }
}

export const badParameter = (msg: string) => new Refusal(API_CODES.badParameter, msg);

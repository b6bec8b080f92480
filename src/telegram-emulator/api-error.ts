import type { ResponseParameters } from "telegraf/types";

/** A Bot API failure; the server turns it into `{ok: false, error_code, description, parameters}`. */
export class ApiError extends Error {
  constructor(
    readonly errorCode: number,
    readonly description: string,
    readonly parameters?: ResponseParameters,
  ) {
    super(description);
    this.name = "ApiError";
  }
}

export function badRequest(what: string): ApiError {
  return new ApiError(400, `Bad Request: ${what}`);
}

export const notFound = (): ApiError => new ApiError(404, "Not Found");
export const unauthorized = (): ApiError => new ApiError(401, "Unauthorized");

import { ApiError, badRequest } from "../api-error.js";
import type { MethodHandler } from "./method.js";

const MAX_LIMIT = 100;
const DEFAULT_MAX_CONNECTIONS = 40;

export const getUpdates: MethodHandler = (params, state, call) => {
  if (state.webhook.active) {
    throw new ApiError(
      409,
      "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
    );
  }
  const offset = params.optionalInt("offset") ?? 0;
  const limit = Math.min(Math.max(params.optionalInt("limit") ?? MAX_LIMIT, 1), MAX_LIMIT);
  const timeoutSeconds = Math.max(params.optionalInt("timeout") ?? 0, 0);
  return state.queue.poll(offset, limit, timeoutSeconds * 1000, call.signal);
};

/** Plain http on any port is allowed, unlike Telegram, because the bot under test listens locally. */
export const setWebhook: MethodHandler = (params, state) => {
  const url = params.optionalString("url") ?? "";
  const dropPending = params.bool("drop_pending_updates");
  if (url === "") {
    state.deleteWebhook(dropPending);
    return true;
  }
  if (!/^https?:\/\/[^/\s]+/i.test(url)) throw badRequest("bad webhook: invalid webhook URL specified");
  const secretToken = params.optionalString("secret_token");
  if (secretToken !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(secretToken)) {
    throw badRequest("secret token contains unallowed characters");
  }
  const maxConnections = params.optionalInt("max_connections") ?? DEFAULT_MAX_CONNECTIONS;
  const allowedUpdates = params.optionalJson("allowed_updates");
  state.setWebhook(
    {
      url,
      maxConnections: Math.min(Math.max(maxConnections, 1), 100),
      ...(secretToken === undefined ? {} : { secretToken }),
      ...(isStringArray(allowedUpdates) ? { allowedUpdates } : {}),
    },
    dropPending,
  );
  return true;
};

export const deleteWebhook: MethodHandler = (params, state) => {
  state.deleteWebhook(params.bool("drop_pending_updates"));
  return true;
};

export const getWebhookInfo: MethodHandler = (_params, state) => {
  const info = state.webhook.info();
  return state.webhook.active ? info : { ...info, pending_update_count: state.queue.size };
};

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === "string");
}

// The appToken every call carries. With credentials it is fetched from /app/token, kept until shortly
// before it expires, and replaced when a call is refused for an invalid token; however many calls
// notice at once, only one fetch is in flight.
import type { HospitalAuth } from "../config.js";
import type { Logger } from "../observability/logger.js";
import { HospitalUnavailableError } from "./errors.js";
import type { HospitalHttp } from "./http.js";
import { tokenData } from "./schemas.js";

export interface TokenSource {
  get(): Promise<string>;
  /**
   * A fresh token after `rejected` was refused, or null when there is no way to get another (a fixed
   * token). If another caller already replaced `rejected`, that replacement is returned without a fetch.
   */
  renew(rejected: string): Promise<string | null>;
}

/** used when the server omits or garbles expiresIn; an invalid-token refusal still triggers a renewal */
const FALLBACK_TTL_SECONDS = 3600;

export function createTokenSource(opts: {
  auth: HospitalAuth;
  http: HospitalHttp;
  logger: Logger;
  now?: () => number;
}): TokenSource {
  const auth = opts.auth;
  if (auth.kind === "fixed") {
    return { get: async () => auth.appToken, renew: async () => null };
  }
  if (auth.kind === "sandbox") {
    throw new Error('hospital auth "sandbox" must be resolved to a fixed token by the composition root');
  }
  const { appId, appSecret } = auth;
  const now = opts.now ?? Date.now;
  let current: { token: string; refreshAt: number } | null = null;
  let inFlight: Promise<string> | null = null;

  async function fetchToken(): Promise<string> {
    const data = await opts.http.call({
      endpoint: "appToken",
      method: "GET",
      path: "/app/token",
      payload: { appId, appSecret },
      idempotent: true,
    });
    const parsed = tokenData.safeParse(data);
    if (!parsed.success) throw new HospitalUnavailableError("appToken", "unreadable token response");
    const ttl = Number(parsed.data.expiresIn);
    const ttlSeconds = Number.isFinite(ttl) && ttl > 0 ? ttl : FALLBACK_TTL_SECONDS;
    // Renew a little early so a call never sets out with a token about to lapse.
    const marginMs = Math.min(60_000, ttlSeconds * 100);
    current = { token: parsed.data.appToken, refreshAt: now() + ttlSeconds * 1000 - marginMs };
    opts.logger.info({ expiresInSeconds: ttlSeconds }, "hospital appToken renewed");
    return parsed.data.appToken;
  }

  function refresh(): Promise<string> {
    if (!inFlight) {
      inFlight = fetchToken().finally(() => {
        inFlight = null;
      });
    }
    return inFlight;
  }

  return {
    async get() {
      if (current && now() < current.refreshAt) return current.token;
      return refresh();
    },
    async renew(rejected) {
      if (inFlight) return inFlight;
      if (current && current.token !== rejected && now() < current.refreshAt) return current.token;
      current = null;
      return refresh();
    },
  };
}

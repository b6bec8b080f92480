// Axios as the hospital client's interface, over the undici pool that carries its requests. The adapter
// is ours because axios' own node:http adapter was measured at three times the CPU per call of the bare
// pool (which is why the client had left axios), and because it lets axios' `timeout` mean what the hospital needs: a deadline for the whole exchange,
// headers and body, not socket inactivity. It never follows a redirect (one would carry the appToken in
// its query to wherever it points). Every error that leaves the instance is rebuilt from the method, the
// path and the failure's code alone: an AxiosError normally carries the whole request config (query,
// body, headers), its `request` and `response`, and the wrapped error as its `cause`, and with them the
// appToken, the appSecret and the patient's order body.
import axios, {
  Axios,
  AxiosError,
  AxiosHeaders,
  type AxiosRequestHeaders,
  type AxiosResponse,
  type InternalAxiosRequestConfig,
} from "axios";
import type { Dispatcher, Pool } from "undici";

/** Codes that mean a deadline passed: axios' two (the adapter reports ETIMEDOUT) and undici's own. */
export const TIMEOUT_CODES = new Set([
  AxiosError.ETIMEDOUT,
  AxiosError.ECONNABORTED,
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
]);

/**
 * An axios instance whose requests go through `pool`, to `baseURL` (the pool's origin is the only one
 * reachable). Objects are sent as JSON; response bodies come back as text, untouched, and every status
 * resolves (the adapter does not settle by `validateStatus`): the caller reads the envelope and decides
 * what a status means. `timeout` is the one deadline; the adapter does not watch `signal` or a cancel
 * token (this client sets neither).
 */
export function createPoolAxios(pool: Pool, baseURL: string): Axios {
  // The origin as written and as URL normalises it ("https://h:443" is "https://h"): either is the pool's.
  const origins = [...new Set([new URL(baseURL).origin, /^https?:\/\/[^/?#]+/i.exec(baseURL)?.[0] ?? ""])];
  // Not axios.create: its defaults (adapters, XSRF, form-data handling, header buckets) are merged into
  // every request's config again, which was half of what axios cost per call. These are all it needs.
  const instance = new Axios({
    baseURL,
    adapter: (config) => send(pool, origins, config),
    transformRequest: [jsonBody],
    transformResponse: [],
  });
  instance.interceptors.response.use(undefined, (e: unknown) => Promise.reject(withoutRequest(e)));
  return instance;
}

/** An object goes as JSON, said so in its Content-Type unless the request set one; a string as it is. */
function jsonBody(data: unknown, headers: AxiosRequestHeaders): unknown {
  if (typeof data !== "object" || data === null) return data;
  headers.setContentType("application/json; charset=utf-8", false);
  return JSON.stringify(data);
}

async function send(
  pool: Pool,
  origins: string[],
  config: InternalAxiosRequestConfig,
): Promise<AxiosResponse> {
  const path = pathWithin(origins, config);
  const timeoutMs = config.timeout && config.timeout > 0 ? config.timeout : 0;
  const controller = new AbortController();
  let timedOut = false;
  const timer =
    timeoutMs > 0
      ? setTimeout(() => {
          timedOut = true;
          controller.abort();
        }, timeoutMs)
      : undefined;
  try {
    const res = await pool.request({
      method: (config.method ?? "get").toUpperCase() as Dispatcher.HttpMethod,
      path,
      headers: config.headers.setAccept("application/json", false).toJSON(true) as Record<string, string>,
      body: typeof config.data === "string" ? config.data : undefined,
      signal: controller.signal,
      ...(timeoutMs > 0 ? { headersTimeout: timeoutMs, bodyTimeout: timeoutMs } : {}),
    });
    const data = await res.body.text();
    return {
      data,
      status: res.statusCode,
      statusText: "",
      headers: new AxiosHeaders(res.headers as Record<string, string | string[]>),
      config,
    };
  } catch (e) {
    if (timedOut) throw new AxiosError(`timeout of ${timeoutMs}ms exceeded`, AxiosError.ETIMEDOUT, config);
    throw new AxiosError(String(e instanceof Error ? e.message : e), socketCode(e), config);
  } finally {
    clearTimeout(timer);
  }
}

/** The request's path and query on the pool's origin; anything else is refused before it is sent. */
function pathWithin(origins: string[], config: InternalAxiosRequestConfig): string {
  const base = (config.baseURL ?? "").replace(/\/+$/, "");
  const url = config.url ?? "";
  const full = /^https?:\/\//i.test(url) ? url : `${base}/${url.replace(/^\/+/, "")}`;
  const origin = origins.find((o) => o !== "" && (full === o || full.startsWith(`${o}/`)));
  if (origin === undefined) {
    throw new AxiosError("the URL is outside the hospital's origin", AxiosError.ERR_INVALID_URL, config);
  }
  const path = full.slice(origin.length) || "/";
  const query = queryOf(config.params);
  return query === "" ? path : `${path}${path.includes("?") ? "&" : "?"}${query}`;
}

/** Flat fields as the API documents them, absent ones left out (as axios' own serializer does). */
function queryOf(params: unknown): string {
  if (typeof params !== "object" || params === null) return "";
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null) query.append(key, String(value));
  }
  return query.toString();
}

/**
 * The same failure with nothing of the request in it: method and path (no query), the code, and for a
 * deadline the time it allowed. No config beyond those, no request, response or cause.
 */
function withoutRequest(e: unknown): AxiosError {
  const config = axios.isAxiosError(e) ? e.config : undefined;
  const method = (config?.method ?? "get").toUpperCase();
  const path = pathOf(config?.url);
  const code = axios.isAxiosError(e) && e.code ? e.code : AxiosError.ERR_NETWORK;
  const safe: InternalAxiosRequestConfig = {
    method: config?.method,
    url: path,
    timeout: config?.timeout,
    headers: new AxiosHeaders(),
  };
  const what = TIMEOUT_CODES.has(code) ? `timeout of ${config?.timeout ?? 0}ms exceeded` : code;
  return new AxiosError(`hospital ${method} ${path} failed: ${what}`, code, safe);
}

/** A request URL's path alone: no origin (nor credentials written into it), query or fragment. */
function pathOf(url: string | undefined): string {
  const path = (url ?? "").split(/[?#]/)[0] ?? "";
  return path.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, "");
}

const NETWORK_CODE = /^[A-Z_]+$/;

/** The socket's own code where undici wraps it (ERR_*, UND_ERR_SOCKET / _CONNECT with a cause). */
export function socketCode(e: unknown): string | undefined {
  const pick = (v: unknown): string | undefined => {
    if (typeof v !== "object" || v === null || !("code" in v)) return undefined;
    const c = (v as { code: unknown }).code;
    return typeof c === "string" && NETWORK_CODE.test(c) ? c : undefined;
  };
  const cause =
    typeof e === "object" && e !== null && "cause" in e ? (e as { cause: unknown }).cause : undefined;
  const own = pick(e);
  const wrapped = own?.startsWith("ERR_") || own === "UND_ERR_SOCKET" || own === "UND_ERR_CONNECT";
  return own && !wrapped ? own : (pick(cause) ?? own);
}

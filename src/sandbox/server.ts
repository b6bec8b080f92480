// The sandbox hospital over real HTTP: routing, the appToken check and the fault-injection knobs around
// the endpoint handlers. Everything it knows lives in memory and ends with close().
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { API_CODES } from "../hospital/error-codes.js";
import { type Cancellations, createCancellations, type FreedPlace } from "./cancellations.js";
import type { SandboxContext } from "./context.js";
import { type Envelope, envelope, parseJsonObject, readBody, send } from "./envelope.js";
import { defaultKnobs, type SandboxKnobs, scheduleListAfterKnobs, takeInjected } from "./knobs.js";
import { hashKey, streamFrom } from "./prng.js";
import { Refusal } from "./refusal.js";
import { ORDER_PATH, RESOURCES_PATH, ROUTES, SCHEDULES_PATH } from "./routes.js";
import { BookingState, type SandboxOrder } from "./state.js";
import { TokenStore } from "./tokens.js";
import { queryParams } from "./validation.js";
import { buildWorld, type SandboxWorld } from "./world.js";

export type { FreedPlace } from "./cancellations.js";
export type { SandboxKnobs } from "./knobs.js";
export type * from "./model.js";
export type { SandboxOrder } from "./state.js";
export type { SandboxWorld } from "./world.js";

export interface SandboxOptions {
  /** 0 or undefined: an ephemeral port on 127.0.0.1 */
  port?: number;
  /** a fixed valid token that never expires and survives revokeTokens() (default "sandbox-app-token") */
  appToken?: string;
  /** credentials accepted by /app/token (default 1001 / "sandbox-secret") */
  appId?: number;
  appSecret?: string;
  /** expiresIn of issued tokens (default 7200) */
  tokenTtlSeconds?: number;
  /** default 91160 */
  seed?: number;
  /** clock (default real time) */
  now?: () => Date;
  /** default 50 */
  pageSizeCap?: number;
  /** the cardType values accepted by /appointment/order (default 1–7 and 99, after WS 364.3) */
  acceptedCardTypes?: readonly number[];
  knobs?: Partial<SandboxKnobs>;
  /** the first order id; by default from the wall clock, so a restarted sandbox never repeats one */
  firstOrderId?: number;
}

export interface Sandbox {
  url: string;
  appToken: string;
  knobs: SandboxKnobs;
  world: SandboxWorld;
  orders(): SandboxOrder[];
  /** someone else books every place left in the slot */
  takeSlot(resourceId: string): void;
  /** someone else cancels: one more place is free in the session (a full slot first) */
  freePlace(scheduleId: string): FreedPlace | undefined;
  /** every place freed so far, by freePlace or the freePlacesPerMinute knob */
  freedPlaces(): FreedPlace[];
  /** every issued token becomes invalid (the fixed token stays valid) */
  revokeTokens(): void;
  requestCount(path?: string): number;
  close(): Promise<void>;
}

/**
 * The wall clock in milliseconds: a later start begins above every id an earlier run gave out, unless
 * that run placed more than one order per millisecond it lasted (no sandbox run comes near). The wall
 * clock, not the injected one: a test clock repeats its morning on every run.
 */
function clockOrderId(): number {
  return Date.now();
}

export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  const seed = opts.seed ?? 91160;
  const now = opts.now ?? (() => new Date());
  const fixedToken = opts.appToken ?? "sandbox-app-token";
  const world = buildWorld(seed);
  const state = new BookingState(opts.firstOrderId ?? clockOrderId());
  const tokens = new TokenStore({
    fixedToken,
    appId: opts.appId ?? 1001,
    appSecret: opts.appSecret ?? "sandbox-secret",
    ttlSeconds: opts.tokenTtlSeconds ?? 7200,
    seed,
    now,
  });
  const ctx: SandboxContext = {
    world,
    state,
    tokens,
    now,
    pageSizeCap: opts.pageSizeCap ?? 50,
    cardTypes: new Set(opts.acceptedCardTypes ?? [1, 2, 3, 4, 5, 6, 7, 99]),
  };
  const knobs = defaultKnobs(opts.knobs);
  const errorDraw = streamFrom(hashKey(seed, "errors"));
  const counts = new Map<string, number>();
  let total = 0;
  const timers = new Set<NodeJS.Timeout>();
  const cancellations: Cancellations = createCancellations(world, state, now);

  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.add(t);
    });

  async function answer(
    req: IncomingMessage,
    path: string,
    url: URL,
  ): Promise<{ status: number; body: Envelope }> {
    const text = req.method === "POST" ? await readBody(req) : "";
    cancellations.tick(now(), knobs.freePlacesPerMinute, knobs.freePlacesAmong);
    if (knobs.latencyMs > 0) await pause(knobs.latencyMs);
    const injected = takeInjected(knobs, path);
    if (injected) return injected;
    if (knobs.errorRate > 0 && errorDraw() < knobs.errorRate) {
      return { status: 500, body: envelope(API_CODES.internal, "系统繁忙，请稍后再试") };
    }
    const route = ROUTES.get(path);
    if (!route) return { status: 404, body: envelope(API_CODES.badParameter, `接口不存在: ${path}`) };
    if (req.method !== route.method) {
      return {
        status: 405,
        body: envelope(API_CODES.badParameter, `请求方式错误: ${path} 只支持 ${route.method}`),
      };
    }
    try {
      const params = route.method === "GET" ? queryParams(url.searchParams) : parseJsonObject(text);
      if (route.auth && !tokens.isValid(params.appToken)) {
        throw new Refusal(API_CODES.invalidToken, "appToken无效或已过期");
      }
      if (path === RESOURCES_PATH && knobs.stoppedSchedules.includes(String(params.scheduleId))) {
        throw new Refusal(API_CODES.badParameter, `排班已停诊: scheduleId=${String(params.scheduleId)}`);
      }
      const result = route.handle(params, ctx);
      if (path === SCHEDULES_PATH && Array.isArray(result.data)) {
        result.data = scheduleListAfterKnobs(knobs, result.data);
      }
      return { status: 200, body: envelope(API_CODES.ok, result.msg ?? "成功", result.data) };
    } catch (e) {
      if (e instanceof Refusal) return { status: 200, body: envelope(e.code, e.msg) };
      return { status: 500, body: envelope(API_CODES.internal, "系统内部错误") };
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://sandbox.invalid");
    const path = url.pathname;
    total++;
    counts.set(path, (counts.get(path) ?? 0) + 1);
    const { status, body } = await answer(req, path, url);
    // The order is processed but its answer withheld: the client cannot know whether it booked.
    if (knobs.hangOrders && path === ORDER_PATH) return;
    send(res, status, body);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => send(res, 500, envelope(API_CODES.internal, "系统内部错误")));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    appToken: fixedToken,
    knobs,
    world,
    orders: () => state.orders(),
    takeSlot(resourceId) {
      const found = world.slot(resourceId);
      if (!found) throw new RangeError(`sandbox has no slot ${resourceId}`);
      state.takeAll(found.slot);
    },
    freePlace: (scheduleId) => cancellations.freePlace(scheduleId),
    freedPlaces: () => cancellations.freed(),
    revokeTokens: () => tokens.revokeIssued(),
    requestCount: (path) => (path === undefined ? total : (counts.get(path) ?? 0)),
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const t of timers) clearTimeout(t);
        timers.clear();
        server.close((err) => (err ? reject(err) : resolve()));
        // Ends keep-alive sockets and the requests left hanging by hangOrders or a pending latency.
        server.closeAllConnections();
      }),
  };
}

// After a run, the hospital's side and the bot's records are checked against what each patient was told:
// nothing booked beyond a slot's places, nobody booked twice, every order shown to a patient is theirs
// (their name, ID and mobile in the hospital's order, on the session they chose, in their own /mybookings
// record), and no order the hospital took went unannounced.
import type { Redis } from "ioredis";
import type { SandboxOrder } from "../src/sandbox/server.js";
import type { PatientResult } from "./patient.js";
import type { Plan } from "./plan.js";

export interface Integrity {
  booked: number;
  turnedAway: number;
  failed: Array<{ userId: number; step: string; detail: string }>;
  /** slots holding more orders than they had places */
  overbooked: string[];
  /** ID numbers with more than one order */
  bookedTwice: string[];
  /** patients shown an order that is not theirs (another's name or ID, another session) */
  crossed: number[];
  /** orders the hospital took that no patient was told about */
  unannounced: number[];
  /** patients told of an order that has no record in their /mybookings */
  unrecorded: number[];
  hot: Array<{
    scheduleId: string;
    capacity: number;
    contenders: number;
    booked: number;
    turnedAway: number;
  }>;
}

export async function verifyRun(opts: {
  plan: Plan;
  results: PatientResult[];
  orders: SandboxOrder[];
  redis: Redis;
  prefix: string;
}): Promise<Integrity> {
  const { plan, results } = opts;
  const orders = opts.orders.filter((o) => o.status === "booked");
  const byId = new Map(orders.map((o) => [String(o.orderId), o]));

  const perSlot = new Map<string, number>();
  const perPatient = new Map<string, number>();
  for (const o of orders) {
    perSlot.set(o.resourceId, (perSlot.get(o.resourceId) ?? 0) + 1);
    const cardNo = String(o.body.cardNo);
    perPatient.set(cardNo, (perPatient.get(cardNo) ?? 0) + 1);
  }
  const overbooked = [...perSlot].filter(([r, n]) => n > plan.capacityOf(r)).map(([r]) => r);
  const bookedTwice = [...perPatient].filter(([, n]) => n > 1).map(([c]) => c);

  const crossed: number[] = [];
  const unrecorded: number[] = [];
  const announced = new Set<string>();
  const failed: Integrity["failed"] = [];
  const hot = new Map(plan.hot.map((h) => [h.scheduleId, { ...h, booked: 0, turnedAway: 0 }]));
  let booked = 0;
  let turnedAway = 0;
  for (const r of results) {
    const { outcome, plan: p } = r;
    if (outcome.kind === "failed") {
      failed.push({ userId: p.userId, step: outcome.step, detail: outcome.detail });
      continue;
    }
    if (outcome.kind === "rehearsed") {
      failed.push({ userId: p.userId, step: "confirm", detail: "a measured patient stopped at the summary" });
      continue;
    }
    const h = hot.get(p.scheduleId);
    if (outcome.kind === "turned_away") {
      turnedAway++;
      if (h) h.turnedAway++;
      continue;
    }
    booked++;
    if (h) h.booked++;
    announced.add(outcome.orderId);
    const o = byId.get(outcome.orderId);
    const theirs =
      o !== undefined &&
      o.body.trueName === p.identity.name &&
      o.body.cardNo === p.identity.idNumber &&
      o.body.mobile === p.identity.mobile &&
      o.resourceId.startsWith(p.scheduleId) &&
      o.hisTakeNo === outcome.takeNo;
    if (!theirs) crossed.push(p.userId);
    const record = await opts.redis.hget(`${opts.prefix}bookings:${p.userId}`, outcome.orderId);
    if (record === null) unrecorded.push(p.userId);
  }
  const unannounced = orders.filter((o) => !announced.has(String(o.orderId))).map((o) => o.orderId);
  return {
    booked,
    turnedAway,
    failed,
    overbooked,
    bookedTwice,
    crossed,
    unannounced,
    unrecorded,
    hot: [...hot.values()],
  };
}

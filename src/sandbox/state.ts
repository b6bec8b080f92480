// What happened in this run on top of the seeded world: bookings made and cancelled, and slots taken by
// "someone else". Only deltas are stored, so memory grows with activity, not with the size of the world.
import type { SandboxSlot } from "./model.js";

export interface SandboxOrder {
  orderId: number;
  body: Record<string, unknown>;
  resourceId: string;
  status: "booked" | "cancelled";
  cancelReason?: string;
  /** the pickup code sent back with the order */
  hisTakeNo: string;
}

export class BookingState {
  private readonly delta = new Map<string, number>();
  private readonly byId = new Map<number, SandboxOrder>();
  private nextOrderId: number;

  constructor(firstOrderId: number) {
    this.nextOrderId = firstOrderId;
  }

  appointed(slot: SandboxSlot): number {
    return slot.initialAppointed + (this.delta.get(slot.resourceId) ?? 0);
  }

  available(slot: SandboxSlot): number {
    return Math.max(0, slot.resourceMax - this.appointed(slot));
  }

  /** Sums over the given slots, so a schedule always agrees with the slots the client can see. */
  totals(slots: readonly SandboxSlot[]): { resourceMax: number; appointedNum: number } {
    let resourceMax = 0;
    let appointedNum = 0;
    for (const s of slots) {
      resourceMax += s.resourceMax;
      appointedNum += this.appointed(s);
    }
    return { resourceMax, appointedNum };
  }

  /** Books the slot; the caller has checked it is free. */
  book(slot: SandboxSlot, body: Record<string, unknown>, takeNo: (orderId: number) => string): SandboxOrder {
    this.shift(slot.resourceId, 1);
    const orderId = this.nextOrderId++;
    const order: SandboxOrder = {
      orderId,
      body,
      resourceId: slot.resourceId,
      status: "booked",
      hisTakeNo: takeNo(orderId),
    };
    this.byId.set(order.orderId, order);
    return order;
  }

  order(orderId: number): SandboxOrder | undefined {
    return this.byId.get(orderId);
  }

  cancel(order: SandboxOrder, reason: string): void {
    order.status = "cancelled";
    order.cancelReason = reason;
    this.shift(order.resourceId, -1);
  }

  /** Someone outside the bot books every place left in the slot. */
  takeAll(slot: SandboxSlot): void {
    const left = this.available(slot);
    if (left > 0) this.shift(slot.resourceId, left);
  }

  /** Someone outside the bot cancels: one more place is free in the slot (overbooking is cleared first). */
  freeOne(slot: SandboxSlot): void {
    const over = this.appointed(slot) - slot.resourceMax;
    if (over >= 0) this.shift(slot.resourceId, -(over + 1));
    else if (this.appointed(slot) > 0) this.shift(slot.resourceId, -1);
  }

  /** The bookings beyond a slot's capacity are gone (the hospital settled them), so a freed place shows. */
  settleOverbooking(slot: SandboxSlot): void {
    const over = this.appointed(slot) - slot.resourceMax;
    if (over > 0) this.shift(slot.resourceId, -over);
  }

  orders(): SandboxOrder[] {
    return [...this.byId.values()].map((o) => ({ ...o, body: { ...o.body } }));
  }

  private shift(resourceId: string, by: number): void {
    this.delta.set(resourceId, (this.delta.get(resourceId) ?? 0) + by);
  }
}

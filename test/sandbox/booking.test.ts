import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_CODES } from "../../src/hospital/error-codes.js";
import { type Sandbox, startSandbox } from "../../src/sandbox/server.js";
import { CHINA_0900, firstDoctor, firstFreeSlot, free, orderBody, post, schedules, slots } from "./client.js";

let sb: Sandbox;
let clock = CHINA_0900;
beforeAll(async () => {
  sb = await startSandbox({ now: () => clock });
});
afterAll(() => sb.close());

const ORDER = "/appointment/order";
const CANCEL = "/appointment/cancel";

describe("placing an order", () => {
  it("books a free slot: the slot and its session each count one more appointment", async () => {
    const found = await firstFreeSlot(sb, "2026-03-11", "2026-03-24");
    const res = await post(sb, ORDER, orderBody(found, found.slot.resourceId));
    expect(res.body.code).toBe("0");
    const data = res.body.data as { orderId: unknown; hisTakeNo: unknown };
    expect(Number.isInteger(data.orderId)).toBe(true);
    expect(data.hisTakeNo).toMatch(/^\d{6}$/);

    const after = (await slots(sb, found.unitId, found.schedule.scheduleId)).find(
      (x) => x.resourceId === found.slot.resourceId,
    );
    expect(after?.appointedNum).toBe(found.slot.appointedNum + 1);
    const date = found.schedule.scheduleDate;
    const session = (await schedules(sb, found, date, date)).find(
      (s) => s.scheduleId === found.schedule.scheduleId,
    );
    expect(session?.appointedNum).toBe(found.schedule.appointedNum + 1);

    const received = sb.orders().find((o) => o.orderId === data.orderId);
    expect(received).toMatchObject({ resourceId: found.slot.resourceId, status: "booked" });
    expect(received?.body).toMatchObject({ trueName: "张三", cardType: 1 });
    expect(received?.body).not.toHaveProperty("appToken");
  });

  it("accepts a guardian given in full, with the extra fields the document shows", async () => {
    const found = await firstFreeSlot(sb, "2026-03-12", "2026-03-24");
    const guardian = {
      guardianTrueName: "李四",
      guardianMobile: "13912345678",
      guardianCardType: "1",
      guardianCardNo: "110101198001010013",
      guardianSex: "1",
      guardianRelation: "母亲",
      guardianBirthday: "1980-01-01",
      guardianMemberId: "106",
    };
    const res = await post(sb, ORDER, {
      ...orderBody(found, found.slot.resourceId),
      birthday: "2020-02-29",
      guardian,
    });
    expect(res.body.code).toBe("0");
    const incomplete = await post(sb, ORDER, {
      ...orderBody(found, found.slot.resourceId),
      guardian: { ...guardian, guardianRelation: "" },
    });
    expect(incomplete.body.code).toBe(API_CODES.badParameter);
    expect(incomplete.body.msg).toContain("guardianRelation");
  });

  it("refuses a slot someone else has just taken, and a slot already full", async () => {
    const found = await firstFreeSlot(sb, "2026-03-13", "2026-03-24");
    sb.takeSlot(found.slot.resourceId);
    const taken = await post(sb, ORDER, orderBody(found, found.slot.resourceId));
    expect(taken.body).toMatchObject({ code: API_CODES.slotFull, msg: expect.stringContaining("号源已满") });

    const h = sb.world.hospitals[0];
    const dep = h?.departments[0];
    const fullDoctor = dep?.doctors.at(-1);
    if (!h || !dep || !fullDoctor) throw new Error("world too small");
    const ids = { unitId: h.unitId, depId: dep.depId, doctorId: fullDoctor.doctorId };
    const [s] = await schedules(sb, ids, "2026-03-11", "2026-03-24");
    const [slot] = s ? await slots(sb, ids.unitId, s.scheduleId) : [];
    if (!slot) throw new Error("the full doctor has sessions");
    expect(free(slot)).toBe(0);
    const full = await post(sb, ORDER, orderBody(ids, slot.resourceId));
    expect(full.body.code).toBe(API_CODES.slotFull);
  });

  it("refuses a slot that does not exist or has already begun", async () => {
    const ids = await firstDoctor(sb);
    const unknown = await post(sb, ORDER, orderBody(ids, "106"));
    expect(unknown.body.code).toBe(API_CODES.slotNotFound);
    const [today] = await schedules(sb, ids, "2026-03-10", "2026-03-10");
    const [first] = today ? await slots(sb, ids.unitId, today.scheduleId) : [];
    if (!first) throw new Error("the first doctor sits this morning");
    clock = new Date(CHINA_0900.getTime() + 4 * 3_600_000);
    try {
      const begun = await post(sb, ORDER, orderBody(ids, first.resourceId));
      expect(begun.body.code).toBe(API_CODES.slotNotFound);
    } finally {
      clock = CHINA_0900;
    }
  });

  it.each([
    ["a mobile that is not a mainland mobile", { mobile: "12345678901" }, "mobile"],
    ["a short mobile", { mobile: "1381234567" }, "mobile"],
    ["sex 2", { sex: 2 }, "sex"],
    ["birthday 2023/04/24", { birthday: "2023/04/24" }, "birthday"],
    ["a birthday in the future", { birthday: "2030-01-01" }, "birthday"],
    ["a birthday that is no date", { birthday: "2023-02-30" }, "birthday"],
    ["cardType 42", { cardType: 42 }, "cardType"],
    ["an empty name", { trueName: " " }, "trueName"],
    ["an empty certificate number", { cardNo: "" }, "cardNo"],
    ["an empty address", { address: "" }, "address"],
    ["no clinicNo at all", { clinicNo: undefined }, "clinicNo"],
  ])("refuses %s with badParameter naming the field", async (_what, change, field) => {
    const found = await firstFreeSlot(sb, "2026-03-14", "2026-03-24");
    const before = sb.orders().length;
    const res = await post(sb, ORDER, { ...orderBody(found, found.slot.resourceId), ...change });
    expect(res.status).toBe(200);
    expect(res.body.code).toBe(API_CODES.badParameter);
    expect(res.body.msg).toContain(field);
    expect(sb.orders()).toHaveLength(before);
  });

  it("says 手机号格式错误 for a bad mobile", async () => {
    const found = await firstFreeSlot(sb, "2026-03-14", "2026-03-24");
    const res = await post(sb, ORDER, { ...orderBody(found, found.slot.resourceId), mobile: "10086" });
    expect(res.body.msg).toContain("手机号格式错误");
  });
});

describe("cancelling an order", () => {
  it("frees the slot, then refuses to cancel the same order again", async () => {
    const found = await firstFreeSlot(sb, "2026-03-15", "2026-03-24");
    const booked = await post(sb, ORDER, orderBody(found, found.slot.resourceId));
    const { orderId } = booked.body.data as { orderId: number };
    const ok = await post(sb, CANCEL, { orderId, cancelReason: "行程有变" });
    expect(ok.body.code).toBe("0");
    const after = (await slots(sb, found.unitId, found.schedule.scheduleId)).find(
      (x) => x.resourceId === found.slot.resourceId,
    );
    expect(after?.appointedNum).toBe(found.slot.appointedNum);
    expect(sb.orders().find((o) => o.orderId === orderId)).toMatchObject({
      status: "cancelled",
      cancelReason: "行程有变",
    });
    const again = await post(sb, CANCEL, { orderId, cancelReason: "行程有变" });
    expect(again.body.code).toBe(API_CODES.orderAlreadyCancelled);
  });

  it("refuses an unknown order", async () => {
    const res = await post(sb, CANCEL, { orderId: 974, cancelReason: "取消原因" });
    expect(res.body.code).toBe(API_CODES.orderNotFound);
  });

  it("refuses once the appointment has begun", async () => {
    const found = await firstFreeSlot(sb, "2026-03-10", "2026-03-10");
    const booked = await post(sb, ORDER, orderBody(found, found.slot.resourceId));
    const { orderId } = booked.body.data as { orderId: number };
    clock = new Date(CHINA_0900.getTime() + 12 * 3_600_000);
    try {
      const late = await post(sb, CANCEL, { orderId, cancelReason: "来不及了" });
      expect(late.body.code).toBe(API_CODES.cancelTooLate);
      expect(sb.orders().find((o) => o.orderId === orderId)?.status).toBe("booked");
    } finally {
      clock = CHINA_0900;
    }
  });
});

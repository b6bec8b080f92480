// A watch that books by itself, on the sandbox hospital and Redis with two engine processes: freed
// places end in exactly one order for the saved patient and the booked message, the watch ending; a
// booking of that patient on that schedule whose outcome is unknown stops it placing anything.
import { afterEach, describe, expect, it } from "vitest";
import { patientKeyOf } from "../../src/bookings/patient-key.js";
import type { BookingRecord } from "../../src/bookings/record.js";
import type { PatientDraft } from "../../src/bot/session.js";
import { zh } from "../../src/i18n/zh.js";
import { makeIdCardNumber } from "../../src/patient/id-card.js";
import { maskName } from "../../src/patient/mask.js";
import type { AutoBookResult } from "../../src/watch/auto-book.js";
import { autoBookClaimKey } from "../../src/watch/auto-book-claim.js";
import { doctorTarget, SETTINGS, startWatchWorld, type WatchWorld } from "./support.js";

const ONE_INTERVAL = SETTINGS.intervalSeconds * 1000 * 1.25;
const ID_NUMBER = makeIdCardNumber("440304", "1990-03-07", 123);
const PATIENT: PatientDraft = {
  name: "张三",
  certKind: "id_card",
  certNo: ID_NUMBER,
  sex: "male",
  birthday: "1990-03-07",
  mobile: "13812345678",
  clinicNo: null,
  address: "深圳市福田区福华路1号",
};
const firstLine = (s: string) => s.split("\n")[0] ?? "";
const OFFER_TITLE = firstLine(
  zh.watch.offer({
    doctor: "",
    place: "",
    day: "",
    session: "",
    times: "",
    left: 0,
    fee: "",
    holdMinutes: 0,
  }),
);

/** whether a text is the locale's template around some one value */
function fits(template: (v: string) => string, text: string): boolean {
  const [head = "", tail = ""] = template("\u0000").split("\u0000");
  return text.startsWith(head) && text.endsWith(tail) && text.length > head.length + tail.length;
}

/** a few poll intervals, each with what falls due in it */
async function rounds(w: WatchWorld, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    w.clock.advance(ONE_INTERVAL);
    await w.settle();
  }
}

let world: WatchWorld | undefined;
afterEach(async () => {
  await world?.stop();
  world = undefined;
});

async function autoWatch(w: WatchWorld, userId: number) {
  const saved = await w.patients.save(userId, PATIENT, "0");
  if (saved.kind !== "saved") throw new Error("patient not saved");
  const { doctor, schedule } = w.fullDoctor();
  const made = await w.procs[0]?.watches.create({
    userId,
    chatId: userId,
    lang: "zh",
    target: doctorTarget(doctor),
    days: "window",
    sessions: "any",
    autoBook: { patientId: saved.patient.id, patientMasked: maskName("张三") },
  });
  if (made?.kind !== "created") throw new Error("watch not created");
  return { watch: made.watch, doctor, schedule, patientId: saved.patient.id };
}

describe("a watch that books by itself", () => {
  it("two processes, two freed places: exactly one order, for the saved patient, and the booked message", async () => {
    world = await startWatchWorld();
    const results: AutoBookResult[] = [];
    const observer = { onAutoBook: (r: AutoBookResult) => results.push(r) };
    await world.addProcess({ observer });
    await world.addProcess({ observer });
    const { watch, schedule } = await autoWatch(world, 31);
    await world.settle();
    const before = world.sandbox.orders().length;
    expect(world.sandbox.freePlace(schedule.scheduleId)).toBeDefined();
    expect(world.sandbox.freePlace(schedule.scheduleId)).toBeDefined();
    await rounds(world, 3);

    const orders = world.sandbox.orders().slice(before);
    expect(orders).toHaveLength(1);
    const body = JSON.stringify(orders[0]?.body);
    expect(body).toContain(ID_NUMBER);
    expect(body).toContain(PATIENT.mobile);
    expect(results.filter((r) => r === "booked")).toHaveLength(1);

    const told = world.sent.filter((m) => m.chatId === 31);
    expect(told).toHaveLength(1);
    expect(fits(zh.watch.auto.booked, told[0]?.text ?? "")).toBe(true);
    expect(told[0]?.text).toContain(String(orders[0]?.orderId));
    expect(told[0]?.text).toContain(orders[0]?.hisTakeNo ?? "-");
    expect(told.some((m) => m.text.startsWith(OFFER_TITLE))).toBe(false);

    // the watch ended; its one attempt is the booked record's, named by the claim
    expect(await world.procs[0]?.watches.list(31)).toEqual([]);
    const claim = await world.redis.get(autoBookClaimKey(world.prefix, 31, watch.id));
    const records = await world.bookings.list(31);
    expect(records).toHaveLength(1);
    expect(records[0]?.status).toBe("booked");
    expect(records[0]?.attemptId).toBe(claim);
  });

  it("places nothing while a booking of that patient on that schedule is unknown, and turns itself into a plain watch", async () => {
    world = await startWatchWorld();
    const seen: string[] = [];
    const proc = await world.addProcess({
      observer: {
        onAutoBook: (r) => seen.push(r),
        onPoll: (r) => seen.push(r),
        onOffer: (r) => seen.push(r),
      },
    });
    const { schedule } = await autoWatch(world, 32);
    await world.settle();
    const unknown: BookingRecord = {
      id: "u-earlier",
      attemptId: "earlier",
      patientKey: patientKeyOf(world.prefix, { certificate: { kind: "id_card", number: ID_NUMBER } }),
      scheduleId: schedule.scheduleId,
      orderId: null,
      takeNo: null,
      unitId: String(schedule.unitId),
      hospital: "",
      department: "",
      doctor: "",
      beginTime: `${schedule.date} 09:00:00`,
      endTime: `${schedule.date} 09:30:00`,
      fee: schedule.level.fee,
      patientMasked: maskName("张三"),
      status: "unknown",
      placedAt: world.clock.now().toISOString(),
    };
    await world.bookings.add(32, unknown);
    const before = world.sandbox.orders().length;
    expect(world.sandbox.freePlace(schedule.scheduleId)).toBeDefined();
    await rounds(world, 3);

    expect(world.sandbox.orders().length).toBe(before);
    const told = world.sent.filter((m) => m.chatId === 32);
    expect(told, seen.join(" ")).toHaveLength(1);
    expect(fits(zh.watch.auto.unresolved, told[0]?.text ?? "")).toBe(true);
    const [still] = (await proc.watches.list(32)) ?? [];
    expect(still).toBeDefined();
    expect(still?.autoBook).toBeUndefined();

    // the next freed place is an ordinary offer, with its Book now button
    expect(world.sandbox.freePlace(schedule.scheduleId)).toBeDefined();
    await rounds(world, 3);
    expect(world.sandbox.orders().length).toBe(before);
    const offers = world.sent.filter((m) => m.chatId === 32 && m.text.startsWith(OFFER_TITLE));
    expect(offers).toHaveLength(1);
    expect(offers[0]?.rows.flat().map((b) => b.text)).toContain(zh.watch.bookNow);
  });
});

// `npm run bench:aftercare`: what looking after many bookings costs. N bookings spread over M doctors are
// scheduled as the order service's listener would, swept once, checked for stopped clinics on one grid
// tick, and reminded all at once through the real bot's paced Telegram client to the local emulator
// (at the default 30 new messages a second). It prints figures; it asserts nothing about speed, only
// that every reminder went out exactly once and that one tick asked the hospital once per doctor.
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { startApp } from "../src/app.js";
import type { BookingRecord } from "../src/bookings/record.js";
import { loadConfig } from "../src/config.js";
import { silentLogger } from "../src/observability/logger.js";
import { nextGridCheck } from "../src/reminders/plan.js";
import { startSandbox } from "../src/sandbox/server.js";
import { startTelegramEmulator } from "../src/telegram-emulator/server.js";
import { addDaysIso, chinaToday, chinaWallClockToInstant } from "../src/time/china-time.js";

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: { bookings: { type: "string", default: "300" }, doctors: { type: "string", default: "20" } },
});
const N = Math.max(1, Math.min(5000, Number(values.bookings) || 300));
const M = Math.max(1, Math.min(200, Number(values.doctors) || 20));

let offset = chinaWallClockToInstant(`${chinaToday()} 09:00:00`).getTime() - Date.now();
const now = () => new Date(Date.now() + offset);
const jumpTo = (at: Date) => {
  offset += Math.max(0, at.getTime() - now().getTime());
};
const ms = (since: number) => `${(performance.now() - since).toFixed(0)} ms`;

async function main(): Promise<void> {
  const sandbox = await startSandbox({ now });
  const emulator = await startTelegramEmulator();
  const prefix = `bench:aftercare:${randomBytes(4).toString("hex")}:`;
  const app = await startApp({
    config: loadConfig({
      BOT_TOKEN: emulator.token,
      TELEGRAM_API_ROOT: emulator.apiRoot,
      HOSPITAL_API_URL: sandbox.url,
      HOSPITAL_APP_TOKEN: sandbox.appToken,
      REDIS_URL: process.env.REDIS_URL ?? "redis://127.0.0.1:6379",
      REDIS_PREFIX: prefix,
    }),
    logger: silentLogger(),
    now,
  });
  try {
    const visitDay = addDaysIso(chinaToday(now()), 3);
    // M doctors with a session on the visit day, found as a patient would browse
    const sessions: Array<{ unitId: string; depId: string; doctorId: string; begin: string; end: string }> =
      [];
    for (const h of await app.catalog.hospitals()) {
      for (const d of await app.catalog.departments(h.unitId)) {
        for (const doc of await app.catalog.doctors(h.unitId, d.depId)) {
          const [s] = await app.catalog.schedules(h.unitId, d.depId, doc.doctorId, visitDay, visitDay);
          const slot = s ? (await app.catalog.slots(h.unitId, s.scheduleId))[0] : undefined;
          if (slot)
            sessions.push({
              unitId: h.unitId,
              depId: d.depId,
              doctorId: doc.doctorId,
              begin: slot.beginTime,
              end: slot.endTime,
            });
          if (sessions.length >= M) break;
        }
        if (sessions.length >= M) break;
      }
      if (sessions.length >= M) break;
    }
    const users = Array.from({ length: N }, (_, i) => 800_000 + i);
    for (const id of users) emulator.user(id, { languageCode: "zh-hans" });

    let t = performance.now();
    const records: Array<{ userId: number; record: BookingRecord; s: (typeof sessions)[number] }> = [];
    for (const [i, userId] of users.entries()) {
      const s = sessions[i % sessions.length];
      if (!s) throw new Error("no doctor with a session found");
      const record: BookingRecord = {
        id: String(500_000 + i),
        orderId: String(500_000 + i),
        takeNo: String(100_000 + i),
        unitId: s.unitId,
        hospital: "医院",
        department: "科室",
        doctor: "医生",
        beginTime: s.begin,
        endTime: s.end,
        fee: 50,
        patientMasked: "张*",
        status: "booked",
        placedAt: now().toISOString(),
      };
      await app.deps.bookings.add(userId, record);
      records.push({ userId, record, s });
    }
    t = performance.now();
    for (const { userId, record, s } of records) await app.deps.aftercare.onBooked(userId, record, s);
    const scheduled = ms(t);
    t = performance.now();
    await app.deps.aftercare.sweep();
    const swept = ms(t);

    const before = sandbox.requestCount("/appointment/scheduleList");
    jumpTo(nextGridCheck(now(), 21_600));
    t = performance.now();
    await app.jobs.promoteDue();
    await app.jobs.idle(120_000);
    const checked = ms(t);
    const asked = sandbox.requestCount("/appointment/scheduleList") - before;

    const latest = Math.max(...records.map((r) => chinaWallClockToInstant(r.record.beginTime).getTime()));
    jumpTo(new Date(latest - 24 * 3_600_000));
    t = performance.now();
    await app.jobs.promoteDue();
    await app.jobs.idle(600_000);
    const reminded = performance.now() - t;
    const sent = emulator.calls("sendMessage").filter((c) => users.includes(Number(c.payload.chat_id)));
    const perUser = new Map<number, number>();
    for (const c of sent)
      perUser.set(Number(c.payload.chat_id), (perUser.get(Number(c.payload.chat_id)) ?? 0) + 1);
    const locations = emulator.calls("sendLocation").length;

    const lines = [
      `bookings ${N} over ${sessions.length} doctors`,
      `scheduling (the order listener, one booking at a time): ${scheduled}`,
      `hourly sweep over all of them: ${swept}`,
      `one stop-clinic tick: ${checked}, hospital schedule lists asked: ${asked} (one per doctor: ${sessions.length})`,
      `day-before reminders: ${sent.length} texts + ${locations} locations in ${(reminded / 1000).toFixed(1)} s` +
        ` (${(((sent.length + locations) / reminded) * 1000).toFixed(1)} messages/s)`,
      `every user reminded exactly once: ${perUser.size === N && [...perUser.values()].every((n) => n === 1)}`,
    ];
    process.stdout.write(`${lines.join("\n")}\n`);
  } finally {
    let cursor = "0";
    do {
      const [next, keys] = await app.redis.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 1000);
      cursor = next;
      if (keys.length > 0) await app.redis.del(...keys);
    } while (cursor !== "0");
    await app.close();
    await emulator.close();
    await sandbox.close();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`benchmark failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});

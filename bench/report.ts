// Turns one or two runs (our bot, and the bare Telegraf yardstick) into the printed report and the
// verdict on each target.
import { type RunResult, TELEGRAM_PER_SECOND } from "./run.js";
import { type Spread, spread, sum } from "./stats.js";

interface Figures {
  updates: number;
  wallS: number;
  perSecond: number;
  total: Spread;
  hospital: Spread;
  telegram: Spread;
  /** the same total, from the run without instruments */
  plainTotal: Spread;
  /** total − hospital − Telegram: the bot's own code, Redis and event-loop queueing */
  own: Spread;
  /** the part of own spent waiting for Redis's answers */
  redisWait: Spread;
  /** total − hospital: as above, plus waiting for the (local) Telegram emulator */
  ownWithTelegram: Spread;
  cpuMsPerUpdate: number;
  redisPerUpdate: number;
  hospitalPerBooking: number;
  /** per booking of a patient who had a session to themselves, by endpoint */
  uncontested: { perBooking: number; byEndpoint: Record<string, number> };
  listCallsPerBooking: number;
  redisTrips: Spread;
  booked: number;
  turn: Spread;
  stepsPerPatient: number;
}

/** One bot measured twice with the same patients: bare of instruments, and with time charged per update. */
export interface Measured {
  /** throughput, CPU, memory and the patients' waits */
  plain: RunResult;
  /** time per update split into hospital, Telegram and own; Redis round trips; hospital calls */
  timed: RunResult;
}

export function figuresOf(measured: Measured): Figures {
  const { plain, timed: run } = measured;
  const s = run.stats.samples;
  const own = s.totalMs.map((t, i) => t - (s.hospitalMs[i] ?? 0) - (s.telegramMs[i] ?? 0));
  const ownWithTelegram = s.totalMs.map((t, i) => t - (s.hospitalMs[i] ?? 0));
  const booked = Math.max(1, run.integrity.booked);
  const h = run.stats.hospital;
  const lists = (h.unitList ?? 0) + (h.depList ?? 0) + (h.doctorList ?? 0);
  const turns = plain.results.flatMap((r) => r.turnMs);
  const quiet = run.results.filter((r) => !r.plan.contested && r.outcome.kind === "booked");
  const byEndpoint: Record<string, number> = {};
  for (const r of quiet) {
    for (const [endpoint, n] of Object.entries(run.stats.hospitalByChat[r.plan.userId] ?? {})) {
      byEndpoint[endpoint] = (byEndpoint[endpoint] ?? 0) + n / Math.max(1, quiet.length);
    }
  }
  return {
    updates: plain.stats.updates,
    wallS: plain.wallMs / 1000,
    perSecond: plain.stats.updates / (plain.wallMs / 1000),
    total: spread(s.totalMs),
    hospital: spread(s.hospitalMs),
    telegram: spread(s.telegramMs),
    plainTotal: spread(plain.stats.samples.totalMs),
    own: spread(own),
    redisWait: spread(s.redisMs),
    ownWithTelegram: spread(ownWithTelegram),
    cpuMsPerUpdate:
      (plain.stats.process.cpuUserMs + plain.stats.process.cpuSystemMs) / Math.max(1, plain.stats.updates),
    redisPerUpdate: sum(s.redisTrips) / Math.max(1, run.stats.updates),
    hospitalPerBooking: sum(Object.values(h)) / booked,
    uncontested: { perBooking: sum(Object.values(byEndpoint)), byEndpoint },
    listCallsPerBooking: lists / booked,
    redisTrips: spread(s.redisTrips),
    booked: run.integrity.booked,
    turn: spread(turns),
    stepsPerPatient: turns.length / Math.max(1, plain.results.length),
  };
}

const ms = (n: number) => `${n.toFixed(1)} ms`;
const spreadText = (x: Spread) => `${x.p50.toFixed(1)} / ${x.p95.toFixed(1)} / ${x.p99.toFixed(1)} ms`;

function table(rows: Array<[string, string, string?, string?]>): string {
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  const w2 = Math.max(...rows.map((r) => (r[2] ?? "").length));
  return rows
    .map(([a, b, c, d]) =>
      [a.padEnd(w0), b.padStart(w1), c === undefined ? "" : c.padStart(w2), d ?? ""].join("   ").trimEnd(),
    )
    .join("\n");
}

export function report(
  oursMeasured: Measured,
  bareMeasured: Measured | undefined,
): { text: string; missed: string[] } {
  const o = figuresOf(oursMeasured);
  const b = bareMeasured ? figuresOf(bareMeasured) : undefined;
  const ours = oursMeasured.timed;
  const ratio = (x: number, y: number | undefined) => (y ? `×${(x / y).toFixed(2)}` : "");
  const col = (f: (x: Figures) => string) => (b ? ([f(o), f(b)] as const) : ([f(o)] as const));
  const row = (
    label: string,
    f: (x: Figures) => string,
    r?: (x: Figures) => number,
  ): [string, string, string?, string?] => {
    const [a, c] = col(f);
    return [label, a, c, b && r ? ratio(r(o), r(b)) : undefined];
  };
  const p = ours.plan;
  const contenders = p.hot.reduce((n, h) => n + h.contenders, 0);
  const places = p.hot.reduce((n, h) => n + h.capacity, 0);
  const lines: string[] = [];
  const arrival =
    ours.arrivalMs > 0 ? `first taps spread over ${ours.arrivalMs} ms` : "all first taps in the same instant";
  const mode =
    ours.thinkMs > 0
      ? `patients pause ${ours.thinkMs} ms ±50% before each tap, as people do; ${arrival}`
      : `patients tap again the moment the bot has answered (flat out); ${arrival}`;
  lines.push(
    `Rush hour: ${ours.patients} patients at once, hospital latency ${ours.latencyMs} ms (sandbox knobs.latencyMs); ${mode}`,
    `  ${ours.patients - contenders} spread over their own sessions with ${p.doctors} doctors in all; ${contenders} competing for ${places} places in ${p.hot.length} scarce session(s)`,
    "  bot in its own process (production logging to /dev/null, default flood limit, HOSPITAL_MAX_CONCURRENT=1000,",
    `  HOSPITAL_MAX_PER_SECOND=10000, TELEGRAM_GLOBAL/CHAT_PER_SECOND=${ours.noThrottle ? "0 (limits off)" : TELEGRAM_PER_SECOND}); emulator, sandbox and patients in this process; 2 cores shared`,
    "  each bot runs twice: updates/s, CPU, memory and the patients' waits come from a run without instruments;",
    "  the split of each update's time, Redis round trips and hospital calls from a run that charges them to it",
    "",
  );
  lines.push(
    table([
      ["", "our bot", b ? "bare Telegraf" : undefined, b ? "ours/bare" : undefined],
      row("updates handled", (x) => String(x.updates)),
      row("wall time", (x) => `${x.wallS.toFixed(2)} s`),
      row(
        "updates per second",
        (x) => x.perSecond.toFixed(0),
        (x) => x.perSecond,
      ),
      row("per update p50/p95/p99: total", (x) => spreadText(x.total)),
      row("  total, in the run without instruments", (x) => spreadText(x.plainTotal)),
      row("  hospital API (apart)", (x) => spreadText(x.hospital)),
      row("  Telegram API (local emulator)", (x) => spreadText(x.telegram)),
      row(
        "  own = total − hospital − Telegram",
        (x) => spreadText(x.own),
        (x) => x.own.p99,
      ),
      row("    of which waiting for Redis", (x) => spreadText(x.redisWait)),
      row("  own incl. Telegram", (x) => spreadText(x.ownWithTelegram)),
      row(
        "bot CPU per update",
        (x) => ms(x.cpuMsPerUpdate),
        (x) => x.cpuMsPerUpdate,
      ),
      row("  ⇒ updates/s one core could take", (x) => (1000 / Math.max(0.001, x.cpuMsPerUpdate)).toFixed(0)),
      row("Redis round trips per update: mean", (x) => x.redisPerUpdate.toFixed(2)),
      row("  p50 / p95 / max", (x) => `${x.redisTrips.p50} / ${x.redisTrips.p95} / ${x.redisTrips.max}`),
      row("hospital calls per booking, all", (x) => x.hospitalPerBooking.toFixed(2)),
      row("  per booking with a session to oneself", (x) => x.uncontested.perBooking.toFixed(2)),
      row("  of which hospital/department/doctor lists", (x) => x.listCallsPerBooking.toFixed(3)),
      row("bookings made", (x) => String(x.booked)),
      row("patient's wait per step p50/p95/p99", (x) => spreadText(x.turn)),
      row("steps per patient", (x) => x.stepsPerPatient.toFixed(1)),
    ]),
  );
  for (const m of [oursMeasured, bareMeasured]) {
    if (!m) continue;
    const pr = m.plain.stats.process;
    const st = m.timed.stats;
    lines.push(
      "",
      `${m.plain.kind === "ours" ? "our bot" : "bare Telegraf"}:`,
      `  memory: RSS ${pr.baseRssMb.toFixed(0)} MB warm → peak ${pr.peakRssMb.toFixed(0)} MB; heap used ${pr.baseHeapUsedMb.toFixed(0)} → peak ${pr.peakHeapUsedMb.toFixed(0)} MB`,
      `  CPU: ${(pr.cpuUserMs + pr.cpuSystemMs).toFixed(0)} ms over ${(pr.elapsedMs / 1000).toFixed(2)} s (${((100 * (pr.cpuUserMs + pr.cpuSystemMs)) / pr.elapsedMs).toFixed(0)}% of one core); the benchmark's side (emulator, sandbox, patients) used ${((100 * m.plain.driverCpuMs) / m.plain.wallMs).toFixed(0)}% of the other`,
      `  event loop late by p50 ${pr.loopDelayMs.p50.toFixed(1)} / p99 ${pr.loopDelayMs.p99.toFixed(1)} / max ${pr.loopDelayMs.max.toFixed(1)} ms; garbage collection ${pr.gc.count} pauses, ${pr.gc.totalMs.toFixed(0)} ms in all, longest ${pr.gc.maxMs.toFixed(1)} ms`,
      `  Redis round trips (counted on the bot's ioredis client; MULTI…EXEC = 1): ${describe(st.redis)}; outside updates ${st.redisOutsideUpdates}`,
      `  hospital calls: ${describe(st.hospital)}; failed ${st.hospitalFailures}`,
      `  errors while handling: ${m.plain.stats.errors} and ${st.errors}; Telegram calls ${st.telegramCalls}`,
      ...integrityLines(m.plain),
      `  integrity of the run with time charged: ${integrityText(m.timed.integrity)}`,
    );
  }
  const missed: string[] = [];
  const check = (ok: boolean, text: string) => {
    lines.push(`  ${ok ? "✔" : "✘"} ${text}`);
    if (!ok) missed.push(text);
  };
  const runs = [oursMeasured.plain, oursMeasured.timed];
  lines.push("", "targets (our bot):");
  if (ours.thinkMs > 0)
    lines.push(
      `  · updates/s is the offered load here (${o.perSecond.toFixed(0)}); run without --think for throughput`,
    );
  else if (ours.latencyMs > 0)
    lines.push(
      `  · updates/s is bounded by the hospital's ${ours.latencyMs} ms here (${o.perSecond.toFixed(0)}); run without --latency for throughput`,
    );
  else check(o.perSecond >= 1000, `≥ 1,000 updates/s end to end: ${o.perSecond.toFixed(0)}`);
  check(
    o.own.p99 <= 20,
    `p99 own handling ≤ 20 ms: ${o.own.p99.toFixed(1)} ms at ${ours.patients} concurrent patients${ours.thinkMs > 0 ? "" : " flat out (mostly queueing behind the other updates in hand)"}`,
  );
  check(
    o.redisPerUpdate <= 3,
    `≤ 3 Redis round trips per update: mean ${o.redisPerUpdate.toFixed(2)}, p50 ${o.redisTrips.p50}, p95 ${o.redisTrips.p95}`,
  );
  const u = o.uncontested;
  const parts = Object.entries(u.byEndpoint)
    .map(([k, n]) => `${k} ${n.toFixed(2)}`)
    .join(", ");
  check(
    u.perBooking <= 3,
    `≤ 3 hospital calls per booking, warm catalog: ${u.perBooking.toFixed(2)} (${parts}); ${o.hospitalPerBooking.toFixed(2)} counting lost races`,
  );
  check(
    runs.every(({ integrity: i }) => i.overbooked.length === 0 && i.bookedTwice.length === 0),
    "zero double bookings (both runs)",
  );
  check(
    runs.every(({ integrity }) => intact(integrity)),
    "zero lost or crossed sessions (both runs)",
  );
  if (ours.latencyMs > 0) {
    const calls = sum(Object.values(ours.stats.hospital));
    const alone = (u.perBooking * ours.latencyMs) / 1000;
    const serial = (calls * ours.latencyMs) / 1000;
    lines.push(
      `  concurrency: all ${ours.patients} done in ${o.wallS.toFixed(1)} s; one patient alone waits ≈ ${alone.toFixed(1)} s on the hospital; served one after another, ${calls} calls × ${ours.latencyMs} ms = ${serial.toFixed(0)} s`,
    );
  }
  return { text: lines.join("\n"), missed };
}

function describe(counts: Record<string, number>): string {
  const entries = Object.entries(counts).sort((a, b) => b[1] - a[1]);
  return entries.length === 0 ? "none" : entries.map(([k, n]) => `${k} ${n}`).join(", ");
}

/** nothing failed, crossed, unannounced or missing from /mybookings */
export function intact(i: RunResult["integrity"]): boolean {
  return i.failed.length + i.crossed.length + i.unannounced.length + i.unrecorded.length === 0;
}

function integrityText(i: RunResult["integrity"]): string {
  return `overbooked slots ${i.overbooked.length}, patients booked twice ${i.bookedTwice.length}, crossed ${i.crossed.length}, orders nobody was told of ${i.unannounced.length}, orders missing from /mybookings ${i.unrecorded.length}`;
}

function integrityLines(run: RunResult): string[] {
  const i = run.integrity;
  const lines = [
    `  bookings: ${i.booked} booked, ${i.turnedAway} turned away (no place left), ${i.failed.length} failed, of ${run.patients} patients`,
    ...i.hot.map(
      (h) =>
        `    scarce session ${h.scheduleId}: ${h.capacity} places, ${h.contenders} contenders → ${h.booked} booked, ${h.turnedAway} turned away`,
    ),
    `  integrity: ${integrityText(i)}`,
  ];
  for (const f of i.failed.slice(0, 5)) lines.push(`    failed: user ${f.userId} at ${f.step}: ${f.detail}`);
  return lines;
}

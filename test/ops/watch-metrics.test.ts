// /metrics of a running service shows the watches of all processes (read from Redis when scraped) and
// the polls this process made.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type OpsWorld, startOpsWorld } from "./support.js";

function value(text: string, series: string): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe("/metrics for watches", () => {
  let world: OpsWorld;
  beforeAll(async () => {
    world = await startOpsWorld();
  });
  afterAll(async () => {
    await world?.stop();
  });

  it("counts active watches, polled targets and polls, and the age of the last good poll", async () => {
    const doctor = world.sandbox.world.doctors().find((d) => d.pattern === "full");
    if (!doctor) throw new Error("no full doctor");
    const target = {
      kind: "doctor" as const,
      unitId: String(doctor.unitId),
      depId: String(doctor.depId),
      doctorId: String(doctor.doctorId),
    };
    const { watches, jobs } = world.service.app;
    for (const userId of [7301, 7302]) {
      await watches.create({ userId, chatId: userId, lang: "zh", target, days: "7", sessions: "any" });
    }
    await jobs.idle();
    const text = await (await fetch(`${world.service.http.url}/metrics`)).text();
    expect(value(text, "hbot_watch_active")).toBe(2);
    expect(value(text, "hbot_watch_targets")).toBe(1);
    expect(value(text, 'hbot_watch_polls_total{outcome="ok"}')).toBe(1);
    const age = value(text, "hbot_watch_last_poll_age_seconds") ?? -1;
    expect(age).toBeGreaterThanOrEqual(0);
    expect(age).toBeLessThan(30);
  });
});

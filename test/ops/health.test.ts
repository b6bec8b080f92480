// /healthz tells a load balancer or Docker whether this process can serve patients: 200 while Redis and
// the hospital answer, 503 with the reason when either does not. Probes share one hospital call.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type OwnRedis, startOwnRedis } from "../faults/own-redis.js";
import { type OpsWorld, startOpsWorld } from "./support.js";

interface Report {
  ok: boolean;
  redis: { ok: boolean; error?: string };
  hospital: { ok: boolean; error?: string };
}

async function healthz(world: OpsWorld): Promise<{ status: number; body: Report }> {
  const res = await fetch(`${world.service.http.url}/healthz`);
  return { status: res.status, body: (await res.json()) as Report };
}

describe("/healthz", () => {
  let redis: OwnRedis;
  let world: OpsWorld;
  beforeAll(async () => {
    redis = await startOwnRedis();
    world = await startOpsWorld({ env: { REDIS_URL: redis.url } });
  });
  afterAll(async () => {
    await world?.stop();
    await redis?.close();
  });

  it("answers 200 when Redis and the hospital answer, asking the hospital once for a burst of probes", async () => {
    const before = world.sandbox.requestCount("/basicInfo/unitList");
    const probes = await Promise.all([healthz(world), healthz(world), healthz(world)]);
    for (const { status, body } of probes) {
      expect(status).toBe(200);
      expect(body).toMatchObject({ ok: true, redis: { ok: true }, hospital: { ok: true } });
    }
    expect(world.sandbox.requestCount("/basicInfo/unitList")).toBe(before + 1);
  });

  it("answers 503 with the reason when Redis is down, and 200 again when it is back", async () => {
    await redis.stop();
    const down = await healthz(world);
    expect(down.status).toBe(503);
    expect(down.body.ok).toBe(false);
    expect(down.body.redis.ok).toBe(false);
    expect(down.body.redis.error).toBeTruthy();
    expect(down.body.hospital.ok).toBe(true);

    await redis.start();
    await expect.poll(async () => (await healthz(world)).status, { timeout: 8_000 }).toBe(200);
  });

  it("is not in the way of the webhook or anything else", async () => {
    expect((await fetch(`${world.service.http.url}/nothing-here`)).status).toBe(404);
    expect((await fetch(`${world.service.http.url}/healthz`, { method: "POST" })).status).toBe(405);
  });
});

describe("/healthz while the hospital fails", () => {
  let world: OpsWorld;
  beforeAll(async () => {
    world = await startOpsWorld({
      sandbox: { knobs: { errorRate: 1 } },
      env: { HOSPITAL_RETRIES: "0" },
    });
  });
  afterAll(async () => {
    await world?.stop();
  });

  it("answers 503 and names the hospital API", async () => {
    const { status, body } = await healthz(world);
    expect(status).toBe(503);
    expect(body.redis.ok).toBe(true);
    expect(body.hospital.ok).toBe(false);
    expect(body.hospital.error).toMatch(/hospital API unitList/);
    expect(JSON.stringify(body)).not.toContain(world.sandbox.appToken);
  });
});

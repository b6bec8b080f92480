// Booking records are the only copy of a patient's bookings, so start-up checks that Redis keeps them:
// an evicting maxmemory-policy stops a production bot with one clear line (development is warned), no
// persistence is warned, and a Redis that refuses CONFIG is checked through INFO or warned as unchecked.
import { PassThrough } from "node:stream";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { StartupError, startApp } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import { createLogger } from "../../src/observability/logger.js";
import {
  type DurabilityProbe,
  judgeRedisDurability,
  readRedisDurability,
} from "../../src/observability/redis-durability.js";
import { type OwnRedis, startOwnRedis } from "../faults/own-redis.js";
import { testPrefix } from "../support/redis.js";

function capture() {
  const lines: string[] = [];
  const stream = new PassThrough();
  stream.on("data", (c: Buffer) => lines.push(c.toString("utf8")));
  return { logger: createLogger({ level: "info", pretty: false, destination: stream }), lines };
}

describe("Redis durability at start-up", () => {
  let redis: OwnRedis;
  let admin: Redis;
  beforeAll(async () => {
    redis = await startOwnRedis();
    admin = redis.admin();
  });
  afterAll(async () => {
    await redis?.close();
  });

  const configFor = (nodeEnv: string) =>
    loadConfig({
      BOT_TOKEN: "123456:TEST-emulator-token-abcdefghijklmnop",
      HOSPITAL_SANDBOX: "true",
      REDIS_URL: redis.url,
      REDIS_PREFIX: testPrefix("durability"),
      NODE_ENV: nodeEnv,
    });

  it("refuses an evicting policy in production with one clear line, and warns in development", async () => {
    await admin.config("SET", "maxmemory-policy", "allkeys-lru");
    try {
      const { logger } = capture();
      const refused = await startApp({ config: configFor("production"), logger }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(StartupError);
      expect((refused as Error).message).toBe(
        "Redis maxmemory-policy is allkeys-lru: Redis may delete booking records when memory runs out; set it to noeviction",
      );

      const dev = capture();
      const app = await startApp({ config: configFor("development"), logger: dev.logger });
      await app.close();
      await new Promise((r) => setTimeout(r, 20));
      expect(dev.lines.join("")).toContain("maxmemory-policy is allkeys-lru");
    } finally {
      await admin.config("SET", "maxmemory-policy", "noeviction");
    }
  });

  it("reads persistence: append-only on is persistent, neither AOF nor save rules is warned", async () => {
    expect(await readRedisDurability(admin)).toEqual({ policy: "noeviction", persistent: true });
    // a Redis as it comes out of the box with snapshots turned off
    const settings: Record<string, string> = { "maxmemory-policy": "noeviction", appendonly: "no", save: "" };
    const bare: DurabilityProbe = {
      config: async (_get, name) => [name, settings[name] ?? ""],
      info: async () => "",
    };
    const d = await readRedisDurability(bare);
    expect(d).toEqual({ policy: "noeviction", persistent: false });
    const { logger, lines } = capture();
    expect(judgeRedisDurability(d, { production: true, logger })).toBeUndefined();
    await new Promise((r) => setTimeout(r, 20));
    expect(lines.join("")).toContain("Redis has no persistence");
    settings.save = "3600 1";
    expect((await readRedisDurability(bare)).persistent).toBe(true);
  });

  it("falls back to INFO when CONFIG is disabled, and warns what it could not check", async () => {
    const refuse = () => Promise.reject(new Error("ERR unknown command 'CONFIG'"));
    const infoOnly: DurabilityProbe = {
      config: refuse,
      info: async (section: string) =>
        section === "memory"
          ? "# Memory\r\nmaxmemory_policy:volatile-lru\r\n"
          : "# Persistence\r\naof_enabled:0\r\n",
    };
    const d = await readRedisDurability(infoOnly);
    expect(d).toEqual({ policy: "volatile-lru", persistent: undefined });
    const { logger, lines } = capture();
    expect(judgeRedisDurability(d, { production: true, logger })).toMatch(/volatile-lru/);
    expect(judgeRedisDurability(d, { production: false, logger })).toBeUndefined();
    await new Promise((r) => setTimeout(r, 20));
    expect(lines.join("")).toContain("could not check Redis persistence");

    const nothing: DurabilityProbe = { config: refuse, info: refuse };
    expect(await readRedisDurability(nothing)).toEqual({ policy: undefined, persistent: undefined });
  });
});

// One fetch per entry however many ask: the callers who join a fetch another started report how long they
// waited for the hospital, so time spent on the hospital's behalf is never taken for the bot's own.
import { afterAll, beforeAll, expect, it } from "vitest";
import { createLayeredCache } from "../../src/catalog/layered-cache.js";
import { silentLogger } from "../../src/observability/logger.js";
import { cleanPrefix, testPrefix, testRedis } from "../support/redis.js";

const redis = testRedis();
const prefix = testPrefix("shared-wait");
beforeAll(async () => {
  await redis.ping();
});
afterAll(async () => {
  await cleanPrefix(redis, prefix);
  redis.disconnect();
});

it("reports each joining caller's wait, and none for the caller that fetched", async () => {
  const waits: number[] = [];
  const cache = createLayeredCache({ redis, logger: silentLogger(), onSharedWait: (ms) => waits.push(ms) });
  let fetches = 0;
  const fetch = async () => {
    fetches++;
    await new Promise((resolve) => setTimeout(resolve, 120));
    return ["科室"];
  };
  const spec = { key: `${prefix}deps`, ttlMs: 60_000, memoryTtlMs: 60_000 };
  const answers = await Promise.all([cache.get(spec, fetch), cache.get(spec, fetch), cache.get(spec, fetch)]);
  expect(answers).toEqual([["科室"], ["科室"], ["科室"]]);
  expect(fetches).toBe(1);
  expect(waits).toHaveLength(2);
  for (const ms of waits) expect(ms).toBeGreaterThanOrEqual(100);
  // a later caller finds the entry in memory: nothing to wait for
  await cache.get(spec, fetch);
  expect(waits).toHaveLength(2);
});

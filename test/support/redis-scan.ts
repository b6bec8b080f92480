// Reads every key under a prefix with its value, whatever its type, as one text to search: the proof
// that no personal data sits in Redis in clear, and that /deletedata left nothing of a user behind.
import type { Redis } from "ioredis";

export interface StoredEntry {
  key: string;
  value: string;
}

export async function dumpPrefix(redis: Redis, prefix: string): Promise<StoredEntry[]> {
  const out: StoredEntry[] = [];
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 500);
    cursor = next;
    for (const key of keys) out.push({ key, value: await storedValue(redis, key) });
  } while (cursor !== "0");
  return out;
}

async function storedValue(redis: Redis, key: string): Promise<string> {
  switch (await redis.type(key)) {
    case "string":
      return (await redis.get(key)) ?? "";
    case "hash":
      return JSON.stringify(await redis.hgetall(key));
    case "list":
      return JSON.stringify(await redis.lrange(key, 0, -1));
    case "set":
      return JSON.stringify(await redis.smembers(key));
    case "zset":
      return JSON.stringify(await redis.zrange(key, 0, -1, "WITHSCORES"));
    case "stream":
      return JSON.stringify(await redis.xrange(key, "-", "+"));
    default:
      return "";
  }
}

/** The entries whose key or value contains any of the needles, with the needle found. */
export async function findInRedis(
  redis: Redis,
  prefix: string,
  needles: readonly string[],
): Promise<Array<{ key: string; needle: string }>> {
  const hits: Array<{ key: string; needle: string }> = [];
  for (const { key, value } of await dumpPrefix(redis, prefix)) {
    for (const needle of needles) {
      if (key.includes(needle) || value.includes(needle)) hits.push({ key, needle });
    }
  }
  return hits;
}

// Runs once before the suite: the tests need a real Redis, so say so plainly when none answers.
import { Redis } from "ioredis";

export default async function checkRedis(): Promise<void> {
  const url = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on("error", () => {});
  try {
    await redis.connect();
    await redis.ping();
  } catch {
    throw new Error(
      `The tests need Redis at ${url} and none answers. Start one (e.g. \`redis-server --daemonize yes\`) or set REDIS_URL.`,
    );
  } finally {
    redis.disconnect();
  }
}

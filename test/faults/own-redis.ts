// A redis-server of the test's own, on a free port, so it can be stopped, restarted and frozen without
// touching the shared Redis other tests and engineers use. The append-only file is fsynced on every write,
// so a stop and a start keep every session, as a production Redis with persistence would.

import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import { freePort } from "../support/ports.js";

export interface OwnRedis {
  readonly url: string;
  /** SIGTERM: Redis finishes its append-only file and exits; clients see the connection close */
  stop(): Promise<void>;
  /** starts it again on the same port and data directory */
  start(): Promise<void>;
  /** SIGSTOP: the server hangs with connections open, as an overloaded or failing-over Redis does */
  freeze(): void;
  thaw(): void;
  /** a client for reading keys behind the bot's back */
  admin(): Redis;
  close(): Promise<void>;
}

async function untilAnswering(url: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    probe.on("error", () => {});
    try {
      await probe.connect();
      await probe.ping();
      return;
    } catch (e) {
      if (Date.now() > deadline) throw e;
      await new Promise((r) => setTimeout(r, 50));
    } finally {
      probe.disconnect();
    }
  }
}

export async function startOwnRedis(): Promise<OwnRedis> {
  const port = await freePort();
  const dir = await mkdtemp(join(tmpdir(), "faults-redis-"));
  const url = `redis://127.0.0.1:${port}`;
  const args = [
    "--port",
    String(port),
    "--bind",
    "127.0.0.1",
    "--dir",
    dir,
    "--save",
    "",
    "--appendonly",
    "yes",
    "--appendfsync",
    "always",
  ];
  let server: ChildProcess | undefined;
  const admins: Redis[] = [];

  const start = async () => {
    server = spawn("redis-server", args, { stdio: "ignore" });
    await untilAnswering(url);
  };
  const stop = async () => {
    const s = server;
    server = undefined;
    if (!s || s.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => s.once("exit", () => resolve()));
    s.kill("SIGCONT");
    s.kill("SIGTERM");
    await exited;
  };
  // should the test process die before close(), the server must not outlive it
  const orphanGuard = () => server?.kill("SIGKILL");
  process.once("exit", orphanGuard);
  await start();
  return {
    url,
    start,
    stop,
    freeze: () => server?.kill("SIGSTOP"),
    thaw: () => server?.kill("SIGCONT"),
    admin() {
      const client = new Redis(url, { maxRetriesPerRequest: 1 });
      client.on("error", () => {});
      admins.push(client);
      return client;
    },
    async close() {
      for (const a of admins) a.disconnect();
      await stop();
      process.off("exit", orphanGuard);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

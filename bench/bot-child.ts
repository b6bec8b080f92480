// Starts bench/bot-process.ts under tsx in a child process and talks to it one request at a time.
import { type ChildProcess, fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { BotSpec, BotStats, FromBot, ToBot } from "./ipc.js";

export interface BotChild {
  warm(lists: Array<{ unitId: string; depId: string }>): Promise<void>;
  forget(doctors: Array<{ unitId: string; depId: string; doctorId: string }>): Promise<void>;
  reset(): Promise<void>;
  stats(): Promise<BotStats>;
  stop(): Promise<void>;
  /** resolves once the bot has finished handling this update */
  handled(updateId: number): Promise<void>;
  /** ends the process whatever state it is in (after a failed run) */
  kill(): void;
}

const ENTRY = fileURLToPath(new URL("./bot-process.ts", import.meta.url));

export async function startBotChild(spec: BotSpec, opts: { profileDir?: string } = {}): Promise<BotChild> {
  const profile = opts.profileDir ? ["--cpu-prof", `--cpu-prof-dir=${opts.profileDir}`] : [];
  const child = fork(ENTRY, [], {
    execArgv: ["--import", "tsx", ...profile],
    env: { ...process.env, BENCH_BOT_SPEC: JSON.stringify(spec) },
    // stdout carries the bot's production log lines: written, as in production, and thrown away
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
  const inbox = createInbox(child);
  await inbox.next("ready");

  async function request<T extends ToBot["type"]>(message: Extract<ToBot, { type: T }>) {
    child.send(message);
    return inbox.next(message.type);
  }

  return {
    async warm(lists) {
      await request({ type: "warm", lists });
    },
    async forget(doctors) {
      await request({ type: "forget", doctors });
    },
    async reset() {
      await request({ type: "reset" });
    },
    async stats() {
      const answer = await request({ type: "stats" });
      if (answer.type !== "stats") throw new Error("the bot process answered out of turn");
      return answer.stats;
    },
    async stop() {
      await request({ type: "stop" });
      await new Promise<void>((resolve) => {
        if (child.exitCode !== null) resolve();
        else child.once("exit", () => resolve());
      });
    },
    handled: (id) => inbox.handled(id),
    kill() {
      if (child.exitCode === null) child.kill("SIGKILL");
    },
  };
}

function createInbox(child: ChildProcess) {
  let waiting: { type: FromBot["type"]; resolve(m: FromBot): void; reject(e: Error): void } | undefined;
  const done = new Set<number>();
  const awaited = new Map<number, () => void>();
  const fail = (e: Error) => {
    waiting?.reject(e);
    waiting = undefined;
  };
  child.on("message", (m: FromBot) => {
    if (m.type === "failed") return fail(new Error(`bot process: ${m.message}`));
    if (m.type === "handled") {
      for (const id of m.ids) {
        const wake = awaited.get(id);
        if (wake) {
          awaited.delete(id);
          wake();
        } else done.add(id);
      }
      return;
    }
    if (waiting?.type === m.type) {
      waiting.resolve(m);
      waiting = undefined;
    }
  });
  child.on("exit", (code) => fail(new Error(`bot process exited (code ${code})`)));
  return {
    handled(id: number): Promise<void> {
      if (done.delete(id)) return Promise.resolve();
      return new Promise((resolve) => awaited.set(id, resolve));
    },
    next(type: FromBot["type"]): Promise<FromBot> {
      return new Promise((resolve, reject) => {
        waiting = { type, resolve, reject };
      });
    },
  };
}

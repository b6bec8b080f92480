// `npm run bench`: rush hour against the sandbox hospital, the local Telegram emulator and the real
// Redis, first through our bot, then through a bare Telegraf bot doing the same conversation, and the
// report with the verdict on each target. Exits 1 when a booking was doubled, lost or crossed.

import type { BenchArgs } from "./args.js";
import { parseBenchArgs } from "./args.js";
import type { BotKind } from "./ipc.js";
import { intact, type Measured, report } from "./report.js";
import { runOnce } from "./run.js";

/**
 * Each bot runs twice with the same patients: once bare of instruments, for throughput, CPU and memory,
 * and once with every update charged its hospital, Telegram and Redis time, for the rest.
 */
async function measure(kind: BotKind, args: BenchArgs): Promise<Measured> {
  const name = kind === "ours" ? "our bot" : "the bare Telegraf bot";
  process.stdout.write(`running ${name} with ${args.patients} patients: throughput…\n`);
  const plain = await runOnce(kind, args, false);
  process.stdout.write(`running ${name} with ${args.patients} patients: time charged per update…\n`);
  const timed = await runOnce(kind, { ...args, profileDir: undefined }, true);
  return { plain, timed };
}

async function main(): Promise<void> {
  const args = parseBenchArgs(process.argv.slice(2));
  const ours = await measure("ours", args);
  const bare = args.bare ? await measure("bare", { ...args, profileDir: undefined }) : undefined;
  const { text } = report(ours, bare);
  process.stdout.write(`\n${text}\n`);
  const broken = [ours.plain, ours.timed].some(
    ({ integrity: i }) => i.overbooked.length + i.bookedTwice.length > 0 || !intact(i),
  );
  if (broken) process.exitCode = 1;
}

main().catch((e: unknown) => {
  process.stderr.write(`benchmark failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});

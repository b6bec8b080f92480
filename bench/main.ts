// `npm run bench`: rush hour against the sandbox hospital, the local Telegram emulator and the real
// Redis, first through our bot, then through a bare Telegraf bot doing the same conversation, and the
// report with the verdict on each target. Exits 1 when a booking was doubled, lost or crossed.
import { parseBenchArgs } from "./args.js";
import { report } from "./report.js";
import { type RunResult, runOnce } from "./run.js";

async function main(): Promise<void> {
  const args = parseBenchArgs(process.argv.slice(2));
  process.stdout.write(`running our bot with ${args.patients} patients…\n`);
  const ours = await runOnce("ours", args);
  let bare: RunResult | undefined;
  if (args.bare) {
    process.stdout.write("running the bare Telegraf bot with the same patients…\n");
    bare = await runOnce("bare", { ...args, profileDir: undefined });
  }
  const { text } = report(ours, bare);
  process.stdout.write(`\n${text}\n`);
  const i = ours.integrity;
  const broken =
    i.overbooked.length + i.bookedTwice.length + i.crossed.length + i.unannounced.length + i.failed.length;
  if (broken > 0) process.exitCode = 1;
}

main().catch((e: unknown) => {
  process.stderr.write(`benchmark failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});

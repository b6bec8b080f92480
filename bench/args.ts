// The benchmark's command line, parsed once: everything else receives plain numbers.
import { parseArgs } from "node:util";

export interface BenchArgs {
  patients: number;
  /** added by the sandbox hospital to every response (knobs.latencyMs) */
  latencyMs: number;
  /** share of patients sent after the same few scarce sessions, 0..1 */
  contested: number;
  /** mean pause before each tap after the first, as a person reads; 0 sends the next tap at once */
  thinkMs: number;
  /** the patients' first taps are spread evenly over this window; 0: all in the same instant */
  arrivalMs: number;
  /** also run the bare Telegraf bot for the overhead ratio */
  bare: boolean;
  /** switch the outgoing Telegram limits off (0) instead of setting them high, to see what they cost */
  noThrottle: boolean;
  /** write a V8 CPU profile of the bot process into this directory */
  profileDir: string | undefined;
  seed: number;
}

export const MAX_PATIENTS = 2000;

const USAGE = `usage: npm run bench -- [--patients N] [--latency MS] [--think MS] [--arrival MS] [--contested 0.2] [--no-bare]
                       [--no-throttle] [--profile DIR]
  --patients   simulated patients, all at once (default 200, at most ${MAX_PATIENTS})
  --latency    milliseconds the sandbox hospital adds to every response (default 0)
  --think      mean pause of a patient before each tap, ±50% (default 0: flat out, for throughput)
  --arrival    first taps spread evenly over this many ms (default: the --think mean; 0: all at once)
  --contested  share of patients competing for the same scarce sessions (default 0.2)
  --no-bare    skip the bare-Telegraf comparison run
  --no-throttle  turn the outgoing Telegram limits off instead of setting them high
  --profile    write a CPU profile (.cpuprofile) of the bot process into DIR`;

export function parseBenchArgs(argv: string[]): BenchArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      patients: { type: "string", default: "200" },
      latency: { type: "string", default: "0" },
      think: { type: "string", default: "0" },
      arrival: { type: "string" },
      contested: { type: "string", default: "0.2" },
      "no-bare": { type: "boolean", default: false },
      "no-throttle": { type: "boolean", default: false },
      profile: { type: "string" },
      seed: { type: "string", default: "91160" },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const patients = wholeNumber("patients", values.patients, 1, MAX_PATIENTS);
  const latencyMs = wholeNumber("latency", values.latency, 0, 10_000);
  const thinkMs = wholeNumber("think", values.think, 0, 60_000);
  const arrivalMs = wholeNumber("arrival", values.arrival ?? String(thinkMs), 0, 600_000);
  const contested = Number(values.contested);
  if (!(contested >= 0 && contested <= 1)) fail("--contested must be a share between 0 and 1");
  return {
    patients,
    latencyMs,
    thinkMs,
    arrivalMs,
    contested,
    bare: !values["no-bare"],
    noThrottle: values["no-throttle"],
    profileDir: values.profile,
    seed: wholeNumber("seed", values.seed, 1, 2 ** 31),
  };
}

function wholeNumber(name: string, raw: string, min: number, max: number): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max)
    fail(`--${name} must be a whole number from ${min} to ${max}`);
  return n;
}

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

// `npx tsx bench/hospital-calls.ts`: the hospital client's own CPU per call, apart from the bot. A tiny
// hospital in a child process answers every request at once with an empty list; this process makes the
// calls through createHospitalClient, so its CPU time is the client's (limiter, axios, the pool, the
// envelope and its zod parse). The rush-hour benchmark makes about a quarter of a hospital call per
// update, too few for a transport's cost to stand out of its noise; this one shows it per call.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { parseArgs } from "node:util";
import { createHospitalClient } from "../src/hospital/client.js";
import { silentLogger } from "../src/observability/logger.js";

const { values } = parseArgs({
  options: {
    calls: { type: "string", default: "20000" },
    rounds: { type: "string", default: "5" },
    concurrency: { type: "string", default: "32" },
  },
});
const CALLS = Number(values.calls);
const ROUNDS = Number(values.rounds);
const CONCURRENCY = Number(values.concurrency);

const HOSPITAL = `
const http = require("node:http");
const body = JSON.stringify({ code: "0", msg: "成功", data: [] });
const server = http.createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    res.writeHead(200, { "Content-Type": "application/json; charset=utf-8" });
    res.end(body);
  });
});
server.keepAliveTimeout = 60000;
server.listen(0, "127.0.0.1", () => process.stdout.write(String(server.address().port) + "\\n"));
`;

async function main(): Promise<void> {
  const hospital = spawn(process.execPath, ["-e", HOSPITAL], { stdio: ["ignore", "pipe", "inherit"] });
  const [chunk] = (await once(hospital.stdout, "data")) as [Buffer];
  const client = createHospitalClient({
    baseUrl: `http://127.0.0.1:${chunk.toString().trim()}`,
    auth: { kind: "fixed", appToken: "bench-token" },
    timeoutMs: 5000,
    orderTimeoutMs: 5000,
    maxConcurrent: 1000,
    maxPerSecond: 1_000_000,
    retries: 0,
    cardTypeOverrides: {},
    logger: silentLogger(),
  });

  async function burst(n: number): Promise<void> {
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next++ < n) await client.listSlots("100", String(next));
      }),
    );
  }

  await burst(CALLS / 2); // compiled and connected before anything is measured
  const perCall: number[] = [];
  const rates: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const cpu = process.cpuUsage();
    const started = performance.now();
    await burst(CALLS);
    const used = process.cpuUsage(cpu);
    const wallMs = performance.now() - started;
    perCall.push((used.user + used.system) / CALLS);
    rates.push((CALLS / wallMs) * 1000);
    process.stdout.write(
      `round ${r + 1}: ${perCall[r]?.toFixed(1)} µs of client CPU per call, ${rates[r]?.toFixed(0)} calls/s\n`,
    );
  }
  const sorted = [...perCall].sort((a, b) => a - b);
  process.stdout.write(
    `hospital client, ${CALLS} calls × ${ROUNDS} rounds, ${CONCURRENCY} at a time: median ${sorted[Math.floor(ROUNDS / 2)]?.toFixed(1)} µs CPU per call (min ${sorted[0]?.toFixed(1)}, max ${sorted.at(-1)?.toFixed(1)})\n`,
  );
  client.close();
  hospital.kill();
}

await main();

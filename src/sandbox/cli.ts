// `npm run sandbox`: the sandbox hospital on PORT (default 9160) until SIGINT or SIGTERM.
import { startSandbox } from "./server.js";

const port = Number(process.env.PORT ?? 9160);
const seed = process.env.SANDBOX_SEED === undefined ? undefined : Number(process.env.SANDBOX_SEED);

const sandbox = await startSandbox({ port, ...(seed !== undefined && { seed }) });
const first = sandbox.world.hospitals[0];
process.stdout.write(
  [
    `91160 sandbox listening on ${sandbox.url}`,
    `appToken: ${sandbox.appToken}`,
    "token endpoint: GET /app/token?appId=1001&appSecret=sandbox-secret",
    `${sandbox.world.hospitals.length} hospitals in ${sandbox.world.cities.map((c) => c.name).join("、")}; first: ${first?.name ?? "-"}`,
    "",
  ].join("\n"),
);

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  process.stdout.write(`${signal}: stopping sandbox\n`);
  await sandbox.close();
  process.exit(0);
}
process.on("SIGINT", () => void stop("SIGINT"));
process.on("SIGTERM", () => void stop("SIGTERM"));

// `npm run demo`: the demo whatever the environment says about tokens.
import { ConfigError, loadConfig } from "../config.js";
import { runDemo } from "./run-demo.js";

try {
  const config = loadConfig({ ...process.env, BOT_TOKEN: "", WEBHOOK_URL: "" });
  await runDemo(config);
  process.exit(0);
} catch (e) {
  if (e instanceof ConfigError) {
    for (const p of e.problems) process.stderr.write(`${p}\n`);
    process.exit(1);
  }
  throw e;
}

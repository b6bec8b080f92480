// `npm run link -- --unit 100 [--dep 300] [--doctor 700]`: prints the booking link and writes its QR code.
import { ConfigError } from "../config.js";
import { LinkCommandError, runLinkCommand } from "./link-command.js";

try {
  const { link, png } = await runLinkCommand(process.argv.slice(2), process.env);
  process.stdout.write(`${link}\nQR code: ${png}\n`);
} catch (e) {
  if (!(e instanceof LinkCommandError || e instanceof ConfigError)) throw e;
  process.stderr.write(`${e.message}\n`);
  process.exit(1);
}

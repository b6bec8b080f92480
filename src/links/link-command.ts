// `npm run link`: the booking link an operator hands out (printed at a hospital's front desk), as text and
// as a QR code PNG. The bot's username comes from Telegram's getMe with the configured BOT_TOKEN and
// TELEGRAM_API_ROOT (read through src/config.ts like everything else; nothing else of the bot's
// configuration is needed), unless --username is given. The QR code is drawn by the qrcode package; the
// payload by the same codec the bot reads (deep-link.ts).
import { parseArgs } from "node:util";
import QRCode from "qrcode";
import { Telegram } from "telegraf";
import { loadTelegramConfig } from "../config.js";
import { bookingLink, bookingPayload, type LinkChoices } from "./deep-link.js";

/** Large enough to scan from a printed A5 sheet; M recovers from a crease or a stain. */
export const QR_OPTIONS = { errorCorrectionLevel: "M", margin: 4, scale: 10 } as const;

export class LinkCommandError extends Error {
  override readonly name = "LinkCommandError";
}

export interface LinkResult {
  link: string;
  png: string;
}

const USAGE =
  "usage: npm run link -- --unit <unitId> [--dep <depId> [--doctor <doctorId>]] [--username <bot>] [--out <file.png>]";

export async function runLinkCommand(argv: string[], env: NodeJS.ProcessEnv): Promise<LinkResult> {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        unit: { type: "string" },
        dep: { type: "string" },
        doctor: { type: "string" },
        username: { type: "string" },
        out: { type: "string" },
      },
      strict: true,
    }));
  } catch (e) {
    throw new LinkCommandError(`${e instanceof Error ? e.message : String(e)}\n${USAGE}`);
  }
  const choices: LinkChoices = {
    ...(values.unit !== undefined && { unitId: values.unit }),
    ...(values.dep !== undefined && { depId: values.dep }),
    ...(values.doctor !== undefined && { doctorId: values.doctor }),
  };
  if (choices.unitId === undefined) throw new LinkCommandError(`--unit is required\n${USAGE}`);
  let payload: string;
  try {
    payload = bookingPayload(choices);
  } catch (e) {
    throw new LinkCommandError(`${e instanceof Error ? e.message : String(e)}\n${USAGE}`);
  }
  const username = values.username?.replace(/^@/, "") ?? (await usernameFromTelegram(env));
  const link = bookingLink(username, choices);
  const png = values.out ?? `link-${payload}.png`;
  await QRCode.toFile(png, link, { type: "png", ...QR_OPTIONS });
  return { link, png };
}

async function usernameFromTelegram(env: NodeJS.ProcessEnv): Promise<string> {
  const config = loadTelegramConfig(env);
  if (!config.botToken) {
    throw new LinkCommandError(
      "BOT_TOKEN is needed to ask Telegram for the bot's username (or pass --username)",
    );
  }
  let me: Awaited<ReturnType<Telegram["getMe"]>>;
  try {
    me = await new Telegram(config.botToken, { apiRoot: config.telegramApiRoot }).getMe();
  } catch {
    // the error could carry the token in its URL: say only what failed
    throw new LinkCommandError(`Telegram did not answer getMe at ${config.telegramApiRoot}`);
  }
  if (!me.username) throw new LinkCommandError("Telegram's getMe gave no username for this bot");
  return me.username;
}

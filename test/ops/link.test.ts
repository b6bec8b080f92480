// `npm run link`: the operator's booking link, with the bot's username from getMe (here the emulator's),
// and a QR code PNG that holds exactly that link.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import QRCode from "qrcode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError } from "../../src/config.js";
import { LinkCommandError, QR_OPTIONS, runLinkCommand } from "../../src/links/link-command.js";
import { startTelegramEmulator } from "../../src/telegram-emulator/server.js";
import type { TelegramEmulator } from "../../src/telegram-emulator/types.js";

let emulator: TelegramEmulator;
let dir: string;
beforeAll(async () => {
  emulator = await startTelegramEmulator({ botUsername: "front_desk_bot" });
  dir = await mkdtemp(join(tmpdir(), "link-"));
});
afterAll(async () => {
  await emulator?.close();
  await rm(dir, { recursive: true, force: true });
});

const env = () => ({ BOT_TOKEN: emulator.token, TELEGRAM_API_ROOT: emulator.apiRoot });

describe("npm run link", () => {
  it("prints the link with the username from getMe and writes its QR code", async () => {
    const out = join(dir, "desk.png");
    const { link, png } = await runLinkCommand(
      ["--unit", "100", "--dep", "300", "--doctor", "700", "--out", out],
      env(),
    );
    expect(link).toBe("https://t.me/front_desk_bot?start=book-100-300-700");
    expect(png).toBe(out);
    expect(emulator.calls("getMe")).toHaveLength(1);
    const written = await readFile(out);
    expect(written.equals(await QRCode.toBuffer(link, { type: "png", ...QR_OPTIONS }))).toBe(true);
    // and not the QR code of any other link
    const other = await QRCode.toBuffer(`${link}0`, { type: "png", ...QR_OPTIONS });
    expect(written.equals(other)).toBe(false);
  });

  it("skips getMe when --username is given", async () => {
    const before = emulator.calls("getMe").length;
    const { link } = await runLinkCommand(
      ["--unit", "100", "--username", "@other_bot", "--out", join(dir, "u.png")],
      {},
    );
    expect(link).toBe("https://t.me/other_bot?start=book-100");
    expect(emulator.calls("getMe")).toHaveLength(before);
  });

  it("refuses a doctor without a department, a missing hospital and a missing token, in one line each", async () => {
    await expect(runLinkCommand(["--unit", "100", "--doctor", "7", "--username", "b"], {})).rejects.toThrow(
      LinkCommandError,
    );
    await expect(runLinkCommand(["--dep", "300", "--username", "b"], {})).rejects.toThrow(
      /--unit is required/,
    );
    await expect(runLinkCommand(["--unit", "1-2", "--username", "b"], {})).rejects.toThrow(/not an id/);
    await expect(runLinkCommand(["--unit", "100"], {})).rejects.toThrow(/BOT_TOKEN is needed/);
    await expect(
      runLinkCommand(["--unit", "100"], { BOT_TOKEN: emulator.token, TELEGRAM_API_ROOT: "not a url" }),
    ).rejects.toThrow(ConfigError);
  });
});

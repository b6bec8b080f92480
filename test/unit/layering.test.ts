// Data flows one way (README, code map): the bot's plumbing (src/bot/) is handed the conversation by the
// composition root and never reaches into the scenes, so the two cannot form an import circle.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

async function sources(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith(".ts")).map((e) => join(e.parentPath, e.name));
}

describe("layering", () => {
  it("src/ never imports the scenes, except the composition root that hands them to the bot", async () => {
    const root = new URL("../../src/", import.meta.url).pathname;
    const offenders: string[] = [];
    for (const file of await sources(root)) {
      const text = await readFile(file, "utf8");
      if (/from "(\.\.\/)+scenes\//.test(text) && !file.endsWith("/src/app.ts")) offenders.push(file);
    }
    expect(offenders).toEqual([]);
  });
});

// What the logger writes never holds a secret field's value, wherever in the logged object it sits (down
// to three levels), in a child's bindings or in an error's own properties, and logging leaves the
// caller's object as it was.
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/observability/logger.js";

function capture() {
  const lines: string[] = [];
  const stream = new PassThrough();
  stream.on("data", (c: Buffer) => lines.push(c.toString("utf8")));
  const logger = createLogger({ level: "info", pretty: false, destination: stream });
  const last = async () => {
    await new Promise((r) => setImmediate(r));
    return JSON.parse(lines.at(-1) ?? "{}") as Record<string, unknown>;
  };
  return { logger, last };
}

describe("log redaction", () => {
  it("censors secret fields at the top level and up to three levels down, and leaves the rest", async () => {
    const { logger, last } = capture();
    const logged = {
      chat: 42,
      mobile: "13812345678",
      patient: { name: "张三", cardNo: "440304199003071234", level: { deep: { address: "福田区" } } },
      list: [{ phone: "13800138000" }],
    };
    const before = structuredClone(logged);
    logger.info(logged, "update");
    const line = await last();
    expect(line.chat).toBe(42);
    expect(line.mobile).toBe("[redacted]");
    expect(line.patient).toEqual({
      name: "[redacted]",
      cardNo: "[redacted]",
      level: { deep: { address: "[redacted]" } },
    });
    expect(line.list).toEqual([{ phone: "[redacted]" }]);
    expect(logged).toEqual(before);
  });

  it("censors secrets in a child's bindings and in an error's own properties", async () => {
    const { logger, last } = capture();
    const err = Object.assign(new Error("refused"), { config: { params: { appToken: "tok-123" } } });
    logger.child({ component: "hospital", token: "tok-456" }).warn({ err }, "call failed");
    const line = await last();
    expect(line.component).toBe("hospital");
    expect(line.token).toBe("[redacted]");
    expect(JSON.stringify(line)).not.toMatch(/tok-123|tok-456/);
    expect((line.err as { message: string }).message).toBe("refused");
  });
});

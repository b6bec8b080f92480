// The aftercare's counter as Prometheus shows it.
import { describe, expect, it } from "vitest";
import { createMetrics } from "../../src/observability/metrics.js";

describe("aftercare metrics", () => {
  it("counts messages and checks by kind and outcome", async () => {
    const m = createMetrics({ defaultMetrics: false });
    m.hooks.onAftercare({ kind: "reminder", outcome: "sent" });
    m.hooks.onAftercare({ kind: "reminder", outcome: "sent" });
    m.hooks.onAftercare({ kind: "check", outcome: "missing" });
    const text = await m.render();
    expect(text).toContain('hbot_aftercare_total{kind="reminder",outcome="sent"} 2');
    expect(text).toContain('hbot_aftercare_total{kind="check",outcome="missing"} 1');
  });
});

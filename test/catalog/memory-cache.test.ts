import { describe, expect, it } from "vitest";
import { createMemoryCache } from "../../src/catalog/memory-cache.js";

describe("the in-process cache", () => {
  it("forgets entries when their time is up", () => {
    let now = 0;
    const c = createMemoryCache({ maxEntries: 10, now: () => now });
    c.set("a", 1, 100);
    expect(c.get("a")).toEqual({ value: 1 });
    now = 100;
    expect(c.get("a")).toBeUndefined();
  });

  it("stays within its bound by dropping the oldest writes", () => {
    const c = createMemoryCache({ maxEntries: 3 });
    for (const k of ["a", "b", "c", "d"]) c.set(k, k, 1000);
    expect(c.size()).toBe(3);
    expect(c.get("a")).toBeUndefined();
    expect(c.get("d")).toEqual({ value: "d" });
  });

  it("drops a whole group at once", () => {
    const c = createMemoryCache({ maxEntries: 10 });
    c.set("s1", [], 1000, "doc-1");
    c.set("s2", [], 1000, "doc-1");
    c.set("s3", [], 1000, "doc-2");
    c.dropGroup("doc-1");
    expect([c.get("s1"), c.get("s2"), c.get("s3")]).toEqual([undefined, undefined, { value: [] }]);
  });
});

// The registry of a user's key families: every family is asked, a failure is reported by name (and the
// others still erased), and two families cannot share a name.
import { describe, expect, it } from "vitest";
import { createUserData, type UserDataFamily } from "../../src/privacy/user-data.js";

function family(name: string, opts: { fail?: boolean } = {}): UserDataFamily & { erased: number[] } {
  const erased: number[] = [];
  return {
    name,
    erased,
    inventory: async () => ({ count: erased.length === 0 ? 2 : 0, since: new Date(0) }),
    erase: async (userId) => {
      if (opts.fail) throw new Error("redis away");
      erased.push(userId);
    },
  };
}

describe("the user-data registry", () => {
  it("lists and erases every family", async () => {
    const a = family("a");
    const b = family("b");
    const data = createUserData([a, b]);
    expect(await data.inventory(7)).toEqual([
      { name: "a", count: 2, since: new Date(0) },
      { name: "b", count: 2, since: new Date(0) },
    ]);
    expect(await data.erase(7)).toEqual({ kind: "erased", families: ["a", "b"] });
    expect([a.erased, b.erased]).toEqual([[7], [7]]);
  });

  it("names what could not be erased, having erased the rest", async () => {
    const ok = family("ok");
    const failures: string[] = [];
    const data = createUserData([family("broken", { fail: true }), ok], (name) => void failures.push(name));
    expect(await data.erase(7)).toEqual({ kind: "partial", failed: ["broken"] });
    expect(ok.erased).toEqual([7]);
    expect(failures).toEqual(["broken"]);
  });

  it("refuses two families with one name", () => {
    expect(() => createUserData([family("x"), family("x")])).toThrow(/unique/);
  });
});

import { describe, expect, it } from "vitest";
import { fetchAllPages } from "../../src/hospital/paging.js";

/** A server holding `n` items that returns at most `cap` per page whatever is asked. */
function server(n: number, cap: number, opts: { total?: number; ignorePageNum?: boolean } = {}) {
  const items = Array.from({ length: n }, (_, i) => `item${i}`);
  const asked: number[] = [];
  const fetchPage = async (pageNum: number) => {
    asked.push(pageNum);
    const start = opts.ignorePageNum ? 0 : (pageNum - 1) * cap;
    return { items: items.slice(start, start + cap), total: opts.total ?? n };
  };
  return { items, asked, fetchPage };
}

describe("fetchAllPages", () => {
  it("walks by the number of items the server actually returned, not the size we asked for", async () => {
    const s = server(47, 10);
    expect(await fetchAllPages(s.fetchPage)).toEqual(s.items);
    expect(s.asked.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5]);
  });

  it("returns nothing for an empty list after one request", async () => {
    const s = server(0, 10);
    expect(await fetchAllPages(s.fetchPage)).toEqual([]);
    expect(s.asked).toEqual([1]);
  });

  it("stops at an empty page when total overstates the list", async () => {
    const s = server(25, 10, { total: 1000 });
    expect(await fetchAllPages(s.fetchPage, { concurrency: 2 })).toEqual(s.items);
    expect(Math.max(...s.asked)).toBeLessThanOrEqual(5);
  });

  it("follows on past total when total understates it and pages keep coming", async () => {
    const s = server(25, 10, { total: 0 });
    expect(await fetchAllPages(s.fetchPage)).toEqual(s.items);
  });

  it("notices a server that ignores pageNum instead of looping", async () => {
    const s = server(30, 10, { ignorePageNum: true, total: 10_000 });
    const out = await fetchAllPages(s.fetchPage, { keyOf: (x) => x, concurrency: 1 });
    expect(out).toEqual(s.items.slice(0, 10));
    expect(s.asked).toEqual([1, 2]);
  });

  it("never goes past maxPages", async () => {
    const s = server(10_000, 1, { total: 0 });
    const out = await fetchAllPages(s.fetchPage, { maxPages: 20 });
    expect(out).toHaveLength(20);
    expect(Math.max(...s.asked)).toBe(20);
  });
});

// Walks a paged list to the end. The server may cap pageSize below what we ask for, and `total` may be
// wrong either way, so the number of items each page actually holds decides how far to go; an empty
// page, a page that brings nothing new, or the page limit ends the walk, so it can never loop forever.

export interface FetchedPage<T> {
  items: T[];
  total: number;
}

export interface FetchAllOptions<T> {
  /** identifies an item, so a server that ignores pageNum (and repeats a page) is noticed */
  keyOf?: (item: T) => string;
  /** pages fetched at once once the first page has told us how many there are */
  concurrency?: number;
  /** hard stop, whatever `total` says */
  maxPages?: number;
}

export async function fetchAllPages<T>(
  fetchPage: (pageNum: number) => Promise<FetchedPage<T>>,
  opts: FetchAllOptions<T> = {},
): Promise<T[]> {
  const concurrency = Math.max(1, opts.concurrency ?? 4);
  const maxPages = Math.max(1, opts.maxPages ?? 500);
  const seen = new Set<string>();
  const out: T[] = [];
  /** adds a page's items; false when it held nothing not seen before */
  const add = (items: T[]): boolean => {
    let fresh = 0;
    for (const item of items) {
      if (opts.keyOf) {
        const k = opts.keyOf(item);
        if (seen.has(k)) continue;
        seen.add(k);
      }
      out.push(item);
      fresh++;
    }
    return fresh > 0;
  };

  const first = await fetchPage(1);
  if (first.items.length === 0 || !add(first.items)) return out;
  const perPage = first.items.length;
  // An unreadable or zero total says nothing: walk until an empty page instead.
  const total = Number.isFinite(first.total) && first.total > 0 ? first.total : Number.POSITIVE_INFINITY;
  // Overestimating is harmless (an extra empty page ends the walk); underestimating is impossible
  // because no page holds more than the first.
  const expectedPages = Math.min(maxPages, Math.ceil(total / perPage));

  let next = 2;
  while (next <= maxPages && out.length < total) {
    const batchEnd = next <= expectedPages ? Math.min(expectedPages, next + concurrency - 1) : next;
    const nums: number[] = [];
    for (let n = next; n <= batchEnd; n++) nums.push(n);
    const pages = await Promise.all(nums.map((n) => fetchPage(n)));
    next = batchEnd + 1;
    for (const page of pages) {
      if (page.items.length === 0 || !add(page.items)) return out;
    }
  }
  return out;
}

// Keyboard shapes shared by the list steps: a page of items, the pager, Back and Cancel.
import type { Locale } from "../i18n/index.js";
import type { Button } from "./menu.js";

export const PAGE_SIZE = 8;

export interface Item {
  text: string;
  arg: string;
}

export interface PageView {
  rows: Button[][];
  page: number;
  pages: number;
}

/** The page to open so that the earlier choice (if any) is visible again after Back. */
export function pageOf(items: Item[], chosenArg: string | undefined, perPage = PAGE_SIZE): number {
  const i = chosenArg === undefined ? -1 : items.findIndex((it) => it.arg === chosenArg);
  return i < 0 ? 0 : Math.floor(i / perPage);
}

export function pagedList(
  t: Locale,
  items: Item[],
  page: number,
  opts: { columns?: number; perPage?: number; chosenArg?: string } = {},
): PageView {
  const perPage = opts.perPage ?? PAGE_SIZE;
  const columns = opts.columns ?? 1;
  const pages = Math.max(1, Math.ceil(items.length / perPage));
  const p = Math.min(Math.max(0, page), pages - 1);
  const slice = items.slice(p * perPage, (p + 1) * perPage);
  const rows: Button[][] = [];
  for (let i = 0; i < slice.length; i += columns) {
    rows.push(
      slice.slice(i, i + columns).map((it) => ({
        text: it.arg === opts.chosenArg ? `✓ ${it.text}` : it.text,
        action: "pick" as const,
        arg: it.arg,
      })),
    );
  }
  if (pages > 1) {
    rows.push(pagerRow(t, p, pages));
  }
  return { rows, page: p, pages };
}

/** Previous / Next, as far as there is a page to go to. */
export function pagerRow(t: Locale, page: number, pages: number): Button[] {
  const row: Button[] = [];
  if (page > 0) row.push({ text: t.nav.prev, action: "page", arg: String(page - 1) });
  if (page < pages - 1) row.push({ text: t.nav.next, action: "page", arg: String(page + 1) });
  return row;
}

export function navRow(t: Locale, opts: { back?: boolean } = { back: true }): Button[] {
  const row: Button[] = [];
  if (opts.back !== false) row.push({ text: t.nav.back, action: "back" });
  row.push({ text: t.nav.cancel, action: "quit" });
  return row;
}

// Narrowing a long list (hospitals, departments, doctors) by what a patient types: part of the name,
// its pinyin, or pinyin initials, in any mix ("szrm", "shenzhen", "ek", "eke" all find what they mean).
// Each pinyin syllable may be typed whole or by any prefix; results that match more directly come first.
import { foldForMatch, nameKeysOf } from "./name-keys.js";

/** Lower is better; the order is the order results are shown in. */
export const MATCH_RANK = {
  exact: 0,
  namePrefix: 1,
  nameSubstring: 2,
  pinyinPrefix: 3,
  pinyinContiguous: 4,
  pinyinSubsequence: 5,
} as const;
export type MatchRank = (typeof MATCH_RANK)[keyof typeof MATCH_RANK];

export function filterByName<T>(items: T[], query: string, nameOf: (t: T) => string): T[] {
  const q = foldForMatch(query).replaceAll("ü", "v");
  if (!q) return items.slice();
  const ranked: { item: T; rank: MatchRank }[] = [];
  for (const item of items) {
    const rank = matchRank(nameOf(item), q);
    if (rank !== null) ranked.push({ item, rank });
  }
  // Array.prototype.sort is stable, so items keep their list order within a rank.
  return ranked.sort((a, b) => a.rank - b.rank).map((r) => r.item);
}

/** How well a name matches a query already folded by foldForMatch; null when it does not. */
export function matchRank(name: string, foldedQuery: string): MatchRank | null {
  const keys = nameKeysOf(name);
  if (keys.text === foldedQuery) return MATCH_RANK.exact;
  if (keys.text.startsWith(foldedQuery)) return MATCH_RANK.namePrefix;
  if (keys.text.includes(foldedQuery)) return MATCH_RANK.nameSubstring;
  if (!/^[a-z0-9]+$/.test(foldedQuery)) return null;
  if (spells(foldedQuery, keys.syllables, "prefix")) return MATCH_RANK.pinyinPrefix;
  if (spells(foldedQuery, keys.syllables, "contiguous")) return MATCH_RANK.pinyinContiguous;
  if (spells(foldedQuery, keys.syllables, "subsequence")) return MATCH_RANK.pinyinSubsequence;
  return null;
}

type Placement = "prefix" | "contiguous" | "subsequence";

/**
 * Whether the query can be cut into pieces, each a non-empty prefix of a reading of successive
 * syllables: from the first syllable ("prefix"), from any ("contiguous"), or from the first and then
 * skipping some ("subsequence", so "szrm" finds 深圳市人民医院 without the 市). The subsequence must
 * start at the name's start: unanchored, two letters would match most of a long list.
 */
function spells(q: string, syllables: string[][], placement: Placement): boolean {
  // Memo of (query offset, syllable index, started) states known to fail; the search backtracks
  // because a letter may end one syllable or begin the next ("xian" is 西安 or 县).
  const width = syllables.length + 1;
  const failed = new Uint8Array(q.length * width * 2);
  const visit = (qi: number, si: number, started: boolean): boolean => {
    if (qi === q.length) return true;
    if (si >= syllables.length) return false;
    const state = (qi * width + si) * 2 + (started ? 1 : 0);
    if (failed[state] === 1) return false;
    const mayskip = placement === "contiguous" ? !started : placement === "subsequence" && started;
    if (mayskip && visit(qi, si + 1, started)) return true;
    for (const reading of syllables[si] ?? []) {
      let common = 0;
      while (common < reading.length && reading[common] === q[qi + common]) common++;
      for (let len = common; len > 0; len--) if (visit(qi + len, si + 1, true)) return true;
    }
    failed[state] = 1;
    return false;
  };
  return visit(0, 0, false);
}

// What a name can be matched by: its own characters, and its syllables as patients type them in pinyin.
// Lists are filtered on every message while a patient narrows them down, so each name is spelled out
// once and kept; pinyin-pro's segmentation is the costly part.
import { pinyin } from "pinyin-pro";

export interface NameKeys {
  /** the name folded for comparison: width-folded, lower-case, letters and digits only */
  text: string;
  /**
   * One entry per Chinese character (every toneless reading it can have, the reading in context first)
   * and per run of Latin letters or digits (the run itself). A character pinyin-pro does not know has no
   * readings, so nothing can match across it.
   */
  syllables: string[][];
}

/** Folds a name or a query the same way: full-width to ASCII, case, spaces and punctuation away. */
export function foldForMatch(s: string): string {
  return s
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, "");
}

const CACHE_LIMIT = 5000;
const cache = new Map<string, NameKeys>();

export function nameKeysOf(name: string): NameKeys {
  const cached = cache.get(name);
  if (cached) return cached;
  const keys: NameKeys = { text: foldForMatch(name), syllables: syllablesOf(name) };
  // Map keeps insertion order, so the first key is the oldest: enough of an LRU for catalogue names.
  if (cache.size >= CACHE_LIMIT) {
    const oldest = cache.keys().next();
    if (!oldest.done) cache.delete(oldest.value);
  }
  cache.set(name, keys);
  return keys;
}

function syllablesOf(name: string): string[][] {
  const syllables: string[][] = [];
  let word = "";
  const endWord = () => {
    if (word) syllables.push([word]);
    word = "";
  };
  for (const ch of pinyin(name.normalize("NFKC"), { type: "all", toneType: "none" })) {
    if (ch.isZh) {
      endWord();
      syllables.push(readingsOf(ch.pinyin, ch.polyphonic));
    } else if (/^[\p{Script=Latin}\p{N}]$/u.test(ch.origin)) {
      word += ch.origin.toLowerCase();
    } else {
      endWord();
      if (/\p{Script=Han}/u.test(ch.origin)) syllables.push([]);
    }
  }
  endWord();
  return syllables;
}

// Polyphonic characters are read by context (长沙 chang, 重庆 chong), but a patient may still type
// another reading; accepting all of them costs little since a query must match syllables in order.
function readingsOf(inContext: string, all: string[]): string[] {
  const readings = new Set<string>();
  for (const r of [inContext, ...all]) {
    const plain = toneless(r);
    if (!plain) continue;
    readings.add(plain);
    // ü is typed as v on Chinese keyboards, and as u by people who do not know that.
    if (plain.includes("v")) readings.add(plain.replaceAll("v", "u"));
  }
  return [...readings];
}

function toneless(reading: string): string {
  return reading
    .normalize("NFD")
    .replace(/u\u0308/g, "v")
    .replace(/\p{M}/gu, "")
    .toLowerCase();
}

// Typing at a question that offers buttons (document type, sex, relation): the word typed either names
// one choice, which is then the answer ("男", "male", "护照", "passport", "hz"), or narrows the buttons to
// the few it could mean ("通行证" leaves both permits). A choice is matched by its code and by its label
// in every language, the way list steps match names (part of the name, pinyin, pinyin initials), so a
// patient need not type in the language the bot speaks.

import { MATCH_RANK, type MatchRank, matchRank } from "../search/name-filter.js";
import { foldForMatch } from "../search/name-keys.js";

export type ChoiceMatch =
  | { kind: "one"; value: string }
  | { kind: "some"; values: string[] }
  | { kind: "none" };

export function matchChoice(
  choices: readonly string[],
  typed: string,
  labelsOf: (choice: string) => readonly string[],
): ChoiceMatch {
  const query = foldForMatch(typed).replaceAll("ü", "v");
  if (!query) return { kind: "none" };
  const ranked: { value: string; rank: MatchRank }[] = [];
  for (const value of choices) {
    const ranks = [value, ...labelsOf(value)].flatMap((name) => {
      const rank = matchRank(name, query);
      return rank === null ? [] : [rank];
    });
    const best = ranks.reduce<MatchRank | null>((a, b) => (a === null || b < a ? b : a), null);
    if (best !== null) ranked.push({ value, rank: best });
  }
  // An exact name wins over names that merely contain it: "male" is not also "female".
  const exact = ranked.filter((r) => r.rank === MATCH_RANK.exact);
  const found = exact.length > 0 ? exact : ranked;
  const [first] = found;
  if (first === undefined) return { kind: "none" };
  if (found.length === 1) return { kind: "one", value: first.value };
  return { kind: "some", values: found.sort((a, b) => a.rank - b.rank).map((r) => r.value) };
}

// The benchmark's judge, from what every replica says it sent: no watcher told twice about the same
// place, and no place offered to a watcher while someone who started watching earlier, wanted that
// session, had not been offered it and held no other offer at that moment (first come, first served).
import type { CreatedWatch, OfferEvent } from "./ipc.js";

export interface Verdict {
  duplicates: number;
  unfair: number;
  /** a few examples, for the report */
  examples: string[];
}

export function verify(offers: OfferEvent[], watches: CreatedWatch[], holdMs: number): Verdict {
  const examples: string[] = [];
  const placeKey = (o: OfferEvent) => `${o.tid}|${o.scheduleId}|${o.n}`;
  const seen = new Map<string, number>();
  let duplicates = 0;
  for (const o of offers) {
    const k = `${placeKey(o)}|${o.watchId}`;
    const n = (seen.get(k) ?? 0) + 1;
    seen.set(k, n);
    if (n === 2) {
      duplicates++;
      if (examples.length < 5) examples.push(`duplicate: watch ${o.watchId} told twice of ${placeKey(o)}`);
    }
  }

  const byTarget = new Map<string, CreatedWatch[]>();
  for (const w of watches) byTarget.set(w.tid, [...(byTarget.get(w.tid) ?? []), w]);
  const offersOf = new Map<string, OfferEvent[]>();
  for (const o of offers) offersOf.set(o.watchId, [...(offersOf.get(o.watchId) ?? []), o]);
  const offeredPlace = new Map<string, OfferEvent[]>();
  for (const o of offers) offeredPlace.set(placeKey(o), [...(offeredPlace.get(placeKey(o)) ?? []), o]);

  const byId = new Map(watches.map((w) => [w.id, w]));
  let unfair = 0;
  for (const o of offers) {
    const taker = byId.get(o.watchId);
    if (!taker) continue;
    const place = offeredPlace.get(placeKey(o)) ?? [];
    const skipped = (byTarget.get(o.tid) ?? []).find((a) => {
      if (a.createdAt >= taker.createdAt || a.createdAt > o.decidedAt) return false;
      if (o.date < a.from || o.date > a.to || !a.periods.includes(o.period)) return false;
      // offered this place before (or in the same decision): not skipped
      if (place.some((p) => p.watchId === a.id && p.decidedAt <= o.decidedAt)) return false;
      // holding another place at that moment: busy, rightly passed over
      const busy = (offersOf.get(a.id) ?? []).some(
        (p) => p.decidedAt <= o.decidedAt && o.decidedAt < p.decidedAt + holdMs,
      );
      return !busy;
    });
    if (skipped) {
      unfair++;
      if (examples.length < 10) {
        examples.push(
          `unfair: ${placeKey(o)} went to watch ${o.watchId} before ${skipped.id}, who started earlier`,
        );
      }
    }
  }
  return { duplicates, unfair, examples };
}

// The fair queue, as a pure function of what we knew, what the hospital says now, and who is waiting.
// Each free place of a session is an instance of its own (minted when it is first seen free). A place is
// held for one watcher at a time, for the hold time; when the hold passes, the place goes to the next
// watcher in line (first come, first served) who wants that session, was never offered this place and
// holds no other place just now. A watcher is never offered the same place twice, and a place that has
// been offered to everyone who wants it is offered to nobody again.
import { z } from "zod";
import type { Schedule } from "../hospital/types.js";
import { type Watch, wants } from "./watch.js";

const holderSchema = z.object({ watchId: z.string(), until: z.number(), offerId: z.string() });
const placeSchema = z.object({
  /** the instance number, unique within its session */
  n: z.number().int(),
  /** ms, app clock: when a poll first saw it free */
  seenAt: z.number(),
  holder: holderSchema.optional(),
  /** watch ids it was offered to, in order */
  offered: z.array(z.string()),
});
export type Place = z.infer<typeof placeSchema>;

const sessionSchema = z.object({
  scheduleId: z.string(),
  unitId: z.string(),
  depId: z.string(),
  doctorId: z.string(),
  date: z.string(),
  period: z.enum(["am", "pm", "em"]),
  levelName: z.string(),
  fee: z.number(),
  available: z.number(),
  /** the free slots' times as last read ("09:00–09:30"), when they were read */
  times: z.array(z.string()).optional(),
  /** the last instance number minted */
  seq: z.number().int(),
  places: z.array(placeSchema),
});
export type SessionState = z.infer<typeof sessionSchema>;

export const targetStateSchema = z.object({ sessions: z.record(z.string(), sessionSchema) });
export type TargetState = z.infer<typeof targetStateSchema>;

export const emptyState = (): TargetState => ({ sessions: {} });

export interface NewOffer {
  offerId: string;
  watch: Watch;
  session: SessionState;
  place: Place;
  /** the first offer of this place */
  first: boolean;
  /** made by the same poll that saw the place free: seenAt → sent is how late the patient hears of it */
  fresh: boolean;
  until: number;
}

export type EndedHold = { watchId: string; offerId: string; scheduleId: string; n: number } & (
  | { outcome: "expired" }
  /** the watcher let it go (Keep watching, Stop) or their watch ended */
  | { outcome: "passed" }
  /** the place went (someone booked it) while it was held */
  | { outcome: "taken" }
  | { outcome: "booked" }
);

export interface Released {
  watchId: string;
  offerId?: string;
  outcome: "passed" | "booked";
}

export interface ReconcileInput {
  state: TargetState;
  /** what the poll saw, for the sessions this target covers; undefined when nothing new was read */
  observed?: Schedule[];
  /** the target's watchers, first come first; blocked users already left out */
  watchers: Watch[];
  now: number;
  holdMs: number;
  newOfferId: () => string;
  /** holds the watchers gave up just now, and how (with an offerId: only that offer's hold) */
  released?: Released[];
  /** watches to forget entirely (erased users): no trace of them stays in the state */
  forget?: string[];
}

const PERIOD_ORDER = { am: 0, pm: 1, em: 2 } as const;

export function reconcile(input: ReconcileInput): {
  state: TargetState;
  offers: NewOffer[];
  ended: EndedHold[];
} {
  const { now } = input;
  const sessions: Record<string, SessionState> = structuredClone(input.state.sessions);
  const ended: EndedHold[] = [];
  const end = (s: SessionState, p: Place, outcome: EndedHold["outcome"]) => {
    if (p.holder)
      ended.push({
        watchId: p.holder.watchId,
        offerId: p.holder.offerId,
        scheduleId: s.scheduleId,
        n: p.n,
        outcome,
      });
    delete p.holder;
  };

  if (input.observed) {
    const seen = new Set<string>();
    for (const sc of input.observed) {
      seen.add(sc.scheduleId);
      const s: SessionState = sessions[sc.scheduleId] ?? { ...sc, seq: 0, places: [] };
      Object.assign(s, {
        date: sc.date,
        period: sc.period,
        levelName: sc.levelName,
        fee: sc.fee,
        available: sc.available,
        doctorId: sc.doctorId,
      });
      const free = Math.max(0, sc.available);
      while (s.places.length < free) s.places.push({ n: ++s.seq, seenAt: now, offered: [] });
      // fewer free than we knew: the places no one holds go first (newest first), then held ones
      while (s.places.length > free) {
        let i = s.places.findLastIndex((p) => !p.holder);
        if (i < 0) i = s.places.length - 1;
        const [gone] = s.places.splice(i, 1);
        if (gone) end(s, gone, "taken");
      }
      sessions[sc.scheduleId] = s;
    }
    // a session no longer listed (its day passed, or nobody watches its days) is forgotten
    for (const [id, s] of Object.entries(sessions)) {
      if (seen.has(id)) continue;
      for (const p of s.places) end(s, p, "taken");
      delete sessions[id];
    }
  }

  const watching = new Map(input.watchers.map((w) => [w.id, w]));
  const released = input.released ?? [];
  const forget = new Set(input.forget ?? []);
  const busy = new Set<string>();
  for (const s of Object.values(sessions)) {
    // a place booked through its offer is gone: nobody else is offered it
    const booked = s.places.filter((p) =>
      released.some((r) => r.outcome === "booked" && r.watchId === p.holder?.watchId),
    );
    for (const p of booked) {
      end(s, p, "booked");
      s.places.splice(s.places.indexOf(p), 1);
      s.available = Math.max(0, s.available - 1);
    }
    for (const p of s.places) {
      if (forget.size > 0) p.offered = p.offered.filter((id) => !forget.has(id));
      if (!p.holder) continue;
      const holder = p.holder;
      const letGo = released.find(
        (r) => r.watchId === holder.watchId && (!r.offerId || r.offerId === holder.offerId),
      );
      if (letGo) end(s, p, letGo.outcome);
      else if (!watching.has(p.holder.watchId)) end(s, p, "passed");
      else if (p.holder.until <= now) end(s, p, "expired");
      else busy.add(p.holder.watchId);
    }
  }

  const offers: NewOffer[] = [];
  const ordered = Object.values(sessions).sort(
    (a, b) => a.date.localeCompare(b.date) || PERIOD_ORDER[a.period] - PERIOD_ORDER[b.period],
  );
  for (const s of ordered) {
    for (const p of s.places) {
      if (p.holder) continue;
      const next = input.watchers.find(
        (w) => !busy.has(w.id) && !p.offered.includes(w.id) && wants(w, s) && w.expiresAt > now,
      );
      if (!next) continue;
      const offerId = input.newOfferId();
      const until = now + input.holdMs;
      p.holder = { watchId: next.id, until, offerId };
      p.offered.push(next.id);
      busy.add(next.id);
      const first = p.offered.length === 1;
      offers.push({
        offerId,
        watch: next,
        session: s,
        place: p,
        first,
        fresh: first && p.seenAt === now,
        until,
      });
    }
  }
  return { state: { sessions }, offers, ended };
}

/** The earliest hold that will pass, so the caller can schedule the hand-over. */
export function holdsOf(
  state: TargetState,
): Array<{ scheduleId: string; n: number; watchId: string; until: number }> {
  return Object.values(state.sessions).flatMap((s) =>
    s.places.flatMap((p) =>
      p.holder
        ? [{ scheduleId: s.scheduleId, n: p.n, watchId: p.holder.watchId, until: p.holder.until }]
        : [],
    ),
  );
}

export function parseTargetState(raw: string | null): TargetState {
  if (!raw) return emptyState();
  try {
    const r = targetStateSchema.safeParse(JSON.parse(raw));
    return r.success ? r.data : emptyState();
  } catch {
    return emptyState();
  }
}

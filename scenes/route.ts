// Follows the flow table (scenes/flow.ts): where "done", "back" and "revisit" lead, the one function that
// ends a flow (and with it takes the patient's personal data out of the session), and enterFlowAt, the
// one way into the middle of the route (deep links today; a watch's "Book now", a saved patient or a
// rebook later), which checks every given id against the catalog before the draft holds it.
import { isDeepStrictEqual } from "node:util";
import { z } from "zod";
import type { BotContext } from "../src/bot/context.js";
import type { BookingDraft } from "../src/bot/session.js";
import type { Catalog } from "../src/catalog/catalog.js";
import { windowEnd } from "../src/schedule/schedule-days.js";
import { showMenu, type View } from "../src/telegram/menu.js";
import { closeReplyKeyboard } from "../src/telegram/reply-keyboard.js";
import { chinaToday } from "../src/time/china-time.js";
import {
  type BookingStep,
  backOf,
  type EnterableStep,
  FIRST_STEP,
  type FlowChoices,
  isBookingStep,
  isEnterable,
  isSide,
  nextOf,
  ownedAfter,
  ROUTE,
  rowOf,
} from "./flow.js";
import { draftOf } from "./shared/draft.js";
import type { Arrival, DraftChoice, Router } from "./shared/step.js";

/** Enters `step` as reached by `how`; a skippable step hands on to the next one when going forward. */
async function enter(ctx: BotContext, step: BookingStep, how: Arrival): Promise<void> {
  const row = rowOf(step);
  const next = nextOf(step);
  if ((how === "forward" || how === "direct") && next && row.skip?.(ctx)) return enter(ctx, next, how);
  // a side trip remembers the step it left, to return there
  const current = ctx.session.__scenes?.current;
  const from = isSide(step) && isBookingStep(current) && !isSide(current) ? { from: current } : {};
  await ctx.scene.enter(step, { ...row.step.arrival(ctx, how), ...from });
}

const sideState = z.object({ from: z.string().optional() });

/** Where a side trip returns: the step it was entered from, or (if that is lost) the last choice made. */
function originOf(ctx: BotContext): BookingStep {
  const parsed = sideState.safeParse(ctx.scene.state);
  const from = parsed.success ? parsed.data.from : undefined;
  if (isBookingStep(from) && !isSide(from)) return from;
  const draft = ctx.session.draft;
  return draft?.doctorId ? "date" : draft?.depId ? "doctor" : FIRST_STEP;
}

function asStep(id: string): BookingStep {
  if (!isBookingStep(id)) throw new Error(`${id} is not a step of the booking route`);
  return id;
}

/**
 * The one way a flow ends: the draft (every answer the patient gave) leaves the session, a reply
 * keyboard still on screen is removed, and no step is current any more.
 */
export async function endFlow(ctx: BotContext): Promise<void> {
  delete ctx.session.draft;
  await ctx.scene.leave();
  // leaving a step removes its keyboard; outside any step (after /mybookings) it is done here
  await closeReplyKeyboard(ctx);
}

async function endWith(ctx: BotContext, view: View): Promise<void> {
  await endFlow(ctx);
  await showMenu(ctx, view);
}

export const router: Router = {
  hasBack: (from) => isSide(asStep(from)) || backOf(asStep(from)) !== undefined,
  async done(ctx, from, values: DraftChoice = {}) {
    const step = asStep(from);
    const row = rowOf(step);
    const draft = draftOf(ctx);
    const keys = Object.keys(values) as (keyof DraftChoice)[];
    const foreign = keys.filter((k) => !row.owns.includes(k));
    if (foreign.length > 0) throw new Error(`step ${step} set fields it does not own: ${foreign.join(", ")}`);
    if (keys.some((k) => !isDeepStrictEqual(draft[k], values[k]))) {
      for (const f of ownedAfter(step)) delete draft[f];
    }
    Object.assign(draft, values);
    if (isSide(step)) return enter(ctx, originOf(ctx), "back");
    const next = nextOf(step);
    if (!next) throw new Error(`step ${step} is the last: it ends the flow instead`);
    await enter(ctx, next, "forward");
  },
  async back(ctx, from) {
    if (isSide(asStep(from))) return enter(ctx, originOf(ctx), "back");
    const back = backOf(asStep(from));
    if (back) await enter(ctx, back, "back");
  },
  async revisit(ctx, from, reason) {
    const to = rowOf(asStep(from)).revisit?.[reason];
    if (!to) throw new Error(`step ${from} has no detour "${reason}"`);
    await enter(ctx, to, "revisit");
  },
  quit: (ctx) =>
    endWith(ctx, {
      text: ctx.t.flow.cancelled,
      rows: [[{ text: ctx.t.start.bookButton, action: "start", global: true }]],
    }),
  end: endWith,
};

/** Back into the flow at a step left for /mybookings or /cancel; false when nothing is left to resume. */
export async function resumeBooking(ctx: BotContext, step: string): Promise<boolean> {
  if (!ctx.session.draft || !isBookingStep(step)) return false;
  await enter(ctx, step, "resume");
  return true;
}

/** Which given id turned out unknown or stale. */
export type StaleChoice = "hospital" | "department" | "doctor" | "schedule";

export interface Resolved {
  /** the draft the valid choices make, city included (so Back from there works as in the full flow) */
  draft: DraftChoice;
  valid: Set<keyof FlowChoices>;
  stale?: StaleChoice;
}

/** Checks the choices in route order against the catalog; the first unknown one stops the walk. */
export async function resolveChoices(catalog: Catalog, now: Date, choices: FlowChoices): Promise<Resolved> {
  const draft: DraftChoice = {};
  const valid = new Set<keyof FlowChoices>();
  const { unitId, depId, doctorId, scheduleId } = choices;
  if (unitId === undefined) return { draft, valid };
  const hospital = await catalog.hospital(unitId);
  if (!hospital) return { draft, valid, stale: "hospital" };
  Object.assign(draft, { city: hospital.cityName, unitId });
  valid.add("unitId");
  if (depId === undefined) return { draft, valid };
  if (!(await catalog.department(unitId, depId))) return { draft, valid, stale: "department" };
  draft.depId = depId;
  valid.add("depId");
  if (doctorId === undefined) return { draft, valid };
  if (!(await catalog.doctor(unitId, depId, doctorId))) return { draft, valid, stale: "doctor" };
  draft.doctorId = doctorId;
  valid.add("doctorId");
  if (scheduleId === undefined) return { draft, valid };
  const today = chinaToday(now);
  const schedules = await catalog.schedules(
    unitId,
    depId,
    doctorId,
    today,
    windowEnd(today, hospital.bookingWindowDays),
  );
  const schedule = schedules.find((s) => s.scheduleId === scheduleId);
  if (!schedule) return { draft, valid, stale: "schedule" };
  Object.assign(draft, { scheduleId, date: schedule.date, period: schedule.period });
  valid.add("scheduleId");
  return { draft, valid };
}

export interface Entered {
  /** where the patient landed: `step`, or the nearest step above it whose choices were all valid */
  step: EnterableStep;
  stale?: StaleChoice;
}

/**
 * Starts a new booking at `step` with `choices` already made, as if the patient had tapped them. Every id
 * is checked against the catalog; an unknown or stale one gets a polite line and the patient lands on
 * the nearest step above that the valid choices allow. Any draft in the session is replaced: callers
 * that could throw away a patient's work ask first (scenes/ask-restart.ts). `patient`, when given,
 * carries answers already known (a saved patient); a complete one takes the route past the questions.
 */
export async function enterFlowAt(
  ctx: BotContext,
  step: EnterableStep,
  choices: FlowChoices = {},
  patient: BookingDraft["patient"] = {},
): Promise<Entered> {
  const resolved = await resolveChoices(ctx.deps.catalog, ctx.deps.now(), choices);
  const landing = nearestEnterable(step, resolved.valid);
  await endFlow(ctx);
  ctx.session.draft = { ...resolved.draft, patient };
  if (resolved.stale) await ctx.reply(ctx.t.link.stale[resolved.stale]);
  await enter(ctx, landing, "direct");
  return { step: landing, ...(resolved.stale ? { stale: resolved.stale } : {}) };
}

/** The enterable step whose entry needs exactly these choices (a deep link's landing). */
export function entryStepFor(choices: FlowChoices): EnterableStep {
  const given = new Set(Object.keys(choices).filter((k) => choices[k as keyof FlowChoices] !== undefined));
  for (const s of ROUTE) {
    const needs = rowOf(s).enter;
    if (isEnterable(s) && needs?.length === given.size && needs.every((c) => given.has(c))) return s;
  }
  return FIRST_STEP;
}

/** `step` if its choices are all valid, else the nearest enterable step before it whose choices are. */
function nearestEnterable(step: EnterableStep, valid: Set<keyof FlowChoices>): EnterableStep {
  for (let i = ROUTE.indexOf(step); i >= 0; i--) {
    const s = ROUTE[i];
    if (s !== undefined && isEnterable(s) && rowOf(s).enter?.every((c) => valid.has(c))) return s;
  }
  return FIRST_STEP;
}

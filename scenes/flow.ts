// The booking route as one table: the only place that knows the order of the steps. The rows are the
// steps in the order a patient meets them: "done" leads to the next row and Back to the one before.
// Each row also says which draft fields its step owns (a changed choice drops the fields of every step
// after it), when the step is passed over, its named detours, and which choices a direct entry needs (a
// deep link, a watch's "Book now", a rebook). Steps only say "done", "back", "revisit" or "quit";
// scenes/route.ts follows this table.
//
// Adding a step is one file and one row: write the step with defineStep (scenes/shared/step.ts) and put
// its row where it belongs in the route.
import type { BotContext } from "../src/bot/context.js";
import type { BookingDraft } from "../src/bot/session.js";
import { toPatient } from "../src/patient/questionnaire.js";
import { chinaToday } from "../src/time/china-time.js";
import { cityStep } from "./city.js";
import { confirmStep } from "./confirm.js";
import { consentStep } from "./consent.js";
import { dateStep } from "./date.js";
import { departmentStep } from "./department.js";
import { doctorStep } from "./doctor.js";
import { hospitalStep } from "./hospital.js";
import { patientStep } from "./patient.js";
import { patientPickStep } from "./patient-pick.js";
import { draftOf } from "./shared/draft.js";
import type { FlowStep } from "./shared/step.js";
import { slotStep } from "./slot.js";
import { watchSetupStep } from "./watch.js";

/** The ids a direct entry can carry; each is checked against the catalog before it is used. */
export interface FlowChoices {
  unitId?: string;
  depId?: string;
  doctorId?: string;
  scheduleId?: string;
}

interface Row<Id extends string> {
  step: FlowStep;
  owns: readonly Exclude<keyof BookingDraft, "patient">[];
  /** the step is passed over (on the way forward) when it has nothing to ask */
  skip?(ctx: BotContext): boolean;
  /** detours a step may ask for by name */
  revisit?: Readonly<Record<string, Id>>;
  /** present when the step may be entered directly: the choices it needs */
  enter?: readonly (keyof FlowChoices)[];
  /**
   * A side trip off the route (the watch set-up): not in the route's order; reached only as a detour,
   * and its "done" and Back return to the step it was entered from.
   */
  side?: true;
}

/** Rows keyed by step id, in route order; the F-bound makes every detour name a row of the same table. */
function table<const T extends { [K in keyof T]: Row<Extract<keyof T, string>> }>(rows: T): T {
  return rows;
}

export const FLOW = table({
  city: { step: cityStep, owns: ["city"], enter: [] },
  hospital: { step: hospitalStep, owns: ["unitId"] },
  department: {
    step: departmentStep,
    owns: ["depId"],
    enter: ["unitId"],
  },
  doctor: {
    step: doctorStep,
    owns: ["doctorId"],
    enter: ["unitId", "depId"],
    // 🔔 Watch any doctor of the department
    revisit: { watch: "watch" },
  },
  date: {
    step: dateStep,
    owns: ["scheduleId", "date", "period"],
    enter: ["unitId", "depId", "doctorId"],
    // 🔔 Watch this doctor
    revisit: { watch: "watch" },
  },
  slot: {
    step: slotStep,
    owns: ["slot", "attemptId"],
    enter: ["unitId", "depId", "doctorId", "scheduleId"],
  },
  // the privacy notice before the first personal question: passed over once this version was agreed to
  consent: {
    step: consentStep,
    owns: [],
    skip: (ctx) => ctx.session.consent === ctx.deps.consent.version,
  },
  // the saved patients as one-tap buttons; passed over once the patient is chosen ("new": Someone else)
  "patient-pick": {
    step: patientPickStep,
    // the chosen patient (draft.savedPick) is set by the step itself: a new time keeps the patient
    owns: [],
    skip: (ctx) => draftOf(ctx).savedPick !== undefined,
  },
  patient: {
    step: patientStep,
    owns: ["question", "revising"],
    // details already complete (kept from before, or a saved patient): straight to the summary
    skip: (ctx) => toPatient(draftOf(ctx).patient, chinaToday(ctx.deps.now())) !== undefined,
  },
  confirm: {
    step: confirmStep,
    owns: ["attemptId"],
    revisit: { time: "date", patient: "patient", slot: "slot" },
  },
  watch: { step: watchSetupStep, owns: [], side: true },
});

export type BookingStep = keyof typeof FLOW;
type RowOf = Row<BookingStep>;

export function rowOf(step: BookingStep): RowOf {
  return FLOW[step];
}

export function isBookingStep(x: unknown): x is BookingStep {
  return typeof x === "string" && Object.hasOwn(FLOW, x);
}

/** Steps a deep link or another feature may open directly. */
export type EnterableStep = {
  [K in BookingStep]: (typeof FLOW)[K] extends { enter: readonly unknown[] } ? K : never;
}[BookingStep];

/** The steps in the order a patient meets them: the table's own order. */
export const ROUTE = (Object.keys(FLOW) as BookingStep[]).filter((s) => !isSide(s));

/** Every row, side trips included: each is a scene of the stage. */
export const STEPS = Object.keys(FLOW) as BookingStep[];

export function isSide(step: BookingStep): boolean {
  return "side" in FLOW[step];
}

/** Where a booking starts (as /book). */
export const FIRST_STEP: EnterableStep = "city";

/** The step "done" leads to; undefined after the last. */
export function nextOf(step: BookingStep): BookingStep | undefined {
  return ROUTE[ROUTE.indexOf(step) + 1];
}

/** The step Back returns to; undefined on the first. */
export function backOf(step: BookingStep): BookingStep | undefined {
  const i = ROUTE.indexOf(step);
  return i > 0 ? ROUTE[i - 1] : undefined;
}

export function isEnterable(step: BookingStep): step is EnterableStep {
  return rowOf(step).enter !== undefined;
}

/** The draft fields owned by the steps after `step`: they depend on its choice. */
export function ownedAfter(step: BookingStep): Exclude<keyof BookingDraft, "patient">[] {
  const own = new Set(rowOf(step).owns);
  return ROUTE.slice(ROUTE.indexOf(step) + 1)
    .flatMap((s) => rowOf(s).owns)
    .filter((f) => !own.has(f));
}

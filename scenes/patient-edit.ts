// Edit from /patients: pick what to change (name, document, mobile…), answer the questionnaire's own
// questions for it, checked by its own parsers and cross-field rules (src/patient/questionnaire.ts), and
// the saved patient is written back once the whole patient is consistent again. The working answers live
// in the session's encrypted part, apart from any booking in progress; Back drops them.
import { z } from "zod";
import { answerButton } from "../src/bot/answer.js";
import type { BotContext } from "../src/bot/context.js";
import type { PatientEdit } from "../src/bot/session.js";
import { problemText } from "../src/i18n/index.js";
import { isMinor } from "../src/patient/age.js";
import { maskCertificate, maskMobile } from "../src/patient/mask.js";
import {
  answerChoice,
  answerText,
  applicableQuestions,
  choicesOf,
  isQuestion,
  nextUnanswered,
  type QuestionId,
  toPatient,
} from "../src/patient/questionnaire.js";
import { draftFromSaved } from "../src/patients/saved-patients.js";
import { type Button, showMenu } from "../src/telegram/menu.js";
import { chinaToday } from "../src/time/china-time.js";
import { choiceLabel, choiceRows, prompt } from "./patient.js";
import { resumeField } from "./shared/resume.js";
import { defineView } from "./shared/step.js";

const MAX_ANSWER_LENGTH = 200;

const FIELDS = {
  name: ["name"],
  certificate: ["certKind", "certNo", "sex", "birthday"],
  sex: ["sex"],
  birthday: ["birthday"],
  mobile: ["mobile"],
  address: ["address"],
  guardian: [
    "guardianName",
    "guardianCertKind",
    "guardianCertNo",
    "guardianSex",
    "guardianBirthday",
    "guardianRelation",
    "guardianMobile",
  ],
} as const satisfies Record<string, readonly QuestionId[]>;
type Field = keyof typeof FIELDS;
const isField = (s: string): s is Field => s in FIELDS;

const editState = z.object({ id: z.string().optional(), resume: resumeField });
type EditState = z.infer<typeof editState>;

/** The view's state as the stage keeps it (defineView parsed it on entry). */
function stateOf(ctx: BotContext): EditState {
  const parsed = editState.safeParse(ctx.scene.state);
  return parsed.success ? parsed.data : {};
}

const today = (ctx: BotContext) => chinaToday(ctx.deps.now());

/** The edit in progress for the saved patient this view opened, loaded afresh when there is none. */
async function current(ctx: BotContext): Promise<PatientEdit | undefined> {
  const { id } = stateOf(ctx);
  const userId = ctx.from?.id;
  if (id === undefined || userId === undefined) return undefined;
  const held = ctx.session.patientEdit;
  if (held?.id === id) return held;
  const saved = await ctx.deps.patients.get(userId, id);
  if (!saved) return undefined;
  // a saved patient has no card number outside a booking: "none" keeps the questionnaire from asking
  const edit: PatientEdit = {
    id: saved.id,
    patient: { ...draftFromSaved(saved.answers, undefined), clinicNo: null },
    queue: [],
  };
  ctx.session.patientEdit = edit;
  return edit;
}

/** The questions of a field that apply to this patient now (an ID card answers sex and birthday). */
function applicable(edit: PatientEdit, questions: readonly string[], ctx: BotContext): QuestionId[] {
  const apply = applicableQuestions(edit.patient, today(ctx));
  return questions.filter((q): q is QuestionId => isQuestion(q) && apply.includes(q));
}

function fieldsFor(ctx: BotContext, edit: PatientEdit): Field[] {
  const d = edit.patient;
  const fields = (Object.keys(FIELDS) as Field[]).filter((f) => applicable(edit, FIELDS[f], ctx).length > 0);
  const minor = d.birthday !== undefined && isMinor(d.birthday, today(ctx));
  return fields.filter((f) => f !== "guardian" || minor);
}

async function backToList(ctx: BotContext, notice?: string): Promise<void> {
  const state = stateOf(ctx);
  delete ctx.session.patientEdit;
  await ctx.scene.enter("patients", { open: notice ? undefined : state.id, resume: state.resume, notice });
}

function shown(ctx: BotContext, edit: PatientEdit, q: QuestionId): string | undefined {
  const v = edit.patient[q];
  if (v === undefined || v === null) return undefined;
  if (choicesOf(q)) return choiceLabel(ctx.t, q, v);
  if (q === "certNo" || q === "guardianCertNo") return maskCertificate(v);
  if (q === "mobile" || q === "guardianMobile") return maskMobile(v);
  return v.length > 24 ? `${v.slice(0, 23)}…` : v;
}

async function ask(ctx: BotContext, edit: PatientEdit, q: QuestionId, preface?: string): Promise<void> {
  const choices = choicesOf(q);
  const rows: Button[][] = choices ? choiceRows(ctx, q, choices) : [];
  const keep = shown(ctx, edit, q);
  if (keep !== undefined && !choices) rows.push([{ text: ctx.t.patient.keep(keep), action: "keep" }]);
  rows.push([{ text: ctx.t.nav.back, action: "back" }]);
  const text = [preface, prompt(ctx, q, edit.patient)].filter(Boolean).join("\n\n");
  await showMenu(ctx, { text, rows });
}

async function render(ctx: BotContext, preface?: string): Promise<void> {
  const edit = await current(ctx);
  if (!edit) return backToList(ctx, ctx.t.savedPatients.gone);
  const q = edit.queue[0];
  if (q !== undefined && isQuestion(q)) return ask(ctx, edit, q, preface);
  const t = ctx.t.savedPatients;
  const rows: Button[][] = [];
  const fields = fieldsFor(ctx, edit);
  for (let i = 0; i < fields.length; i += 2) {
    rows.push(fields.slice(i, i + 2).map((f) => ({ text: t.fields[f], action: "pick" as const, arg: f })));
  }
  rows.push([{ text: ctx.t.nav.back, action: "back" }]);
  const text = [preface, t.editWhat(edit.patient.name ?? "")].filter(Boolean).join("\n\n");
  await showMenu(ctx, { text, rows });
}

/** After an answer: whatever it made necessary, then the rest of the field, then the write-back. */
async function advance(ctx: BotContext, edit: PatientEdit, preface?: string): Promise<void> {
  const day = today(ctx);
  const [, ...rest] = edit.queue;
  const needed = nextUnanswered(edit.patient, day);
  const apply = applicableQuestions(edit.patient, day);
  edit.queue = needed
    ? [needed, ...rest.filter((q) => q !== needed)]
    : rest.filter((q) => isQuestion(q) && apply.includes(q));
  if (edit.queue.length > 0) return render(ctx, preface);
  const userId = ctx.from?.id;
  if (userId === undefined) return;
  if (!toPatient(edit.patient, day)) {
    delete ctx.session.patientEdit;
    return render(ctx, `❗ ${problemText(ctx.t, "patient.mismatch")}`);
  }
  const saved = await ctx.deps.patients.update(userId, edit.id, edit.patient);
  await backToList(
    ctx,
    saved ? ctx.t.savedPatients.editSaved(saved.answers.name ?? "") : ctx.t.savedPatients.gone,
  );
}

async function onAnswer(
  ctx: BotContext,
  edit: PatientEdit,
  q: QuestionId,
  result: ReturnType<typeof answerText>,
) {
  if (!result.ok) return ask(ctx, edit, q, `❗ ${problemText(ctx.t, result.problem)}`);
  edit.patient = result.draft;
  await advance(ctx, edit);
}

export const patientEditStep = defineView("patient-edit", {
  state: editState,
  render: (ctx) => render(ctx),
  async onButton(ctx, button) {
    const edit = await current(ctx);
    if (!edit) return backToList(ctx, ctx.t.savedPatients.gone);
    const q = edit.queue[0];
    if (button.action === "back") {
      if (q === undefined) return backToList(ctx);
      // Back drops the part being changed: the saved patient stays as it was
      delete ctx.session.patientEdit;
      return render(ctx);
    }
    if (q === undefined || !isQuestion(q)) {
      if (button.action === "pick" && isField(button.arg)) {
        edit.queue = applicable(edit, FIELDS[button.arg], ctx);
        return render(ctx);
      }
      return answerButton(ctx, ctx.t.flow.expired);
    }
    if (button.action === "keep") return advance(ctx, edit);
    if (button.action === "pick") return onAnswer(ctx, edit, q, answerChoice(edit.patient, q, button.arg));
    await answerButton(ctx, ctx.t.flow.expired);
  },
  async onText(ctx, raw) {
    if (raw.startsWith("/")) return;
    const edit = await current(ctx);
    if (!edit) return backToList(ctx, ctx.t.savedPatients.gone);
    const q = edit.queue[0];
    if (q === undefined || !isQuestion(q)) return render(ctx, `❗ ${ctx.t.flow.textNotExpected}`);
    const text = raw.trim();
    if (text.length > MAX_ANSWER_LENGTH) return ask(ctx, edit, q, `❗ ${ctx.t.patient.tooLong}`);
    if (choicesOf(q)) return ask(ctx, edit, q, `❗ ${ctx.t.flow.textNotExpected}`);
    await onAnswer(ctx, edit, q, answerText(edit.patient, q, text, today(ctx)));
  },
  async onOther(ctx) {
    await render(ctx, `❗ ${ctx.t.patient.textExpected}`);
  },
});

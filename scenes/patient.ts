// Who the patient is, one question at a time. A wrong answer gets a specific hint and the same
// question again; nothing already answered is lost. Questions already answered offer "Keep", so going
// Back or revising from the confirm step never means typing everything again.

import { z } from "zod";
import { answerButton } from "../src/bot/answer.js";
import type { BotContext } from "../src/bot/context.js";
import type { PatientDraft } from "../src/bot/session.js";
import { LANGS, type Locale, localeFor, problemText } from "../src/i18n/index.js";
import { matchChoice } from "../src/patient/choice-filter.js";
import { maskCertificate, maskMobile } from "../src/patient/mask.js";
import {
  answerChoice,
  answerContact,
  answerText,
  choicesOf,
  currentValue,
  isMinorDraft,
  isQuestion,
  nextUnanswered,
  type QuestionId,
  questionAfter,
  questionBefore,
  toPatient,
} from "../src/patient/questionnaire.js";
import { navRow } from "../src/telegram/keyboards.js";
import type { Button } from "../src/telegram/menu.js";
import { showMenu } from "../src/telegram/menu.js";
import {
  closeReplyKeyboard,
  replyClosingKeyboard,
  replyWithKeyboard,
} from "../src/telegram/reply-keyboard.js";
import { chinaToday } from "../src/time/china-time.js";
import { draftOf } from "./shared/draft.js";
import { defineStep, type Route } from "./shared/step.js";

const MAX_ANSWER_LENGTH = 200;
const MAX_FILTER_LENGTH = 40;

const today = (ctx: BotContext) => chinaToday(ctx.deps.now());

function currentQuestion(ctx: BotContext): QuestionId | undefined {
  const draft = draftOf(ctx);
  return isQuestion(draft.question) ? draft.question : nextUnanswered(draft.patient, today(ctx));
}

/** The question's text; `d` is whose answers it is about (the booking's, or a saved patient's being edited). */
export function prompt(ctx: BotContext, q: QuestionId, d: PatientDraft = draftOf(ctx).patient): string {
  const p = ctx.t.patient;
  switch (q) {
    case "name":
      return p.askName;
    case "certKind":
      return p.askCertType;
    case "certNo":
      return p.askCertNo(d.certKind ? ctx.t.certificate[d.certKind] : "");
    case "sex":
      return p.askSex;
    case "birthday":
      return p.askBirthday;
    case "mobile":
      return isMinorDraft(d, today(ctx)) ? p.askBookingMobile : p.askMobile;
    case "clinicNo":
      return p.askClinicNo;
    case "address":
      return p.askAddress;
    case "guardianName":
      return `${p.minorNotice}\n${p.askGuardianName}`;
    case "guardianCertKind":
      return p.askGuardianCertType;
    case "guardianCertNo":
      return p.askGuardianCertNo(d.guardianCertKind ? ctx.t.certificate[d.guardianCertKind] : "");
    case "guardianSex":
      return p.askGuardianSex;
    case "guardianBirthday":
      return p.askGuardianBirthday;
    case "guardianRelation":
      return p.askGuardianRelation;
    case "guardianMobile":
      return p.askGuardianMobile;
  }
}

export function choiceLabel(t: Locale, q: QuestionId, value: string): string {
  if (q === "certKind" || q === "guardianCertKind")
    return t.certificate[value as keyof Locale["certificate"]];
  if (q === "sex" || q === "guardianSex") return t.sex[value as "male" | "female"];
  return t.relation[value as keyof Locale["relation"]] ?? value;
}

/** The current answer as shown on a "Keep" button: numbers masked. */
function currentAnswer(ctx: BotContext, q: QuestionId): string | undefined {
  const v = currentValue(draftOf(ctx).patient, q, today(ctx));
  if (v === undefined) return undefined;
  if (v === null) return ctx.t.patient.noClinicNo;
  if (choicesOf(q)) return choiceLabel(ctx.t, q, v);
  if (q === "certNo" || q === "guardianCertNo") return maskCertificate(v);
  if (q === "mobile" || q === "guardianMobile") return maskMobile(v);
  return v.length > 24 ? `${v.slice(0, 23)}…` : v;
}

/** `only`: the choices a typed word left on offer, instead of all of them. */
async function ask(ctx: BotContext, q: QuestionId, preface?: string, only?: string[]): Promise<void> {
  const draft = draftOf(ctx);
  draft.question = q;
  const text = [preface, prompt(ctx, q)].filter(Boolean).join("\n\n");
  const current = currentAnswer(ctx, q);
  const keep = current === undefined ? undefined : ctx.t.patient.keep(current);
  if (q === "mobile" || q === "guardianMobile") {
    // A share-contact button only exists on reply keyboards, so this question is not an inline menu;
    // Back and Cancel come back as their own texts.
    return replyWithKeyboard(ctx, text, [
      [{ text: ctx.t.patient.shareContact, request_contact: true }],
      ...(keep ? [[{ text: keep }]] : []),
      [{ text: ctx.t.nav.back }, { text: ctx.t.nav.cancel }],
    ]);
  }
  // the mobile question's keyboard does not belong under any other question
  await closeReplyKeyboard(ctx);
  const choices = only ?? choicesOf(q);
  const rows: Button[][] = choices ? choiceRows(ctx, q, choices) : [];
  if (q === "clinicNo") rows.push([{ text: ctx.t.patient.noClinicNo, action: "none" }]);
  if (only) rows.push([{ text: ctx.t.flow.clearFilter, action: "clear" }]);
  if (keep && !choices) rows.push([{ text: keep, action: "keep" }]);
  rows.push(navRow(ctx.t));
  await showMenu(ctx, { text, rows });
}

/** A choice question's answers as buttons, two to a row. */
export function choiceRows(ctx: BotContext, q: QuestionId, choices: readonly string[]): Button[][] {
  const rows: Button[][] = [];
  for (let i = 0; i < choices.length; i += 2) {
    rows.push(
      choices
        .slice(i, i + 2)
        .map((c) => ({ text: choiceLabel(ctx.t, q, c), action: "pick" as const, arg: c })),
    );
  }
  return rows;
}

/** Where the flow goes once a question is answered: the next question, or the step after this one. */
async function advance(ctx: BotContext, route: Route, from: QuestionId, preface?: string): Promise<void> {
  const draft = draftOf(ctx);
  const day = today(ctx);
  const next = draft.revising ? questionAfter(draft.patient, from, day) : nextUnanswered(draft.patient, day);
  const pending = next ?? nextUnanswered(draft.patient, day);
  if (pending) return ask(ctx, pending, preface);
  if (!toPatient(draft.patient, day)) {
    // answers that disagree with each other: start the details again, keeping each answer on offer
    draft.revising = true;
    return ask(ctx, "name", problemText(ctx.t, "patient.mismatch"));
  }
  delete draft.question;
  delete draft.revising;
  await route.done();
}

async function back(ctx: BotContext, route: Route, q: QuestionId): Promise<void> {
  const before = questionBefore(draftOf(ctx).patient, q, today(ctx));
  if (before) return ask(ctx, before);
  delete draftOf(ctx).question;
  await route.back();
}

async function onAnswer(
  ctx: BotContext,
  route: Route,
  q: QuestionId,
  result: ReturnType<typeof answerText>,
): Promise<void> {
  if (!result.ok) return ask(ctx, q, `❗ ${problemText(ctx.t, result.problem)}`);
  const draft = draftOf(ctx);
  const derivedNow =
    (q === "certNo" &&
      result.draft.sex &&
      result.draft.birthday &&
      result.draft.certNo !== draft.patient.certNo) ||
    false;
  draft.patient = result.draft;
  const preface =
    derivedNow && result.draft.birthday && result.draft.sex
      ? ctx.t.patient.derivedFromId(result.draft.birthday, ctx.t.sex[result.draft.sex])
      : undefined;
  await advance(ctx, route, q, preface);
}

export const patientStep = defineStep({
  // the questions keep their place in the draft (draft.question), not in the step's own state
  state: z.object({}),
  arrive(ctx, how) {
    // coming from a new choice of time: the next unanswered question, wherever the patient was before
    if (how === "forward") delete draftOf(ctx).question;
    return {};
  },
  async render(ctx, route) {
    const draft = draftOf(ctx);
    const q = currentQuestion(ctx);
    if (!q) return advance(ctx, route, "guardianMobile");
    const fresh = Object.keys(draft.patient).length === 0;
    await ask(ctx, q, fresh ? ctx.t.patient.intro : undefined);
  },
  async onButton(ctx, button, route) {
    const q = currentQuestion(ctx);
    if (!q) return;
    switch (button.action) {
      case "quit":
        return route.quit();
      case "back":
        return back(ctx, route, q);
      case "keep":
        return advance(ctx, route, q);
      case "clear":
        return ask(ctx, q);
      case "none":
        return onAnswer(ctx, route, q, answerChoice(draftOf(ctx).patient, q, "none"));
      case "pick":
        return onAnswer(ctx, route, q, answerChoice(draftOf(ctx).patient, q, button.arg));
      default:
        await answerButton(ctx, ctx.t.flow.expired);
    }
  },
  async onText(ctx, raw, route) {
    const q = currentQuestion(ctx);
    if (!q || raw.startsWith("/")) return;
    const text = raw.trim();
    const t = ctx.t;
    const isReplyKeyboardQuestion = q === "mobile" || q === "guardianMobile";
    if (isReplyKeyboardQuestion && text === t.nav.back) return back(ctx, route, q);
    if (isReplyKeyboardQuestion && text === t.nav.cancel) return route.quit();
    const current = currentAnswer(ctx, q);
    if (isReplyKeyboardQuestion && current !== undefined && text === t.patient.keep(current)) {
      await replyClosingKeyboard(ctx, "✓");
      return advance(ctx, route, q);
    }
    if (text.length > MAX_ANSWER_LENGTH) return ask(ctx, q, `❗ ${t.patient.tooLong}`);
    const choices = choicesOf(q);
    if (choices) {
      const word = text.slice(0, MAX_FILTER_LENGTH);
      const labels = (c: string) => LANGS.map((lang) => choiceLabel(localeFor(lang), q, c));
      const match = matchChoice(choices, word, labels);
      if (match.kind === "one") {
        return onAnswer(ctx, route, q, answerChoice(draftOf(ctx).patient, q, match.value));
      }
      if (match.kind === "some") return ask(ctx, q, t.flow.filterActive(word), match.values);
      return ask(ctx, q, `❗ ${t.flow.choiceNone(word)}`);
    }
    const result = answerText(draftOf(ctx).patient, q, text, today(ctx));
    if (result.ok && isReplyKeyboardQuestion) {
      const mobile = result.draft[q];
      await replyClosingKeyboard(ctx, `📱 ${mobile ? maskMobile(mobile) : ""} ✓`);
    }
    await onAnswer(ctx, route, q, result);
  },
  async onContact(ctx, phone, ownContact, route) {
    const q = currentQuestion(ctx);
    if (q !== "mobile" && q !== "guardianMobile")
      return ask(ctx, q ?? "name", `❗ ${ctx.t.patient.textExpected}`);
    const result = answerContact(draftOf(ctx).patient, q, phone, ownContact, today(ctx));
    if (result.ok) {
      const mobile = result.draft[q];
      await replyClosingKeyboard(ctx, `📱 ${mobile ? maskMobile(mobile) : ""} ✓`);
    }
    await onAnswer(ctx, route, q, result);
  },
  async onOther(ctx) {
    const q = currentQuestion(ctx);
    if (!q) return;
    await ask(ctx, q, `❗ ${choicesOf(q) ? ctx.t.flow.textNotExpected : ctx.t.patient.textExpected}`);
  },
});

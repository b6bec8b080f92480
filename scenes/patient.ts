// Step 7: who the patient is, one question at a time. A wrong answer gets a specific hint and the same
// question again; nothing already answered is lost. Questions already answered offer "Keep", so going
// Back or revising from the confirm step never means typing everything again.

import { answerButton } from "../src/bot/answer.js";
import type { BotContext } from "../src/bot/context.js";
import type { PatientDraft } from "../src/bot/session.js";
import { problemText } from "../src/i18n/index.js";
import { maskCertificate, maskMobile } from "../src/patient/mask.js";
import {
  answerChoice,
  answerText,
  choicesOf,
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
import { chinaToday } from "../src/time/china-time.js";
import { draftOf, goTo, quitFlow } from "./shared/flow.js";
import { patientGate } from "./shared/patient-gate.js";
import { defineStep } from "./shared/step.js";

const MAX_ANSWER_LENGTH = 200;

const today = (ctx: BotContext) => chinaToday(ctx.deps.now());

function currentQuestion(ctx: BotContext): QuestionId | undefined {
  const draft = draftOf(ctx);
  return isQuestion(draft.question) ? draft.question : nextUnanswered(draft.patient, today(ctx));
}

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
      return p.askMobile;
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

export function choiceLabel(ctx: BotContext, q: QuestionId, value: string): string {
  if (q === "certKind" || q === "guardianCertKind")
    return ctx.t.certificate[value as keyof BotContext["t"]["certificate"]];
  if (q === "sex" || q === "guardianSex") return ctx.t.sex[value as "male" | "female"];
  return ctx.t.relation[value as keyof BotContext["t"]["relation"]] ?? value;
}

/** The current answer as shown on a "Keep" button: numbers masked. */
function currentAnswer(ctx: BotContext, q: QuestionId): string | undefined {
  const d = draftOf(ctx).patient;
  const v = d[q];
  if (v === undefined) return undefined;
  if (v === null) return ctx.t.patient.noClinicNo;
  if (choicesOf(q)) return choiceLabel(ctx, q, v);
  if (q === "certNo" || q === "guardianCertNo") return maskCertificate(v);
  if (q === "mobile" || q === "guardianMobile") return maskMobile(v);
  return v.length > 24 ? `${v.slice(0, 23)}…` : v;
}

async function ask(ctx: BotContext, q: QuestionId, preface?: string): Promise<void> {
  const draft = draftOf(ctx);
  draft.question = q;
  const text = [preface, prompt(ctx, q)].filter(Boolean).join("\n\n");
  const current = currentAnswer(ctx, q);
  const keep = current === undefined ? undefined : ctx.t.patient.keep(current);
  if (q === "mobile" || q === "guardianMobile") {
    // A share-contact button only exists on reply keyboards, so this question is not an inline menu;
    // Back and Cancel come back as their own texts.
    ctx.session.menu = undefined;
    const rows = [
      ...(q === "mobile" ? [[{ text: ctx.t.patient.shareContact, request_contact: true }]] : []),
      ...(keep ? [[{ text: keep }]] : []),
      [{ text: ctx.t.nav.back }, { text: ctx.t.nav.cancel }],
    ];
    await ctx.reply(text, {
      reply_markup: { keyboard: rows, resize_keyboard: true, one_time_keyboard: true },
    });
    return;
  }
  const rows: Button[][] = [];
  const choices = choicesOf(q);
  if (choices) {
    for (let i = 0; i < choices.length; i += 2) {
      rows.push(
        choices
          .slice(i, i + 2)
          .map((c) => ({ text: choiceLabel(ctx, q, c), action: "pick" as const, arg: c })),
      );
    }
  }
  if (q === "clinicNo") rows.push([{ text: ctx.t.patient.noClinicNo, action: "none" }]);
  if (keep && !choices) rows.push([{ text: keep, action: "keep" }]);
  rows.push(navRow(ctx.t));
  await showMenu(ctx, { text, rows });
}

/** Where the flow goes once a question is answered: the next question, or the confirm step. */
async function advance(ctx: BotContext, from: QuestionId, preface?: string): Promise<void> {
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
  await goTo(ctx, "confirm");
}

/** Called when a slot is chosen: straight to confirm when the patient's details are already complete. */
export async function nextPatientStep(ctx: BotContext): Promise<void> {
  const draft = draftOf(ctx);
  if (toPatient(draft.patient, today(ctx))) {
    delete draft.question;
    return goTo(ctx, "confirm");
  }
  delete draft.question;
  await goTo(ctx, "patient");
}

async function back(ctx: BotContext, q: QuestionId): Promise<void> {
  const before = questionBefore(draftOf(ctx).patient, q, today(ctx));
  if (before) return ask(ctx, before);
  delete draftOf(ctx).question;
  await goTo(ctx, "slot");
}

async function onAnswer(
  ctx: BotContext,
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
  await advance(ctx, q, preface);
}

export const patientStep = defineStep("patient", {
  async render(ctx) {
    const draft = draftOf(ctx);
    const q = currentQuestion(ctx);
    if (!q) return advance(ctx, "guardianMobile");
    const fresh = Object.keys(draft.patient).length === 0;
    // the privacy notice and the saved patients come before the first personal question
    if (fresh && (await patientGate(ctx))) return;
    await ask(ctx, q, fresh ? ctx.t.patient.intro : undefined);
  },
  async onButton(ctx, button) {
    const q = currentQuestion(ctx);
    if (!q) return;
    switch (button.action) {
      case "quit":
        return quitFlow(ctx);
      case "back":
        return back(ctx, q);
      case "keep":
        return advance(ctx, q);
      case "none":
        return onAnswer(ctx, q, answerChoice(draftOf(ctx).patient, q, "none"));
      case "pick":
        return onAnswer(ctx, q, answerChoice(draftOf(ctx).patient, q, button.arg));
      default:
        await answerButton(ctx, ctx.t.flow.expired);
    }
  },
  async onText(ctx, raw) {
    const q = currentQuestion(ctx);
    if (!q || raw.startsWith("/")) return;
    const text = raw.trim();
    const t = ctx.t;
    const isReplyKeyboardQuestion = q === "mobile" || q === "guardianMobile";
    if (isReplyKeyboardQuestion && text === t.nav.back) return back(ctx, q);
    if (isReplyKeyboardQuestion && text === t.nav.cancel) {
      await ctx.reply(t.flow.cancelled, { reply_markup: { remove_keyboard: true } });
      delete ctx.session.draft;
      return ctx.scene.leave();
    }
    const current = currentAnswer(ctx, q);
    if (isReplyKeyboardQuestion && current !== undefined && text === t.patient.keep(current)) {
      await ctx.reply("✓", { reply_markup: { remove_keyboard: true } });
      return advance(ctx, q);
    }
    if (text.length > MAX_ANSWER_LENGTH) return ask(ctx, q, `❗ ${t.patient.tooLong}`);
    if (choicesOf(q)) return ask(ctx, q, `❗ ${t.flow.textNotExpected}`);
    const result = answerText(draftOf(ctx).patient, q, text, today(ctx));
    if (result.ok && isReplyKeyboardQuestion) {
      const mobile = result.draft[q];
      await ctx.reply(`📱 ${mobile ? maskMobile(mobile) : ""} ✓`, {
        reply_markup: { remove_keyboard: true },
      });
    }
    await onAnswer(ctx, q, result);
  },
  async onContact(ctx, phone) {
    const q = currentQuestion(ctx);
    if (q !== "mobile" && q !== "guardianMobile")
      return ask(ctx, q ?? "name", `❗ ${ctx.t.patient.textExpected}`);
    const result = answerText(draftOf(ctx).patient, q, phone, today(ctx));
    if (result.ok) {
      const mobile = result.draft[q];
      await ctx.reply(`📱 ${mobile ? maskMobile(mobile) : ""} ✓`, {
        reply_markup: { remove_keyboard: true },
      });
    }
    await onAnswer(ctx, q, result);
  },
  async onOther(ctx) {
    const q = currentQuestion(ctx);
    if (!q) return;
    await ask(ctx, q, `❗ ${choicesOf(q) ? ctx.t.flow.textNotExpected : ctx.t.patient.textExpected}`);
  },
});

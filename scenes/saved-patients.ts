// /patients: the patients this user saved, each opened with one tap to show its details (numbers
// masked) with Edit and Delete. Delete asks once more; Edit goes through the questionnaire's own
// questions and checks (scenes/patient-edit.ts).
import { z } from "zod";
import { answerButton } from "../src/bot/answer.js";
import type { BotContext } from "../src/bot/context.js";
import { isMinor } from "../src/patient/age.js";
import { maskCertificate, maskMobile, maskName } from "../src/patient/mask.js";
import { MAX_SAVED_PATIENTS, type SavedPatient } from "../src/patients/saved-patients.js";
import { type Button, showMenu } from "../src/telegram/menu.js";
import { chinaToday } from "../src/time/china-time.js";
import { savedPatientLabel } from "./shared/patient-gate.js";
import { resumableStep, resumeField, resumeRow } from "./shared/resume.js";
import { defineView } from "./shared/step.js";

const viewState = z.object({
  open: z.string().optional(),
  deleting: z.boolean().optional(),
  notice: z.string().optional(),
  resume: resumeField,
});
type ViewState = z.infer<typeof viewState>;

function detailsText(ctx: BotContext, p: SavedPatient): string {
  const a = p.answers;
  const t = ctx.t;
  const minor = a.birthday !== undefined && isMinor(a.birthday, chinaToday(ctx.deps.now()));
  return t.savedPatients.details({
    name: a.name ?? "",
    cert: `${a.certKind ? t.certificate[a.certKind] : ""} ${maskCertificate(a.certNo ?? "")}`,
    sex: a.sex ? t.sex[a.sex] : "",
    birthday: a.birthday ?? "",
    mobile: maskMobile(a.mobile ?? ""),
    address: a.address ?? "",
    guardian:
      minor && a.guardianName
        ? `${maskName(a.guardianName)} · ${maskMobile(a.guardianMobile ?? "")}`
        : undefined,
    cards: Object.keys(a.clinicNos).length,
  });
}

async function render(ctx: BotContext, state: ViewState): Promise<void> {
  const userId = ctx.from?.id;
  if (userId === undefined) return;
  const { open, deleting, notice } = state;
  delete state.notice;
  const t = ctx.t.savedPatients;
  const saved = await ctx.deps.patients.list(userId);
  const chosen = open ? saved.find((p) => p.id === open) : undefined;
  if (chosen && deleting) {
    return showMenu(ctx, {
      text: t.confirmDelete(chosen.answers.name ?? ""),
      rows: [
        [{ text: t.deleteYes, action: "delete", arg: chosen.id }],
        [{ text: ctx.t.nav.back, action: "back" }],
      ],
    });
  }
  if (chosen) {
    return showMenu(ctx, {
      text: detailsText(ctx, chosen),
      rows: [
        [
          { text: t.editButton, action: "edit", arg: chosen.id },
          { text: t.deleteButton, action: "delete", arg: chosen.id },
        ],
        [{ text: ctx.t.nav.back, action: "back" }],
      ],
    });
  }
  delete state.open;
  const head = notice ? `${notice}\n\n` : "";
  const footer: Button[][] = [[{ text: t.closeButton, action: "quit" }], resumeRow(ctx, state.resume)];
  if (saved.length === 0) return showMenu(ctx, { text: head + t.empty, rows: footer });
  const rows: Button[][] = saved.map((p) => [
    { text: savedPatientLabel(ctx, p.answers), action: "pick", arg: p.id },
  ]);
  await showMenu(ctx, {
    text: head + t.listTitle(saved.length, MAX_SAVED_PATIENTS),
    rows: [...rows, ...footer],
  });
}

export const savedPatientsStep = defineView("patients", {
  state: viewState,
  render,
  async onButton(ctx, button, st) {
    const userId = ctx.from?.id;
    if (userId === undefined) return;
    switch (button.action) {
      case "pick":
        st.open = button.arg;
        delete st.deleting;
        return render(ctx, st);
      case "back":
        if (st.deleting) delete st.deleting;
        else delete st.open;
        return render(ctx, st);
      case "delete": {
        if (!st.deleting) {
          st.open = button.arg;
          st.deleting = true;
          return render(ctx, st);
        }
        const p = await ctx.deps.patients.get(userId, button.arg);
        await ctx.deps.patients.remove(userId, button.arg);
        delete st.open;
        delete st.deleting;
        st.notice = p ? ctx.t.savedPatients.deleted(p.answers.name ?? "") : ctx.t.savedPatients.gone;
        return render(ctx, st);
      }
      case "edit":
        await ctx.scene.enter("patient-edit", { id: button.arg, resume: st.resume });
        return;
      case "quit":
        await ctx.scene.leave();
        return showMenu(ctx, {
          text: ctx.t.savedPatients.closed,
          rows: [[{ text: ctx.t.start.bookButton, action: "start", global: true }]],
        });
      default:
        await answerButton(ctx, ctx.t.flow.expired);
    }
  },
});

/** /patients from anywhere, remembering the booking step the patient was in. */
export async function openSavedPatients(ctx: BotContext): Promise<void> {
  await ctx.scene.enter("patients", { resume: resumableStep(ctx) });
}

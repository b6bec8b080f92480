// After a booking: "Save 张三 for next time?", asked on its own under the confirmation and never
// pre-answered. Until the patient answers (or OFFER_MS passes) the booked answers wait in the session's
// encrypted part; a booking made with a saved patient instead marks that patient as used, keeping a card
// number given for this hospital.
import { z } from "zod";
import { answerButton } from "../src/bot/answer.js";
import type { BotContext } from "../src/bot/context.js";
import type { Patient } from "../src/hospital/types.js";
import { answersOf, draftFromPatient, MAX_SAVED_PATIENTS } from "../src/patients/saved-patients.js";
import { showMenu } from "../src/telegram/menu.js";
import { chinaToday } from "../src/time/china-time.js";
import { defineView } from "./shared/step.js";

/** How long the question stays open. */
const OFFER_MS = 30 * 60_000;

/** Called once an order is placed, with the patient it was placed for. */
export async function afterBooking(
  ctx: BotContext,
  patient: Patient,
  unitId: string,
  savedPick: string | undefined,
): Promise<void> {
  const userId = ctx.from?.id;
  if (userId === undefined) return;
  const { patients, now } = ctx.deps;
  const booked = draftFromPatient(patient);
  const today = chinaToday(now());
  if (savedPick && savedPick !== "new") {
    const saved = await patients.get(userId, savedPick);
    const { clinicNos: _cards, ...savedAnswers } = saved?.answers ?? { clinicNos: {} };
    if (saved && sameAnswers(answersOf(booked, today), savedAnswers)) {
      await patients.touch(userId, saved.id, unitId, patient.clinicNo);
      return;
    }
  }
  ctx.session.saveOffer = { patient: booked, unitId, until: now().getTime() + OFFER_MS };
  // a message of its own: the confirmation above keeps its text and buttons
  ctx.session.menu = undefined;
  await ctx.scene.enter("save-offer");
}

function sameAnswers(a: object, b: object): boolean {
  const norm = (o: object) => JSON.stringify(Object.entries(o).sort(([x], [y]) => x.localeCompare(y)));
  return norm(a) === norm(b);
}

export const saveOfferStep = defineView("save-offer", {
  state: z.object({}),
  async render(ctx) {
    const offer = ctx.session.saveOffer;
    if (!offer || offer.until <= ctx.deps.now().getTime())
      return closeOffer(ctx, ctx.t.savedPatients.offerExpired);
    const t = ctx.t.savedPatients;
    const name = offer.patient.name ?? "";
    await showMenu(ctx, {
      text: t.offer(name),
      rows: [[{ text: t.saveButton(name), action: "save" }], [{ text: t.noThanks, action: "quit" }]],
    });
  },
  async onButton(ctx, button) {
    const t = ctx.t.savedPatients;
    const offer = ctx.session.saveOffer;
    const userId = ctx.from?.id;
    switch (button.action) {
      case "save": {
        if (!offer || userId === undefined || offer.until <= ctx.deps.now().getTime()) {
          return closeOffer(ctx, t.offerExpired);
        }
        const outcome = await ctx.deps.patients.save(userId, offer.patient, offer.unitId);
        return closeOffer(
          ctx,
          outcome.kind === "full" ? t.full(MAX_SAVED_PATIENTS) : t.saved(offer.patient.name ?? ""),
        );
      }
      case "quit":
        return closeOffer(ctx, t.notSaved);
      default:
        await answerButton(ctx, ctx.t.flow.expired);
    }
  },
});

async function closeOffer(ctx: BotContext, text: string): Promise<void> {
  delete ctx.session.saveOffer;
  await ctx.scene.leave();
  await showMenu(ctx, { text, rows: [] });
}

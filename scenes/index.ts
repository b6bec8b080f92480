// The conversation as one stage: the booking route's steps (from the flow table, each given its name and
// its route), the views outside it, and the commands that work from anywhere. The composition root
// (src/app.ts) hands it to the bot.
import { Scenes } from "telegraf";
import type { BotContext } from "../src/bot/context.js";
import { cancelBookingStep } from "./cancel-booking.js";
import { registerFlowCommands } from "./commands.js";
import { deleteDataStep } from "./delete-data.js";
import { FLOW, STEPS } from "./flow.js";
import { myBookingsStep } from "./my-bookings.js";
import { patientEditStep } from "./patient-edit.js";
import { router } from "./route.js";
import { saveOfferStep } from "./save-offer.js";
import { savedPatientsStep } from "./saved-patients.js";
import { startOverView } from "./start-over.js";
import { registerWatches } from "./watch-actions.js";

export function buildStage(): Scenes.Stage<BotContext> {
  const stage = new Scenes.Stage<BotContext>([
    ...STEPS.map((id) => FLOW[id].step.scene(id, router)),
    myBookingsStep,
    cancelBookingStep,
    startOverView,
    // saved patients and privacy, outside the route
    saveOfferStep,
    savedPatientsStep,
    patientEditStep,
    deleteDataStep,
  ]);
  registerFlowCommands(stage);
  registerWatches(stage);
  return stage;
}

// The conversation as one stage: each step a scene, in the order a patient meets them.
import { Scenes } from "telegraf";
import { registerGlobalCommands } from "../src/bot/commands.js";
import type { BotContext } from "../src/bot/context.js";
import { cancelBookingStep } from "./cancel-booking.js";
import { cityStep } from "./city.js";
import { confirmStep } from "./confirm.js";
import { dateStep } from "./date.js";
import { departmentStep } from "./department.js";
import { doctorStep } from "./doctor.js";
import { hospitalStep } from "./hospital.js";
import { myBookingsStep } from "./my-bookings.js";
import { patientStep } from "./patient.js";
import { slotStep } from "./slot.js";
import { registerWatches } from "./watch-actions.js";

export function buildStage(): Scenes.Stage<BotContext> {
  const stage = new Scenes.Stage<BotContext>([
    cityStep,
    hospitalStep,
    departmentStep,
    doctorStep,
    dateStep,
    slotStep,
    patientStep,
    confirmStep,
    myBookingsStep,
    cancelBookingStep,
  ]);
  registerGlobalCommands(stage);
  registerWatches(stage);
  return stage;
}

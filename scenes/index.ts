// The conversation as one stage: each step a scene, in the order a patient meets them.
import { Scenes } from "telegraf";
import { registerGlobalCommands } from "../src/bot/commands.js";
import type { BotContext } from "../src/bot/context.js";
import { cancelBookingStep } from "./cancel-booking.js";
import { cityStep } from "./city.js";
import { confirmStep } from "./confirm.js";
import { consentStep } from "./consent.js";
import { dateStep } from "./date.js";
import { deleteDataStep } from "./delete-data.js";
import { departmentStep } from "./department.js";
import { doctorStep } from "./doctor.js";
import { hospitalStep } from "./hospital.js";
import { myBookingsStep } from "./my-bookings.js";
import { patientStep } from "./patient.js";
import { patientEditStep } from "./patient-edit.js";
import { patientPickStep } from "./patient-pick.js";
import { saveOfferStep } from "./save-offer.js";
import { savedPatientsStep } from "./saved-patients.js";
import { slotStep } from "./slot.js";

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
    // saved patients and privacy (issue 13)
    consentStep,
    patientPickStep,
    saveOfferStep,
    savedPatientsStep,
    patientEditStep,
    deleteDataStep,
  ]);
  registerGlobalCommands(stage);
  return stage;
}

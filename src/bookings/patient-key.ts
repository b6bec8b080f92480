// Recognising "the same patient" across bookings without storing who they are: the certificate kind and
// number go through an HMAC keyed by the deployment's key prefix, so the stored value cannot be looked
// up in a table of ID numbers made for another deployment, and is never the number itself.
import { createHmac } from "node:crypto";
import type { Patient } from "../hospital/types.js";

export function patientKeyOf(prefix: string, patient: Pick<Patient, "certificate">): string {
  return createHmac("sha256", `hbot-patient:${prefix}`)
    .update(`${patient.certificate.kind}:${patient.certificate.number.toUpperCase()}`)
    .digest("base64url")
    .slice(0, 22);
}

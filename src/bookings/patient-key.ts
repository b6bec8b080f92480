// Recognising "the same patient" across bookings without storing who they are: the certificate kind and
// number go through an HMAC, so the stored value is never the number itself. The HMAC's key is a secret
// derived from PATIENT_DATA_KEY (patientKeySecret in src/patients/cipher.ts): an ID number has few enough
// possible values that a hash anyone can recompute (say, one keyed by the public key prefix) could be
// reversed by trying them all. Without a secret (the services' own tests) the prefix keys it.
import { createHmac } from "node:crypto";
import type { Patient } from "../hospital/types.js";

export function patientKeyOf(secret: string | Buffer, patient: Pick<Patient, "certificate">): string {
  return createHmac("sha256", typeof secret === "string" ? `hbot-patient:${secret}` : secret)
    .update(`${patient.certificate.kind}:${patient.certificate.number.toUpperCase()}`)
    .digest("base64url")
    .slice(0, 22);
}

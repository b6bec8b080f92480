// The texts and buttons of reminders and stop-clinic alerts, from the locale files. A booking made
// before the bot recorded the patient's language gets both languages rather than a guess. Buttons carry
// the global nonce: they belong to no live menu and must work whenever the patient taps them.
import type { InlineKeyboardButton } from "telegraf/types";
import type { BookingRecord } from "../bookings/record.js";
import type { Hospital } from "../hospital/types.js";
import { whenText } from "../i18n/format.js";
import { type Lang, type Locale, localeFor } from "../i18n/index.js";
import { type Action, decodeCallback, encodeCallback, GLOBAL_NONCE } from "../telegram/callback-data.js";

export interface OutgoingMessage {
  text: string;
  inline_keyboard: InlineKeyboardButton[][];
}

type HospitalDetails = Pick<Hospital, "address" | "telephone" | "busRoute"> | undefined;

function inLanguages(lang: Lang | undefined, text: (t: Locale) => string): string {
  return lang ? text(localeFor(lang)) : `${text(localeFor("zh"))}\n\n${text(localeFor("en"))}`;
}

function label(lang: Lang | undefined, pick: (t: Locale) => string): string {
  return lang ? pick(localeFor(lang)) : `${pick(localeFor("zh"))} / ${pick(localeFor("en"))}`;
}

/** A global button, or none when the booking's id cannot travel in callback data. */
function button(text: string, action: Action, arg: string): InlineKeyboardButton[] {
  const data = `${GLOBAL_NONCE}|${action}|${arg}`;
  return decodeCallback(data)
    ? [{ text, callback_data: encodeCallback({ nonce: GLOBAL_NONCE, action, arg }) }]
    : [];
}

export function reminderMessage(
  record: BookingRecord,
  hospital: HospitalDetails,
  lang: Lang | undefined,
  warning: boolean,
): OutgoingMessage {
  const text = inLanguages(lang, (t) =>
    t.aftercare.reminder({
      when: whenText(t, record.beginTime, record.endTime),
      hospital: record.hospital,
      department: record.department,
      doctor: record.doctor,
      orderId: record.orderId ?? record.id,
      takeNo: record.takeNo ?? "",
      address: hospital?.address || undefined,
      telephone: hospital?.telephone || undefined,
      busRoute: hospital?.busRoute || undefined,
      warning,
    }),
  );
  const row = [
    ...button(
      label(lang, (t) => t.aftercare.cancelButton),
      "cancel",
      record.id,
    ),
    ...button(
      label(lang, (t) => t.aftercare.calendarButton),
      "ics",
      record.id,
    ),
  ];
  return { text, inline_keyboard: row.length > 0 ? [row] : [] };
}

export function stopAlertMessage(
  record: BookingRecord,
  hospital: HospitalDetails,
  lang: Lang | undefined,
): OutgoingMessage {
  const text = inLanguages(lang, (t) =>
    t.aftercare.stopAlert({
      when: whenText(t, record.beginTime, record.endTime),
      hospital: record.hospital,
      department: record.department,
      doctor: record.doctor,
      telephone: hospital?.telephone || undefined,
    }),
  );
  const rows = [
    button(
      label(lang, (t) => t.aftercare.rebookButton),
      "rebook",
      record.id,
    ),
    button(
      label(lang, (t) => t.aftercare.watchButton),
      "watchdoc",
      record.id,
    ),
    button(
      label(lang, (t) => t.aftercare.otherDoctorsButton),
      "otherdoc",
      record.id,
    ),
  ].filter((r) => r.length > 0);
  return { text, inline_keyboard: rows };
}

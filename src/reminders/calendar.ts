// The .ics file of a booked visit, written by ical-generator (escaping, folding at 75 octets, CRLF are
// the library's). What it guarantees: one UID per order, so importing the file twice updates the entry
// instead of doubling it; start and end as China wall-clock times under TZID Asia/Shanghai with that
// zone's VTIMEZONE (RFC 5545 §3.2.19 wants one for every TZID used); DTSTAMP in UTC; the hospital as
// the location; order number and pickup code in the description; a display alarm two hours before.
import { TZDate } from "@date-fns/tz";
import ical, { ICalAlarmType, ICalCalendarMethod } from "ical-generator";
import type { BookingRecord } from "../bookings/record.js";
import type { Hospital } from "../hospital/types.js";
import type { Locale } from "../i18n/index.js";
import { CHINA_TZ, chinaWallClockToInstant } from "../time/china-time.js";
import { parseMapPoint } from "./map-point.js";

/** The alarm inside the calendar entry, whatever the bot's own reminder settings are. */
export const CALENDAR_ALARM_SECONDS = 2 * 3600;
const DEFAULT_LENGTH_MS = 30 * 60_000;

/**
 * China has kept UTC+8 without daylight saving since 1991, so its definition is one STANDARD block;
 * ical-generator asks for the zone's text through this generator and puts it before the events.
 */
function chinaVtimezone(tz: string): string | null {
  if (tz !== CHINA_TZ) return null;
  return [
    "BEGIN:VTIMEZONE",
    `TZID:${CHINA_TZ}`,
    "BEGIN:STANDARD",
    "DTSTART:19700101T000000",
    "TZOFFSETFROM:+0800",
    "TZOFFSETTO:+0800",
    "TZNAME:CST",
    "END:STANDARD",
    "END:VTIMEZONE",
  ].join("\r\n");
}

export function calendarUid(orderId: string): string {
  return `order-${orderId}@hospital-booking-bot`;
}

export function calendarFileName(orderId: string): string {
  return `visit-${orderId.replace(/[^\w-]/g, "_")}.ics`;
}

export interface VisitCalendarInput {
  record: BookingRecord;
  /** address, telephone and position, when the catalog still knows the hospital */
  hospital: Pick<Hospital, "address" | "telephone" | "mapPoint"> | undefined;
  t: Locale;
  now: Date;
}

export function visitCalendar({ record, hospital, t, now }: VisitCalendarInput): string {
  const orderId = record.orderId ?? record.id;
  const start = chinaWallClockToInstant(record.beginTime);
  const endParsed = chinaWallClockToInstant(record.endTime);
  const end =
    Number.isFinite(endParsed.getTime()) && endParsed.getTime() > start.getTime()
      ? endParsed
      : new Date(start.getTime() + DEFAULT_LENGTH_MS);
  const cal = ical({
    prodId: { company: "hospital-booking-bot", product: "visit", language: "ZH" },
    method: ICalCalendarMethod.PUBLISH,
    // name null: the zone is named on each time, so DTSTAMP stays in UTC as RFC 5545 requires
    timezone: { name: null, generator: chinaVtimezone },
  });
  const position = parseMapPoint(hospital?.mapPoint);
  const place = hospital?.address ? `${record.hospital}, ${hospital.address}` : record.hospital;
  cal.createEvent({
    id: calendarUid(orderId),
    stamp: now,
    start: new TZDate(start.getTime(), CHINA_TZ),
    end: new TZDate(end.getTime(), CHINA_TZ),
    timezone: CHINA_TZ,
    summary: t.aftercare.calendar.summary(record.hospital, record.department),
    location: position ? { title: place, geo: { lat: position.latitude, lon: position.longitude } } : place,
    description: t.aftercare.calendar.description({
      orderId,
      takeNo: record.takeNo ?? "",
      department: record.department,
      doctor: record.doctor,
      telephone: hospital?.telephone || undefined,
    }),
    alarms: [
      {
        type: ICalAlarmType.display,
        trigger: CALENDAR_ALARM_SECONDS,
        description: t.aftercare.calendar.alarm(record.hospital),
      },
    ],
  });
  // every content line ends with CRLF (§3.1), the last one too; the library leaves that one bare
  const text = cal.toString();
  return text.endsWith("\r\n") ? text : `${text}\r\n`;
}

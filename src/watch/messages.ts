// How a watch and an offer read to the patient, from the locale files: what is watched, which sessions,
// until when, and the offer with its three buttons. Names come from the catalog (cached lists), so
// building a message costs the hospital nothing.
import type { Catalog } from "../catalog/catalog.js";
import type { Period } from "../hospital/types.js";
import type { Locale } from "../i18n/index.js";
import { formatFee } from "../schedule/schedule-days.js";
import type { Button, View } from "../telegram/menu.js";
import { weekdayOf } from "../time/china-time.js";
import type { SessionState } from "./offer-queue.js";
import { PERIODS, type Watch, type WatchTarget } from "./watch.js";

export async function targetText(t: Locale, catalog: Catalog, target: WatchTarget): Promise<string> {
  const [hospital, department] = await Promise.all([
    catalog.hospital(target.unitId),
    catalog.department(target.unitId, target.depId),
  ]);
  const h = hospital?.name ?? "";
  const d = department?.name ?? "";
  if (target.kind === "department") return t.watch.departmentWhat(h, d);
  const doctor = await catalog.doctor(target.unitId, target.depId, target.doctorId);
  return t.watch.doctorWhat(doctor ? t.doctor.button(doctor.name, doctor.title) : "", h, d);
}

export function sessionsText(t: Locale, periods: readonly Period[]): string {
  if (PERIODS.every((p) => periods.includes(p))) return t.watch.sessions.any;
  return PERIODS.filter((p) => periods.includes(p))
    .map((p) => t.watch.sessions[p])
    .join(" / ");
}

export function dayText(t: Locale, date: string): string {
  return t.date.dayLabel(date.slice(5), weekdayOf(date));
}

/** The line that confirms a watch: what, which sessions, until when, how to stop. */
export async function watchSetText(t: Locale, catalog: Catalog, w: Watch): Promise<string> {
  return t.watch.set(await targetText(t, catalog, w.target), sessionsText(t, w.periods), dayText(t, w.to));
}

export async function offerView(
  t: Locale,
  catalog: Catalog,
  o: { offerId: string; watchId: string; session: SessionState; times: string[]; holdSeconds: number },
): Promise<View> {
  const s = o.session;
  const [hospital, department, doctor] = await Promise.all([
    catalog.hospital(s.unitId),
    catalog.department(s.unitId, s.depId),
    catalog.doctor(s.unitId, s.depId, s.doctorId),
  ]);
  const text = t.watch.offer({
    doctor: doctor ? t.doctor.button(doctor.name, doctor.title) : "",
    place: [hospital?.name, department?.name].filter(Boolean).join(" · "),
    day: dayText(t, s.date),
    session: t.period[s.period],
    times: o.times.slice(0, 3).join(", "),
    left: s.available,
    fee: formatFee(s.fee),
    holdMinutes: Math.max(1, Math.round(o.holdSeconds / 60)),
  });
  const rows: Button[][] = [
    [{ text: t.watch.bookNow, action: "wbook", arg: o.offerId, global: true }],
    [
      { text: t.watch.keepWatching, action: "wkeep", arg: o.offerId, global: true },
      { text: t.watch.stop, action: "wstop", arg: o.watchId, global: true },
    ],
  ];
  return { text, rows };
}

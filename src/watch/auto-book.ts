// A watch that books by itself: when the fair queue offers it a freed place (offers.ts enqueues this job
// instead of the Book now message), the place is booked at once for the saved patient the user chose,
// through the same OrderService as a Confirm tap. One order per watch: a SET NX claim on the watch comes
// first, a fresh attempt id is recorded on the watch, and the claim is given back only when the hospital
// said nothing was booked. A booking of that patient on that schedule whose outcome is unknown
// (`unresolved`), or this order's own unknown outcome, turns auto-booking off for the watch: the patient
// checks with the hospital, and later places come as ordinary offers.
import { randomBytes } from "node:crypto";
import type { Redis } from "ioredis";
import type { OrderService, OrderSummary } from "../bookings/place-order.js";
import { hospitalReason } from "../bot/hospital-text.js";
import type { Catalog } from "../catalog/catalog.js";
import { whenText } from "../i18n/format.js";
import { localeFor } from "../i18n/index.js";
import type { Jobs } from "../jobs/jobs.js";
import type { Logger } from "../observability/logger.js";
import { toPatient } from "../patient/questionnaire.js";
import { draftFromSaved, type SavedPatients } from "../patients/saved-patients.js";
import { chinaToday } from "../time/china-time.js";
import { autoBookClaimKey } from "./auto-book-claim.js";
import type { WatchEngine } from "./engine.js";
import { autoBookJob } from "./jobs.js";
import { dayText } from "./messages.js";
import type { Notify } from "./notify.js";
import type { WatchObserver } from "./observer.js";
import type { OfferRecord } from "./offers.js";
import type { Watch } from "./watch.js";
import type { WatchStore } from "./watch-store.js";

export type AutoBookResult =
  | "booked"
  | "gone"
  | "failed"
  | "unknown"
  | "unresolved"
  | "no_patient"
  | "claimed"
  | "skipped";

/** a claim outlives any watch (30 days at most): while it stands, the watch books nothing more */
const CLAIM_SECONDS = 31 * 86_400;

export function startAutoBooking(opts: {
  redis: Redis;
  prefix: string;
  jobs: Jobs;
  store: WatchStore;
  engine: Pick<WatchEngine, "offer" | "release">;
  catalog: Catalog;
  orders: OrderService;
  patients: SavedPatients;
  notify: Notify;
  now: () => Date;
  logger: Logger;
  observer?: Pick<WatchObserver, "onAutoBook">;
}): void {
  const { redis, prefix, store, engine, catalog, notify } = opts;
  const log = opts.logger.child({ component: "watch-autobook" });

  const passOn = (offer: OfferRecord, outcome: "passed" | "booked") =>
    engine.release(offer.tid, [{ watchId: offer.watchId, offerId: offer.offerId, outcome }]);

  /** auto-booking off for this watch (it goes on as an ordinary watch), the claim given back */
  async function stopAutoBooking(w: Watch): Promise<void> {
    await store.patch(w.userId, w.id, ({ autoBook: _off, ...rest }) => rest);
    await redis.del(autoBookClaimKey(prefix, w.userId, w.id));
  }

  /** how far one run got, so a failure knows whether an order may exist */
  interface Progress {
    watch?: Watch;
    offer?: OfferRecord;
    claimed?: boolean;
    posting?: string;
  }

  async function run(userId: number, offerId: string, at: Progress): Promise<AutoBookResult> {
    const offer = await engine.offer(userId, offerId);
    const watch = offer && (await store.get(userId, offer.watchId));
    if (!offer || !watch?.autoBook) return "skipped";
    at.watch = watch;
    at.offer = offer;
    const t = localeFor(watch.lang);
    const sessionText = `${dayText(t, offer.date)} ${t.period[offer.period]}`;
    const attemptId = randomBytes(9).toString("base64url");
    const claim = autoBookClaimKey(prefix, userId, watch.id);
    if ((await redis.set(claim, attemptId, "EX", CLAIM_SECONDS, "NX")) !== "OK") {
      // this watch's one order is being placed (or was): the place goes to the next in line
      await passOn(offer, "passed");
      return "claimed";
    }
    at.claimed = true;
    const giveBack = () => redis.del(claim);
    const auto = watch.autoBook;
    await store.patch(userId, watch.id, (w) => ({ ...w, autoBook: { ...auto, attemptId } }));

    const saved = await opts.patients.get(userId, auto.patientId);
    const today = chinaToday(opts.now());
    const draft = saved && draftFromSaved(saved.answers, offer.unitId);
    // no card number saved for this hospital counts as "none yet", as the questionnaire allows
    const patient = draft && toPatient({ ...draft, clinicNo: draft.clinicNo ?? null }, today);
    if (!patient) {
      await stopAutoBooking(watch);
      await passOn(offer, "passed");
      await notify(watch.chatId, t.watch.auto.patientGone);
      return "no_patient";
    }

    let slots: Awaited<ReturnType<Catalog["slots"]>>;
    try {
      slots = await catalog.slots(offer.unitId, offer.scheduleId);
    } catch {
      await giveBack();
      await passOn(offer, "passed");
      await notify(watch.chatId, t.watch.auto.failed(sessionText, t.errors.hospitalUnavailable));
      return "failed";
    }
    const slot = slots.find((s) => s.available > 0);
    if (!slot) {
      await giveBack();
      await passOn(offer, "passed");
      await notify(watch.chatId, t.watch.auto.gone(sessionText));
      return "gone";
    }
    const [hospital, department, doctor] = await Promise.all([
      catalog.hospital(offer.unitId),
      catalog.department(offer.unitId, offer.depId),
      catalog.doctor(offer.unitId, offer.depId, offer.doctorId),
    ]);
    const summary: OrderSummary = {
      hospital: hospital?.name ?? "",
      department: department?.name ?? "",
      doctor: doctor ? t.doctor.button(doctor.name, doctor.title) : "",
      beginTime: slot.beginTime,
      endTime: slot.endTime,
      fee: slot.fee,
      scheduleId: slot.scheduleId,
    };
    const when = whenText(t, slot.beginTime, slot.endTime);
    const request = {
      unitId: offer.unitId,
      depId: offer.depId,
      doctorId: offer.doctorId,
      resourceId: slot.resourceId,
      patient,
    };
    at.posting = when;
    const outcome = await opts.orders.placeOrderOnce(userId, attemptId, request, summary);
    switch (outcome.kind) {
      case "placed": {
        await store.remove(userId, watch.id);
        await passOn(offer, "booked");
        await catalog.invalidateSchedules(offer.unitId, offer.depId, offer.doctorId).catch(() => undefined);
        await opts.patients
          .touch(userId, auto.patientId, offer.unitId, patient.clinicNo)
          .catch(() => undefined);
        const placed = t.confirm.placed({
          orderId: outcome.record.orderId ?? "",
          takeNo: outcome.record.takeNo ?? "",
          when,
          hospital: summary.hospital,
        });
        await notify(watch.chatId, t.watch.auto.booked(placed));
        log.info({ watch: watch.id, attemptId }, "watch booked by itself");
        return "booked";
      }
      case "unknown":
      case "unresolved":
        await stopAutoBooking(watch);
        await passOn(offer, "passed");
        await notify(
          watch.chatId,
          outcome.kind === "unknown" ? t.watch.auto.unknown(when) : t.watch.auto.unresolved(when),
        );
        log.warn({ watch: watch.id, attemptId, outcome: outcome.kind }, "auto-booking stopped for the watch");
        return outcome.kind;
      case "slot_taken":
        await giveBack();
        await passOn(offer, "passed");
        await notify(watch.chatId, t.watch.auto.gone(sessionText));
        return "gone";
      case "refused":
      case "unavailable": {
        await giveBack();
        await passOn(offer, "passed");
        const reason =
          outcome.kind === "refused"
            ? hospitalReason(t, outcome.code, outcome.message)
            : t.errors.hospitalUnavailable;
        await notify(watch.chatId, t.watch.auto.failed(when, reason));
        return "failed";
      }
      case "already":
        // a fresh attempt id is never already claimed; if it were, that order is the watch's one
        return "claimed";
    }
  }

  opts.jobs.handle(autoBookJob, async ({ userId, offerId }) => {
    const at: Progress = {};
    try {
      const result = await run(userId, offerId, at);
      log.debug({ watch: at.watch?.id, offerId, result }, "auto-booking acted on an offer");
      opts.observer?.onAutoBook?.(result);
    } catch (e) {
      log.error({ err: e instanceof Error ? e.message : String(e) }, "auto-booking failed");
      const { watch, offer } = at;
      if (!watch || !offer || !at.claimed) return;
      // before the order went out nothing can exist: the claim is given back, the place passes on; after,
      // an order may exist, so the watch books nothing more by itself and the patient checks
      await (async () => {
        if (at.posting === undefined) {
          await redis.del(autoBookClaimKey(prefix, userId, watch.id));
        } else {
          await stopAutoBooking(watch);
          await notify(watch.chatId, localeFor(watch.lang).watch.auto.unknown(at.posting));
        }
        await passOn(offer, "passed");
      })().catch(() => undefined);
      opts.observer?.onAutoBook?.(at.posting === undefined ? "failed" : "unknown");
    }
  });
}

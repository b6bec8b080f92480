// Sending one reminder: only for a booking that still stands and a visit still ahead, once (the "sent"
// mark is claimed first and given back if Telegram fails, so the job's retry can send it), followed by the
// hospital's position when its mapPoint reads as one.
import { chinaWallClockToInstant } from "../time/china-time.js";
import type { ReminderJob } from "./jobs.js";
import { parseMapPoint } from "./map-point.js";
import { reminderMessage } from "./messages.js";
import { CANCEL_WARNING_MIN_LEAD_MS } from "./plan.js";
import { type AftercareRuntime, isLive } from "./runtime.js";

export function reminderHandler(rt: AftercareRuntime) {
  return async (d: ReminderJob): Promise<void> => {
    const record = await rt.records.get(d.userId, d.bookingId);
    if (!isLive(record)) return;
    const visit = chinaWallClockToInstant(record.beginTime);
    const at = rt.now();
    if (visit <= at) return;
    const mark = `sent:${record.id}:${d.offsetMinutes}`;
    if (!(await rt.store.claimMark(d.userId, mark))) return;
    const entry = await rt.store.get(d.userId, record.id);
    const hospital = await rt.hospitalOf(record.unitId);
    const warning = visit.getTime() - at.getTime() >= CANCEL_WARNING_MIN_LEAD_MS;
    const message = reminderMessage(record, hospital, entry?.lang, warning);
    const position = parseMapPoint(hospital?.mapPoint);
    try {
      const outcome = await rt.notifier.send(d.userId, async (telegram) => {
        await telegram.sendMessage(d.userId, message.text, {
          reply_markup: { inline_keyboard: message.inline_keyboard },
        });
        if (!position) return;
        // the way there is a courtesy: the reminder itself has gone, so a failure here is not retried
        await telegram.sendLocation(d.userId, position.latitude, position.longitude).catch((err: unknown) => {
          rt.logger.warn({ err, chat: d.userId }, "hospital location not sent");
        });
      });
      rt.onEvent({ kind: "reminder", outcome });
    } catch (e) {
      await rt.store.releaseMark(d.userId, mark);
      throw e;
    }
  };
}

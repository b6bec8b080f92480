// /privacy: what the bot keeps about this user right now, family by family (src/privacy/user-data.ts),
// in the patient's language, with how long each is kept. A plain message, not a menu: it changes nothing.
import type { BotContext } from "../src/bot/context.js";
import type { FamilyInventory } from "../src/privacy/user-data.js";
import { chinaToday } from "../src/time/china-time.js";

function line(ctx: BotContext, f: FamilyInventory): string {
  const t = ctx.t.privacy;
  const { retention, consent } = ctx.deps;
  switch (f.name) {
    case "session":
      return t.session(f.count, Math.round(retention.sessionTtlSeconds / 3600));
    case "saved-patients":
      return t.savedPatients(f.count, retention.savedPatientIdleDays);
    case "bookings":
      return t.bookings(f.count, retention.bookingDaysAfterVisit);
    case "watches":
      return t.watches(f.count);
    case "reminders":
      return t.reminders(f.count);
    case "consent":
      return t.consent(f.since ? chinaToday(f.since) : undefined, consent.version);
    case "flood":
      return t.flood(f.count);
    case "blocked":
      // the "blocked the bot" mark is cleared by this very message: there is never one to show
      return "";
    default:
      return f.count > 0 ? t.other(f.name, f.count) : "";
  }
}

export async function showPrivacy(ctx: BotContext): Promise<void> {
  const userId = ctx.from?.id;
  if (userId === undefined) return;
  const families = await ctx.deps.userData.inventory(userId);
  const lines = families.map((f) => line(ctx, f)).filter((l) => l !== "");
  await ctx.reply([ctx.t.privacy.title, "", ...lines, "", ctx.t.privacy.footer].join("\n"));
}

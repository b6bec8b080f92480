// China time for the simulated hospital. Kept apart from the bot's own time helpers on purpose: the
// sandbox is the client's test oracle, and sharing code with the client would let one bug hide another.
import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";

export const CHINA_TZ = "Asia/Shanghai";

/** The China calendar day of an instant, `yyyy-MM-dd`. */
export function chinaDate(now: Date): string {
  return format(new TZDate(now.getTime(), CHINA_TZ), "yyyy-MM-dd");
}

/** Minutes since China midnight. */
export function chinaMinuteOfDay(now: Date): number {
  const t = new TZDate(now.getTime(), CHINA_TZ);
  return t.getHours() * 60 + t.getMinutes();
}

/** Calendar arithmetic on a `yyyy-MM-dd` day; done in UTC so no zone or DST can shift it. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split("-").map(Number);
  const t = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1) + days * 86_400_000);
  return t.toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday */
export function weekday(date: string): number {
  const [y, m, d] = date.split("-").map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1)).getUTCDay();
}

/** True for a real calendar day written exactly `yyyy-MM-dd` (so 2023/04/24 and 2023-02-30 fail). */
export function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

const instants = new Map<string, number>();

/**
 * The instant of a China wall-clock `yyyy-MM-dd HH:mm:ss`, in ms since the epoch. Remembered: every
 * schedule list asks it of every slot, and a zone lookup costs more than the rest of the answer.
 */
export function chinaInstant(wall: string): number {
  const known = instants.get(wall);
  if (known !== undefined) return known;
  if (instants.size >= 100_000) instants.clear();
  const instant = instantOf(wall);
  instants.set(wall, instant);
  return instant;
}

function instantOf(wall: string): number {
  const [date = "", time = ""] = wall.split(" ");
  const [y, mo, d] = date.split("-").map(Number);
  const [hh, mm, ss] = time.split(":").map(Number);
  return new TZDate(y ?? 1970, (mo ?? 1) - 1, d ?? 1, hh ?? 0, mm ?? 0, ss ?? 0, CHINA_TZ).getTime();
}

export function hhmm(minuteOfDay: number): string {
  const h = Math.floor(minuteOfDay / 60);
  const m = minuteOfDay % 60;
  return `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`;
}

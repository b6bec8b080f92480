// One simulated patient: the whole funnel from /book to a placed order, tapping buttons by what they
// carry (the hospital's id, the date, the session) as a person taps what they read, paging when the one
// they want is not on the page shown. A patient who loses the race for a slot takes the next free one,
// as the bot invites them to (a random one of them: people spread out); one who finds the session full
// gives up.
import { zh } from "../src/i18n/zh.js";
import type { BotTurn, EmulatedUser } from "../src/telegram-emulator/types.js";
import type { PatientPlan } from "./plan.js";

export type PatientOutcome =
  | { kind: "booked"; orderId: string; takeNo: string; tries: number }
  /** a contender who found no place left */
  | { kind: "turned_away"; tries: number }
  /** a rehearsal: everything up to the summary, then Cancel */
  | { kind: "rehearsed" }
  | { kind: "failed"; step: string; detail: string };

export interface PatientResult {
  plan: PatientPlan;
  outcome: PatientOutcome;
  /** how long each of the patient's updates took from sending to the bot having handled it */
  turnMs: number[];
  totalMs: number;
}

interface Button {
  text: string;
  action: string;
  arg: string;
  data: string;
}

const PLACED = /订单号[:：]\s*(\S+)\n取号密码[:：]\s*(\S+)/;
const MAX_PAGES = 6;
/** a contender keeps trying the next free slot at most this often */
const MAX_TRIES = 8;

class StepFailed extends Error {}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Between half and one and a half times the mean, the same for the same patient and step in every run. */
function thinkTime(patient: number, pause: number, meanMs: number): number {
  const x = Math.sin(patient * 12.9898 + pause * 78.233) * 43758.5453;
  return meanMs * (0.5 + (x - Math.floor(x)));
}

export interface DriveOptions {
  thinkMs: number;
  /** this patient's first tap comes this long after the start */
  arriveAfterMs: number;
  /** stop at the summary and cancel: the bot's code gets warm, the hospital keeps its places */
  rehearsal?: boolean;
  /** resolves once the bot has finished this update: a turn may end earlier, when the poller moves on */
  handled(updateId: number): Promise<void>;
}

/** What the bot said while handling one of the patient's updates. */
interface Said {
  texts: string[];
}

export async function drivePatient(
  user: EmulatedUser,
  plan: PatientPlan,
  opts: DriveOptions,
): Promise<PatientResult> {
  const turnMs: number[] = [];
  const started = performance.now();
  let step = "start";
  let pauses = 0;

  const timed = async (turn: () => Promise<BotTurn>): Promise<Said> => {
    if (turnMs.length === 0) {
      if (opts.arriveAfterMs > 0) await sleep(opts.arriveAfterMs);
    } else if (opts.thinkMs > 0) await sleep(thinkTime(plan.index, pauses++, opts.thinkMs));
    const texts: string[] = [];
    const stop = user.watch((e) => {
      if (e.kind === "sent" || e.kind === "edited") texts.push(e.message.text);
    });
    const t0 = performance.now();
    try {
      await opts.handled((await turn()).updateId);
    } finally {
      stop();
    }
    turnMs.push(performance.now() - t0);
    return { texts };
  };
  const menu = (): { messageId: number | undefined; buttons: Button[] } => {
    const m = user.lastMessage();
    const markup = m?.replyMarkup;
    const rows = markup && "inline_keyboard" in markup ? markup.inline_keyboard : [];
    const buttons = rows.flat().flatMap((b): Button[] => {
      if (!("callback_data" in b)) return [];
      const [, action = "", arg = ""] = b.callback_data.split("|");
      return [{ text: b.text, action, arg, data: b.callback_data }];
    });
    return { messageId: m?.messageId, buttons };
  };
  const press = (b: Button, messageId: number | undefined) => timed(() => user.pressData(b.data, messageId));
  const say = (text: string) => timed(() => user.say(text));

  /** Taps the list item `wanted` picks, paging forward until it shows. */
  const pick = async (name: string, wanted: (b: Button) => boolean): Promise<Said> => {
    step = name;
    const seen = new Set(["0"]);
    for (let page = 0; page < MAX_PAGES; page++) {
      const { messageId, buttons } = menu();
      const hit = buttons.find((b) => b.action === "pick" && wanted(b));
      if (hit) return press(hit, messageId);
      const next = buttons.find((b) => b.action === "page" && !seen.has(b.arg));
      if (!next) break;
      seen.add(next.arg);
      await press(next, messageId);
    }
    throw new StepFailed(
      `no button for ${name} under: ${user.lastMessage()?.text.slice(0, 80) ?? "(nothing)"}`,
    );
  };
  const tap = (name: string, action: string) => {
    step = name;
    const { messageId, buttons } = menu();
    const b = buttons.find((x) => x.action === action);
    if (!b) throw new StepFailed(`no "${action}" button for ${name}`);
    return press(b, messageId);
  };
  const result = (outcome: PatientOutcome): PatientResult => ({
    plan,
    outcome,
    turnMs,
    totalMs: performance.now() - started,
  });

  try {
    step = "/book";
    await say("/book");
    await pick("city", (b) => b.text.startsWith(plan.cityName));
    await pick("hospital", (b) => b.arg === plan.unitId);
    await pick("department", (b) => b.arg === plan.depId);
    await pick("doctor", (b) => b.arg === plan.doctorId);
    await pick("day", (b) => b.arg === plan.date);
    if (plan.contested && !menu().buttons.some((b) => b.action === "pick" && b.arg === plan.scheduleId)) {
      return result({ kind: "turned_away", tries: 0 });
    }
    await pick("session", (b) => b.arg === plan.scheduleId);
    const id = plan.identity;
    for (let tries = 1; tries <= MAX_TRIES; tries++) {
      step = "slot";
      const { messageId, buttons } = menu();
      // the crowd goes for the first slot; who loses spreads over what is left, as people do
      const free = buttons.filter((b) => b.action === "pick");
      const slot = free[tries === 1 ? 0 : (plan.index * 7 + tries) % Math.max(1, free.length)];
      if (!slot) {
        if (plan.contested) return result({ kind: "turned_away", tries: tries - 1 });
        throw new StepFailed(`no free slot: ${user.lastMessage()?.text.slice(0, 80) ?? ""}`);
      }
      await press(slot, messageId);
      if (tries === 1) {
        // a first booking shows the privacy notice before the first personal question
        if (menu().buttons.some((b) => b.action === "agree")) await tap("consent", "agree");
        step = "patient";
        await say(id.name);
        await pick("certificate kind", (b) => b.arg === "id_card");
        step = "patient";
        await say(id.idNumber);
        await say(id.mobile);
        await tap("clinic number", "none");
        step = "patient";
        await say(id.address);
      }
      if (opts.rehearsal) {
        await tap("cancel", "quit");
        return result({ kind: "rehearsed" });
      }
      const { texts } = await tap("confirm", "ok");
      const placed = texts.map((t) => PLACED.exec(t)).find((m) => m?.[1] && m[2]);
      if (placed?.[1] && placed[2]) {
        return result({ kind: "booked", orderId: placed[1], takeNo: placed[2], tries });
      }
      if (!texts.includes(zh.confirm.slotTaken)) {
        throw new StepFailed(`unexpected answer to confirm: ${texts.join(" / ").slice(0, 120)}`);
      }
    }
    return result({ kind: "failed", step: "confirm", detail: `still no slot after ${MAX_TRIES} tries` });
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return result({ kind: "failed", step, detail });
  }
}

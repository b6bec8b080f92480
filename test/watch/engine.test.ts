// The watch engine's promises, on the sandbox hospital and Redis with a clock the test moves: a freed
// place reaches the first watcher in line, passes to the next when the hold ends, reaches nobody twice,
// and costs the hospital one poll per interval however many watchers and processes there are.
import { afterEach, describe, expect, it } from "vitest";
import { en } from "../../src/i18n/en.js";
import { zh } from "../../src/i18n/zh.js";
import { pollJob } from "../../src/watch/engine.js";
import { doctorTarget, SETTINGS, startWatchWorld, type WatchWorld } from "./support.js";

const OFFER_TITLE_ZH = zh.watch.offer({ doctor: "", place: "", day: "", session: "", times: "", left: 0, fee: "", holdMinutes: 0 }).split("\n")[0] ?? "";
const OFFER_TITLE_EN = en.watch.offer({ doctor: "", place: "", day: "", session: "", times: "", left: 0, fee: "", holdMinutes: 0 }).split("\n")[0] ?? "";
const INTERVAL_MS = SETTINGS.intervalSeconds * 1000;
const HOLD_MS = SETTINGS.holdSeconds * 1000;
/** past the longest jittered interval */
const ONE_INTERVAL = INTERVAL_MS * 1.25;

let world: WatchWorld | undefined;
afterEach(async () => {
  await world?.stop();
  world = undefined;
});

function offersTo(w: WatchWorld, chatId: number) {
  return w.sent.filter((m) => m.chatId === chatId && (m.text.startsWith(OFFER_TITLE_ZH) || m.text.startsWith(OFFER_TITLE_EN)));
}

describe("watching a full doctor", () => {
  it("tells the watcher when a place frees, with the session, fee and the three buttons", async () => {
    world = await startWatchWorld();
    const a = await world.addProcess();
    const { doctor, schedule } = world.fullDoctor();
    const made = await a.watches.create({ userId: 11, chatId: 11, lang: "zh", target: doctorTarget(doctor), days: "window", sessions: "any" });
    expect(made.kind).toBe("created");
    await world.settle();
    expect(world.sent).toEqual([]);
    expect(world.sandbox.freePlace(schedule.scheduleId)).toBeDefined();
    world.clock.advance(ONE_INTERVAL);
    await world.settle();
    const offers = offersTo(world, 11);
    expect(offers).toHaveLength(1);
    const text = offers[0]?.text ?? "";
    expect(text).toContain(doctor.name);
    expect(text).toContain(zh.period[schedule.period]);
    expect(text).toContain(`¥${schedule.level.fee}`);
    expect(offers[0]?.rows.flat().map((b) => b.text)).toEqual([zh.watch.bookNow, zh.watch.keepWatching, zh.watch.stop]);
  });
});

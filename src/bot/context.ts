// What every handler sees: Telegraf's context plus the session, the scene controls, the patient's
// locale, the parsed button (if any) and the dependencies built by the composition root.
import type { Context, Scenes } from "telegraf";
import type { Lang, Locale } from "../i18n/index.js";
import type { CallbackData } from "../telegram/callback-data.js";
import type { BotDeps } from "./deps.js";
import type { BotSession } from "./session.js";

export interface BotContext extends Context {
  session: BotSession;
  scene: Scenes.SceneContextScene<BotContext, Scenes.SceneSessionData>;
  deps: BotDeps;
  lang: Lang;
  t: Locale;
  /** the pressed button, parsed and checked against the current menu; undefined for other updates */
  button?: CallbackData;
  /** when this process took the update in (deps.now), before it waited for its chat */
  receivedAt?: number;
}

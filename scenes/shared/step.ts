// One conversation step as a Telegraf scene: it draws itself on entry and reacts to the patient's
// button, text, shared contact or anything else. Buttons reach a step already parsed and checked against
// the current menu (see src/bot/middleware/buttons.ts).
//
// A step's own state (page, filter, what it drew) is typed by a zod schema and parsed from the stored
// session like any other input: a state from an older version of the bot that no longer fits resets
// that step with a polite line instead of being misread. A booking step never names another step: it
// says "done" (with the draft fields it chose), "back", "revisit" or "quit", and the flow table
// (scenes/flow.ts) decides where that leads.
import { Scenes } from "telegraf";
import type { z } from "zod";
import type { BotContext } from "../../src/bot/context.js";
import type { BookingDraft } from "../../src/bot/session.js";
import type { CallbackData } from "../../src/telegram/callback-data.js";
import type { View } from "../../src/telegram/menu.js";
import { closeReplyKeyboard } from "../../src/telegram/reply-keyboard.js";

/** The draft fields a step may set when it is done; the flow table says which ones each step owns. */
export type DraftChoice = Partial<Omit<BookingDraft, "patient">>;

/** How a step was reached, so it can open where the patient expects (Back reopens the chosen day). */
export type Arrival = "forward" | "back" | "revisit" | "direct" | "resume";

/** What a booking step can ask of the flow. */
export interface Route {
  /** whether the flow table gives this step a Back */
  readonly hasBack: boolean;
  done(values?: DraftChoice): Promise<void>;
  back(): Promise<void>;
  /** one of the flow table's named detours for this step (the confirm step's "change the time") */
  revisit(reason: string): Promise<void>;
  /** the patient cancelled: the flow ends */
  quit(): Promise<void>;
  /** the flow ends with this message (an order placed) */
  end(view: View): Promise<void>;
}

/** The flow as a step's scene sees it; scenes/route.ts implements it on the flow table. */
export interface Router {
  hasBack(from: string): boolean;
  done(ctx: BotContext, from: string, values?: DraftChoice): Promise<void>;
  back(ctx: BotContext, from: string): Promise<void>;
  revisit(ctx: BotContext, from: string, reason: string): Promise<void>;
  quit(ctx: BotContext): Promise<void>;
  end(ctx: BotContext, view: View): Promise<void>;
}

export interface Handlers<S, H> {
  render(ctx: BotContext, h: H): Promise<void>;
  onButton?(ctx: BotContext, button: CallbackData, h: H): Promise<void>;
  /** typed text; steps without it answer that a tap is expected */
  onText?(ctx: BotContext, text: string, h: H): Promise<void>;
  onContact?(ctx: BotContext, phone: string, ownContact: boolean, h: H): Promise<void>;
  /** a sticker, photo, voice… where the step expects a tap or text */
  onOther?(ctx: BotContext, h: H): Promise<void>;
  /** the step handles Retry itself; otherwise Retry (after a hospital failure) draws the step again */
  ownRetry?: boolean;
  /** the state to open with, from how the step was reached (default: empty) */
  arrive?(ctx: BotContext, how: Arrival): NoInfer<S>;
}

/** A booking step's handlers get its typed state and its route. */
export interface StepScope<S> extends Route {
  readonly state: S;
}

export interface StepSpec<S extends object> extends Handlers<S, StepScope<S>> {
  state: z.ZodType<S>;
}

/** A step of the booking route, made into a scene by the flow table (which gives it its name and route). */
export interface FlowStep {
  scene(id: string, router: Router): Scenes.BaseScene<BotContext>;
  /** the state to enter with, for this arrival */
  arrival(ctx: BotContext, how: Arrival): object;
}

export function defineStep<S extends object>(spec: StepSpec<S>): FlowStep {
  checkEmptyFits(spec.state);
  return {
    arrival: (ctx, how) => spec.arrive?.(ctx, how) ?? {},
    scene(id, router) {
      const scope = (ctx: BotContext, state: S): StepScope<S> => ({
        state,
        hasBack: router.hasBack(id),
        done: (values) => router.done(ctx, id, values),
        back: () => router.back(ctx, id),
        revisit: (reason) => router.revisit(ctx, id, reason),
        quit: () => router.quit(ctx),
        end: (view) => router.end(ctx, view),
      });
      return buildScene(id, spec, spec.state, scope);
    },
  };
}

export interface ViewSpec<S extends object> extends Handlers<S, S> {
  state: z.ZodType<S>;
}

/** A view outside the booking route (/mybookings, /cancel, a question before starting over). */
export function defineView<S extends object>(id: string, spec: ViewSpec<S>): Scenes.BaseScene<BotContext> {
  checkEmptyFits(spec.state);
  return buildScene(id, spec, spec.state, (_ctx, state) => state);
}

function buildScene<S extends object, H>(
  id: string,
  handlers: Handlers<S, H>,
  schema: z.ZodType<S>,
  scope: (ctx: BotContext, state: S) => H,
): Scenes.BaseScene<BotContext> {
  const scene = new Scenes.BaseScene<BotContext>(id);
  /** The stored state, parsed; undefined (after a polite line) when it no longer fits this step. */
  async function live(ctx: BotContext): Promise<S | undefined> {
    const parsed = schema.safeParse(ctx.scene.state);
    if (parsed.success) {
      storeState(ctx, parsed.data);
      return parsed.data;
    }
    ctx.deps.logger.info({ step: id }, "step state from another version reset");
    const fresh = schema.parse({});
    storeState(ctx, fresh);
    await ctx.reply(ctx.t.flow.stepReset);
    await handlers.render(ctx, scope(ctx, fresh));
    return undefined;
  }
  scene.enter(async (ctx) => {
    const state = await live(ctx);
    if (state) await handlers.render(ctx, scope(ctx, state));
  });
  // whoever leaves a question that showed a reply keyboard removes it
  scene.leave((ctx) => closeReplyKeyboard(ctx));
  scene.use(async (ctx, next) => {
    if (ctx.button?.action === "page") {
      // every paged step keeps its page in its own state and draws it again
      storeState(ctx, { ...ctx.scene.state, page: Math.max(0, Number(ctx.button.arg) || 0) });
    }
    const state = await live(ctx);
    if (!state) return;
    const h = scope(ctx, state);
    if (ctx.button) {
      if (ctx.button.action === "page") return handlers.render(ctx, h);
      if (ctx.button.action === "retry" && !handlers.ownRetry) return handlers.render(ctx, h);
      if (handlers.onButton) return handlers.onButton(ctx, ctx.button, h);
      return next();
    }
    const message = ctx.message;
    if (!message) return next();
    if ("text" in message && handlers.onText) return handlers.onText(ctx, message.text, h);
    if ("contact" in message && handlers.onContact) {
      return handlers.onContact(
        ctx,
        message.contact.phone_number,
        message.contact.user_id === ctx.from?.id,
        h,
      );
    }
    if (!("text" in message) && handlers.onOther) return handlers.onOther(ctx, h);
    // a step that asks for taps: typing (or sending a sticker) gets a pointer to the buttons, and no
    // promise of a filter that only list steps have
    await ctx.reply(ctx.t.flow.tapExpected);
  });
  return scene;
}

function storeState(ctx: BotContext, state: object): void {
  // the object handed to the handlers is the stored one (the setter of ctx.scene.state copies): what
  // they change is saved with the session
  ctx.scene.session.state = state;
}

/** Every step opens with an empty state: a schema that cannot read `{}` is a programming error. */
function checkEmptyFits(schema: z.ZodType): void {
  if (!schema.safeParse({}).success) throw new Error("a step's state schema must accept an empty state");
}

// The one place that turns a failure of the hospital API during a step into words for the patient, with
// a Retry button that draws the step again. It sits inside the session, so the conversation is kept.
import type { MiddlewareFn } from "telegraf";
import { HospitalApiError, HospitalUnavailableError } from "../../hospital/errors.js";
import { navRow } from "../../telegram/keyboards.js";
import { showMenu } from "../../telegram/menu.js";
import { answerButton } from "../answer.js";
import type { BotContext } from "../context.js";
import { hospitalReason } from "../hospital-text.js";

export const hospitalErrors: MiddlewareFn<BotContext> = async (ctx, next) => {
  try {
    await next();
  } catch (e) {
    if (!(e instanceof HospitalUnavailableError || e instanceof HospitalApiError)) throw e;
    ctx.deps.logger.warn(
      { err: e, step: ctx.session?.__scenes?.current },
      "hospital API failed during a step",
    );
    const text =
      e instanceof HospitalApiError
        ? ctx.t.errors.hospitalRefused(hospitalReason(ctx.t, e.code, e.apiMessage))
        : ctx.t.errors.hospitalUnavailable;
    await answerButton(ctx);
    const inFlow = ctx.session?.__scenes?.current !== undefined;
    await showMenu(ctx, {
      text,
      rows: [[{ text: ctx.t.confirm.retry, action: "retry" }], inFlow ? navRow(ctx.t) : []],
    });
  }
};

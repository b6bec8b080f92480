// /deletedata: after one confirmation, every family of keys kept about the user is erased
// (src/privacy/user-data.ts), this very session included: nothing of the conversation is written back
// once the update ends. What cannot be erased here (orders at the hospital) is said before and after.
import { z } from "zod";
import { answerButton } from "../src/bot/answer.js";
import type { BotContext } from "../src/bot/context.js";
import { showMenu } from "../src/telegram/menu.js";
import { resumableStep, resumeField, resumeRow } from "./shared/resume.js";
import { defineView } from "./shared/step.js";

export const deleteDataStep = defineView("delete-data", {
  state: z.object({ resume: resumeField }),
  async render(ctx) {
    const t = ctx.t.deleteData;
    await showMenu(ctx, {
      text: t.ask,
      rows: [[{ text: t.yes, action: "delete" }], [{ text: t.no, action: "quit" }]],
    });
  },
  async onButton(ctx, button, state) {
    switch (button.action) {
      case "delete":
        return erase(ctx);
      case "quit": {
        await ctx.scene.leave();
        return showMenu(ctx, { text: ctx.t.deleteData.kept, rows: [resumeRow(ctx, state.resume)] });
      }
      default:
        await answerButton(ctx, ctx.t.flow.expired);
    }
  },
});

async function erase(ctx: BotContext): Promise<void> {
  const userId = ctx.from?.id;
  if (userId === undefined) return;
  await answerButton(ctx);
  const report = await ctx.deps.userData.erase(userId);
  const t = ctx.t.deleteData;
  if (report.kind === "partial") {
    await showMenu(ctx, { text: t.partial, rows: [] });
    return;
  }
  await retireMessage(ctx, t.done);
  // the session middleware stores an empty session as no session at all: nothing comes back (a group's
  // conversation is the group's, not this user's, and stays)
  if (ctx.chat?.id === userId) ctx.session = {};
}

/** The confirmation turns into the result, without buttons and without remembering a menu. */
async function retireMessage(ctx: BotContext, text: string): Promise<void> {
  const messageId = ctx.callbackQuery?.message?.message_id;
  if (ctx.chat && messageId !== undefined) {
    await ctx.telegram.editMessageText(ctx.chat.id, messageId, undefined, text).catch(() => ctx.reply(text));
    return;
  }
  await ctx.reply(text);
}

/** /deletedata from anywhere, remembering the booking step the patient was in, for "Keep my data". */
export async function openDeleteData(ctx: BotContext): Promise<void> {
  await ctx.scene.enter("delete-data", { resume: resumableStep(ctx) });
}

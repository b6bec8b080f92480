import type { Params } from "../params.js";
import type { EmulatorState } from "../state.js";

export interface CallContext {
  /** aborted when the bot drops the request or the emulator closes */
  signal: AbortSignal;
}

export type MethodHandler = (params: Params, state: EmulatorState, call: CallContext) => unknown;

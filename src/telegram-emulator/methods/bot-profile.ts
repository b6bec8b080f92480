import type { MethodHandler } from "./method.js";

export const getMe: MethodHandler = (_params, state) => state.config.bot;

export const setMyCommands: MethodHandler = (params, state) => {
  state.commands.set(
    params.optionalJson("commands"),
    params.optionalJson("scope"),
    params.optionalString("language_code") ?? "",
  );
  return true;
};

export const getMyCommands: MethodHandler = (params, state) =>
  state.commands.get(params.optionalJson("scope"), params.optionalString("language_code") ?? "");

export const deleteMyCommands: MethodHandler = (params, state) => {
  state.commands.delete(params.optionalJson("scope"), params.optionalString("language_code") ?? "");
  return true;
};

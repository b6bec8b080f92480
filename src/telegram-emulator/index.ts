export { DEFAULT_TOKEN, startTelegramEmulator } from "./server.js";
export type {
  ApiCall,
  BotTurn,
  CallbackAnswer,
  ChatEvent,
  ChatMessage,
  EmulatedUser,
  EmulatorOptions,
  InjectedFailure,
  TelegramEmulator,
  UserOptions,
} from "./types.js";

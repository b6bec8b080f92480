// The key families this bot keeps under a user's id, each with what /privacy counts and what /deletedata
// erases. A feature that stores something per user adds its family to this list (the /deletedata story
// in test/e2e/privacy.test.ts scans Redis afterwards and fails on anything left behind).
import type { Redis } from "ioredis";
import type { BookingRecords } from "../bookings/records-store.js";
import { floodCountKey } from "../flood/flood-gate.js";
import type { SavedPatients } from "../patients/saved-patients.js";
import type { Aftercare } from "../reminders/aftercare.js";
import { chatLockKeys } from "../session/chat-lock.js";
import { type BlockedChats, blockedChatKey } from "../telegram/blocked-chats.js";
import type { ConsentStore } from "./consent.js";
import type { UserDataFamily } from "./user-data.js";

export interface FamilySources {
  redis: Redis;
  prefix: string;
  bookings: BookingRecords;
  patients: SavedPatients;
  consent: ConsentStore;
  blockedChats: BlockedChats;
  aftercare: Pick<Aftercare, "inventoryOf" | "eraseUser">;
  watches: WatchFamilySource;
}

/** the watch service's own inventory and erasure (src/watch/service.ts) */
interface WatchFamilySource {
  inventoryOf(userId: number): Promise<{ count: number; since?: Date }>;
  eraseUser(userId: number): Promise<void>;
}

export function userDataFamilies(s: FamilySources): UserDataFamily[] {
  const exists = async (key: string) => ({ count: (await s.redis.exists(key)) > 0 ? 1 : 0 });
  return [
    {
      // a private chat's id is the user's: the conversation, its menu and any unfinished answers
      name: "session",
      inventory: (userId) => exists(chatLockKeys(s.prefix, String(userId)).sessionKey),
      erase: async (userId) => {
        await s.redis.del(chatLockKeys(s.prefix, String(userId)).sessionKey);
      },
    },
    {
      name: "saved-patients",
      inventory: (id) => s.patients.inventoryOf(id),
      erase: (id) => s.patients.eraseUser(id),
    },
    {
      name: "bookings",
      inventory: (id) => s.bookings.inventoryOf(id),
      erase: (id) => s.bookings.eraseUser(id),
    },
    {
      // the bookings looked after until the visit: their reminder and stop-clinic jobs and marks
      name: "reminders",
      inventory: (id) => s.aftercare.inventoryOf(id),
      erase: (id) => s.aftercare.eraseUser(id),
    },
    {
      name: "watches",
      inventory: (id) => s.watches.inventoryOf(id),
      erase: (id) => s.watches.eraseUser(id),
    },
    { name: "consent", inventory: (id) => s.consent.inventoryOf(id), erase: (id) => s.consent.eraseUser(id) },
    {
      // "this chat blocked the bot": the chat id is the user's in a private chat
      name: "blocked",
      inventory: (userId) => exists(blockedChatKey(s.prefix, userId)),
      erase: (userId) => s.blockedChats.clear(userId),
    },
    {
      name: "flood",
      inventory: (userId) => exists(floodCountKey(s.prefix, userId)),
      erase: async (userId) => {
        await s.redis.del(floodCountKey(s.prefix, userId));
      },
    },
  ];
}

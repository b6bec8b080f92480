// Everything the bot keeps about a Telegram user, as a list of key families, so /privacy can show it and
// /deletedata can erase it. The composition root (src/app.ts) builds the list; a feature that stores
// something under a user's id adds its family there. The e2e test that books, saves, watches… and then
// runs /deletedata scans every key and value under the prefix for the user's id and data, so a family
// that was not added here fails it.

export interface UserDataFamily {
  /** stable name, e.g. "session", "saved-patients", "bookings", "watches", "reminders" */
  name: string;
  /** what /privacy shows: how many items, and the newest/oldest dates if useful */
  inventory(userId: number): Promise<{ count: number; since?: Date }>;
  /** erases every key/value/job of this family that belongs to the user (idempotent) */
  erase(userId: number): Promise<void>;
}

export interface FamilyInventory {
  name: string;
  count: number;
  since?: Date;
}

/** A deletion's report: what is gone, and what could not be erased this time (safe to ask again). */
export type EraseReport = { kind: "erased"; families: string[] } | { kind: "partial"; failed: string[] };

export interface UserData {
  readonly families: readonly string[];
  inventory(userId: number): Promise<FamilyInventory[]>;
  erase(userId: number): Promise<EraseReport>;
}

export function createUserData(
  families: readonly UserDataFamily[],
  onError?: (family: string, err: unknown) => void,
): UserData {
  const names = families.map((f) => f.name);
  if (new Set(names).size !== names.length)
    throw new Error(`user-data families must have unique names: ${names.join(", ")}`);
  return {
    families: names,
    async inventory(userId) {
      return Promise.all(families.map(async (f) => ({ name: f.name, ...(await f.inventory(userId)) })));
    },
    async erase(userId) {
      const results = await Promise.allSettled(families.map((f) => f.erase(userId)));
      const failed: string[] = [];
      results.forEach((r, i) => {
        const name = names[i] ?? "";
        if (r.status === "rejected") {
          failed.push(name);
          onError?.(name, r.reason);
        }
      });
      return failed.length === 0 ? { kind: "erased", families: names } : { kind: "partial", failed };
    },
  };
}

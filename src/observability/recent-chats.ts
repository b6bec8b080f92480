// The chats this process has handled an update for within a window (for the active-conversations
// gauge). A Map keeps insertion order, so re-inserting a chat on each update leaves the stalest chats at
// the front, and pruning only ever looks at the ones about to go: no scan of Redis, no scan of the map.

export interface RecentChats {
  touch(chat: number): void;
  count(): number;
}

export function createRecentChats(windowMs: number, now: () => number = Date.now): RecentChats {
  const lastSeen = new Map<number, number>();

  function prune(): void {
    const cutoff = now() - windowMs;
    for (const [chat, at] of lastSeen) {
      if (at >= cutoff) return;
      lastSeen.delete(chat);
    }
  }

  return {
    touch(chat) {
      lastSeen.delete(chat);
      lastSeen.set(chat, now());
      prune();
    },
    count() {
      prune();
      return lastSeen.size;
    },
  };
}

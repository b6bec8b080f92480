// Where watches live in Redis. A user's watches are one hash under their id (so /deletedata finds them
// the way it finds their bookings); each target keeps its watchers in a sorted set by the time they
// started watching, which is the fair queue's order; the set of targets is what the poller walks.
// Creating a watch checks the per-user limit and joins the queue in one script, so two taps at once
// cannot pass the limit.
import type { Redis } from "ioredis";
import { blockedChatKey } from "../telegram/blocked-chats.js";
import { targetIdOf, type Watch, type WatchTarget, watchSchema, watchTargetSchema } from "./watch.js";

export interface WatchStore {
  /** "limit" when the user already has max watches (a watch replacing one of theirs does not count) */
  put(watch: Watch, max: number): Promise<"saved" | "limit">;
  list(userId: number): Promise<Watch[]>;
  get(userId: number, watchId: string): Promise<Watch | undefined>;
  /** rewrites a watch that is still there and unchanged since read; the new record, or undefined */
  patch(userId: number, watchId: string, change: (w: Watch) => Watch): Promise<Watch | undefined>;
  /** removes the watch and its place in the queue; the removed watch, if it was there */
  remove(userId: number, watchId: string): Promise<Watch | undefined>;
  /** the target's watchers, first come first */
  watchersOf(tid: string): Promise<Watch[]>;
  target(tid: string): Promise<WatchTarget | undefined>;
  targets(): Promise<string[]>;
  /** forgets a target nobody watches any more; false when someone joined meanwhile */
  dropTargetIfUnwatched(tid: string): Promise<boolean>;
  countWatchers(tids: string[]): Promise<number>;
  /** the chats among these whose patient blocked the bot (the shared blocked-chats mark): paused */
  blockedAmong(chatIds: number[]): Promise<Set<number>>;
  keys: {
    user(userId: number): string;
    queue(tid: string): string;
  };
}

const PUT = `
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 and redis.call('HLEN', KEYS[1]) >= tonumber(ARGV[3]) then
  return 0
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('ZADD', KEYS[2], ARGV[4], ARGV[5])
redis.call('SET', KEYS[3], ARGV[6])
redis.call('SADD', KEYS[4], ARGV[7])
return 1`;

const DROP_TARGET = `
if redis.call('ZCARD', KEYS[1]) > 0 then return 0 end
redis.call('DEL', KEYS[2])
redis.call('SREM', KEYS[3], ARGV[1])
return 1`;

const REPLACE_IF_UNCHANGED = `
if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
  return 1
end
return 0`;

/** a member of a target's queue: who, and which of their watches */
export const memberOf = (w: Pick<Watch, "userId" | "id">) => `${w.userId}.${w.id}`;

export function createWatchStore(opts: { redis: Redis; prefix: string }): WatchStore {
  const { redis, prefix } = opts;
  const keys = {
    user: (userId: number) => `${prefix}watches:${userId}`,
    queue: (tid: string) => `${prefix}watch:q:${tid}`,
    targetSpec: (tid: string) => `${prefix}watch:target:${tid}`,
    targets: `${prefix}watch:targets`,
  };
  const parse = (raw: string | null | undefined): Watch | undefined => {
    if (!raw) return undefined;
    try {
      const r = watchSchema.safeParse(JSON.parse(raw));
      return r.success ? r.data : undefined;
    } catch {
      return undefined;
    }
  };

  return {
    keys,
    async put(watch, max) {
      const tid = targetIdOf(watch.target);
      const ok = await redis.eval(
        PUT,
        4,
        keys.user(watch.userId),
        keys.queue(tid),
        keys.targetSpec(tid),
        keys.targets,
        watch.id,
        JSON.stringify(watch),
        max,
        watch.createdAt,
        memberOf(watch),
        JSON.stringify(watch.target),
        tid,
      );
      return ok === 1 ? "saved" : "limit";
    },
    async list(userId) {
      const all = await redis.hvals(keys.user(userId));
      return all
        .map(parse)
        .filter((w): w is Watch => w !== undefined)
        .sort((a, b) => a.createdAt - b.createdAt);
    },
    async get(userId, watchId) {
      return parse(await redis.hget(keys.user(userId), watchId));
    },
    async patch(userId, watchId, change) {
      for (let tries = 0; tries < 5; tries++) {
        const raw = await redis.hget(keys.user(userId), watchId);
        const watch = parse(raw);
        if (!raw || !watch) return undefined;
        const next = change(watch);
        const ok = await redis.eval(
          REPLACE_IF_UNCHANGED,
          1,
          keys.user(userId),
          watchId,
          raw,
          JSON.stringify(next),
        );
        if (ok === 1) return next;
      }
      return undefined;
    },
    async remove(userId, watchId) {
      const watch = parse(await redis.hget(keys.user(userId), watchId));
      if (!watch) {
        await redis.hdel(keys.user(userId), watchId);
        return undefined;
      }
      const [[, removed] = []] =
        (await redis
          .multi()
          .hdel(keys.user(userId), watchId)
          .zrem(keys.queue(targetIdOf(watch.target)), memberOf(watch))
          .exec()) ?? [];
      return removed === 1 ? watch : undefined;
    },
    async watchersOf(tid) {
      const members = await redis.zrange(keys.queue(tid), 0, -1);
      if (members.length === 0) return [];
      const pipe = redis.pipeline();
      const parsed = members.map((m) => {
        const [user = "", id = ""] = m.split(".");
        pipe.hget(keys.user(Number(user)), id);
        return { m, userId: Number(user), id };
      });
      const answers = (await pipe.exec()) ?? [];
      const out: Watch[] = [];
      const stale: string[] = [];
      parsed.forEach((p, i) => {
        const w = parse(answers[i]?.[1] as string | null);
        if (w && w.userId === p.userId && targetIdOf(w.target) === tid) out.push(w);
        else stale.push(p.m);
      });
      // a queue entry whose watch is gone (erased, or a crash between two writes) leaves the queue
      if (stale.length > 0) await redis.zrem(keys.queue(tid), ...stale);
      return out.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
    },
    async target(tid) {
      const raw = await redis.get(keys.targetSpec(tid));
      if (!raw) return undefined;
      try {
        const r = watchTargetSchema.safeParse(JSON.parse(raw));
        return r.success ? r.data : undefined;
      } catch {
        return undefined;
      }
    },
    targets: () => redis.smembers(keys.targets),
    async dropTargetIfUnwatched(tid) {
      return (
        (await redis.eval(DROP_TARGET, 3, keys.queue(tid), keys.targetSpec(tid), keys.targets, tid)) === 1
      );
    },
    async countWatchers(tids) {
      if (tids.length === 0) return 0;
      const pipe = redis.pipeline();
      for (const t of tids) pipe.zcard(keys.queue(t));
      const answers = (await pipe.exec()) ?? [];
      return answers.reduce((n, [, v]) => n + (typeof v === "number" ? v : 0), 0);
    },
    async blockedAmong(chatIds) {
      const unique = [...new Set(chatIds)];
      if (unique.length === 0) return new Set();
      // one round trip for a whole queue, on the blocked-chats service's own keys
      const flags = await redis.mget(...unique.map((c) => blockedChatKey(prefix, c)));
      return new Set(unique.filter((_, i) => flags[i] !== null));
    },
  };
}

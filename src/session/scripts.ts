// The session lock's Redis side. Each step is one Lua script so that an update costs one round trip to
// lock-and-load and one to save-and-unlock, and so that the token check and the write it guards are
// atomic: a process whose lock expired can never overwrite the session of the process that took over.
// Registered with defineCommand: ioredis sends EVAL the first time on a connection and EVALSHA after,
// so even the first call is a single round trip.
import type { Redis, Result } from "ioredis";

declare module "ioredis" {
  interface RedisCommander<Context> {
    /** [1, sessionJson | null] when the lock was taken, [0, null] when someone else holds it */
    sessionLockAndLoad(
      lockKey: string,
      sessionKey: string,
      token: string,
      lockTtlMs: number,
    ): Result<[number, string | null], Context>;
    /** 1 when saved and unlocked, 0 when the token no longer owns the lock (nothing written) */
    sessionSaveAndUnlock(
      lockKey: string,
      sessionKey: string,
      blockedKey: string,
      token: string,
      sessionJson: string,
      ttlSeconds: number,
    ): Result<number, Context>;
    /**
     * Counts the update against its sender's window first: [2, null, count, ms left] when over the
     * limit (no lock taken), else as sessionLockAndLoad.
     */
    sessionCountLockAndLoad(
      lockKey: string,
      sessionKey: string,
      countKey: string,
      token: string,
      lockTtlMs: number,
      points: number,
      windowMs: number,
    ): Result<[number, string | null, number?, number?], Context>;
    /** 1 when the lock was prolonged, 0 when the token no longer owns it */
    sessionExtendLock(lockKey: string, token: string, lockTtlMs: number): Result<number, Context>;
    /** 1 when the token's lock was deleted, 0 when the token does not hold it */
    sessionReleaseLock(lockKey: string, token: string): Result<number, Context>;
  }
}

// GET returns false for a missing key; false inside a Lua table becomes a nil reply, so the caller sees null.
const LOCK_AND_LOAD = `
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  return {1, redis.call('GET', KEYS[2])}
end
return {0, false}
`;

// The per-user flood counter rides along with the lock: a fixed window that starts with its first update.
// Folding it in here keeps an update at two round trips (this and the save) instead of three.
const COUNT_LOCK_AND_LOAD = `
local n = redis.call('INCR', KEYS[3])
if n == 1 then redis.call('PEXPIRE', KEYS[3], ARGV[4]) end
if n > tonumber(ARGV[3]) then
  return {2, false, n, redis.call('PTTL', KEYS[3])}
end
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  return {1, redis.call('GET', KEYS[2])}
end
return {0, false}
`;

// An empty ARGV[2] means "no session": deleting beats storing "{}" for every chat that ever said hello.
// KEYS[3] is the chat's "blocked the bot" mark: a chat that sent an update talks to us again, and
// clearing it here costs no round trip of its own.
const SAVE_AND_UNLOCK = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then
  return 0
end
redis.call('DEL', KEYS[3])
if ARGV[2] == '' then
  redis.call('DEL', KEYS[2])
else
  redis.call('SET', KEYS[2], ARGV[2], 'EX', ARGV[3])
end
redis.call('DEL', KEYS[1])
return 1
`;

const EXTEND_LOCK = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0
`;

const RELEASE_LOCK = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
`;

/** Registers the scripts on the client; idempotent, so every middleware may call it on a shared client. */
export function defineSessionScripts(redis: Redis): void {
  redis.defineCommand("sessionLockAndLoad", { numberOfKeys: 2, lua: LOCK_AND_LOAD });
  redis.defineCommand("sessionCountLockAndLoad", { numberOfKeys: 3, lua: COUNT_LOCK_AND_LOAD });
  redis.defineCommand("sessionSaveAndUnlock", { numberOfKeys: 3, lua: SAVE_AND_UNLOCK });
  redis.defineCommand("sessionExtendLock", { numberOfKeys: 1, lua: EXTEND_LOCK });
  redis.defineCommand("sessionReleaseLock", { numberOfKeys: 1, lua: RELEASE_LOCK });
}

// Booking records are the only copy of a patient's bookings (the API cannot list them), so Redis must
// neither evict them nor forget them on a restart. At start-up this reads the eviction policy and the
// persistence settings: an evicting policy stops a production bot with one clear line (a warning in
// development), no persistence is warned. Managed Redis often disables CONFIG; INFO is the fallback,
// and what neither can tell is warned as unchecked, never assumed.
import type { Logger } from "./logger.js";

/** The two commands read here; a managed Redis may refuse CONFIG (or both). */
export interface DurabilityProbe {
  config(subcommand: "GET", parameter: string): Promise<unknown>;
  info(section: string): Promise<string>;
}

export interface RedisDurability {
  /** the eviction policy, when it could be read */
  policy: string | undefined;
  /** true: AOF or RDB snapshots are on; false: neither; undefined: could not be checked */
  persistent: boolean | undefined;
}

/** Policies under which Redis deletes keys on its own when memory runs out. */
export function isEvicting(policy: string): boolean {
  return /^(allkeys|volatile)-/.test(policy);
}

async function configGet(redis: DurabilityProbe, name: string): Promise<string | undefined> {
  try {
    const reply = await redis.config("GET", name);
    return Array.isArray(reply) && typeof reply[1] === "string" ? reply[1] : undefined;
  } catch {
    return undefined;
  }
}

async function infoFields(redis: DurabilityProbe, section: string): Promise<Map<string, string>> {
  const fields = new Map<string, string>();
  try {
    for (const line of (await redis.info(section)).split(/\r?\n/)) {
      const at = line.indexOf(":");
      if (at > 0) fields.set(line.slice(0, at), line.slice(at + 1).trim());
    }
  } catch {
    // INFO disabled too: the caller warns that nothing could be checked
  }
  return fields;
}

export async function readRedisDurability(redis: DurabilityProbe): Promise<RedisDurability> {
  const [policyConf, aofConf, saveConf] = await Promise.all([
    configGet(redis, "maxmemory-policy"),
    configGet(redis, "appendonly"),
    configGet(redis, "save"),
  ]);
  let policy = policyConf;
  let persistent: boolean | undefined =
    aofConf === undefined || saveConf === undefined ? undefined : aofConf === "yes" || saveConf.trim() !== "";
  if (policy === undefined) policy = (await infoFields(redis, "memory")).get("maxmemory_policy");
  if (persistent === undefined) {
    // INFO shows AOF; RDB snapshot rules it does not, so without AOF the answer stays unknown
    const aof = aofConf ?? (await infoFields(redis, "persistence")).get("aof_enabled");
    if (aof === "yes" || aof === "1") persistent = true;
    else if (aof !== undefined && saveConf !== undefined) persistent = saveConf.trim() !== "";
  }
  return { policy, persistent };
}

/**
 * The problem that must stop the bot, or undefined; everything short of that is logged here.
 * `production` turns an evicting policy from a warning into the refusal.
 */
export function judgeRedisDurability(
  d: RedisDurability,
  opts: { production: boolean; logger: Logger },
): string | undefined {
  const { logger } = opts;
  if (d.policy === undefined) {
    logger.warn(
      "could not read Redis maxmemory-policy (CONFIG and INFO refused): make sure it is noeviction",
    );
  } else if (isEvicting(d.policy)) {
    const line = `Redis maxmemory-policy is ${d.policy}: Redis may delete booking records when memory runs out; set it to noeviction`;
    if (opts.production) return line;
    logger.warn({ policy: d.policy }, line);
  }
  if (d.persistent === false) {
    logger.warn(
      "Redis has no persistence (appendonly no, no save rules): a Redis restart loses every booking record and conversation",
    );
  } else if (d.persistent === undefined) {
    logger.warn("could not check Redis persistence (CONFIG refused): make sure appendonly or save is on");
  }
  return undefined;
}

// Redaction by key name in one walk of what is about to be logged: a value under a secret key, at the
// top level or up to three levels down, becomes the censor. pino's path-based redaction did the same
// with a hundred wildcard paths and cost about 160 µs a line (measured by the benchmark's profile, a
// sixth of the bot's own CPU per update); this costs a few µs. The logged object itself is never changed:
// what needs censoring is copied.

export const CENSOR = "[redacted]";
/** top level is depth 0; "*.*.*.name" is depth 3 */
const MAX_DEPTH = 3;

function isWalkable(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !ArrayBuffer.isView(value);
}

/**
 * A copy of `value` with every secret key's value censored, or `value` itself when nothing is secret.
 * `skip` names top-level keys left alone because a serializer redacts them afterwards (the error).
 */
export function redactKeys<T>(value: T, secret: ReadonlySet<string>, depth = 0, skip?: string): T {
  if (!isWalkable(value)) return value;
  let copy: Record<string, unknown> | undefined;
  for (const key of Object.keys(value)) {
    if (depth === 0 && key === skip) continue;
    const inner = value[key];
    const next = secret.has(key)
      ? CENSOR
      : depth < MAX_DEPTH && isWalkable(inner)
        ? redactKeys(inner, secret, depth + 1)
        : inner;
    if (next !== inner) {
      copy ??= (Array.isArray(value) ? [...value] : { ...value }) as Record<string, unknown>;
      copy[key] = next;
    }
  }
  return (copy ?? value) as T;
}

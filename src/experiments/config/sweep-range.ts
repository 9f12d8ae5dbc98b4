/**
 * The compact form of a sweep entry: `seed: {from: 1, to: 1000}` instead of a thousand-item list.
 * Expanded once, when the config is read, so everything downstream (planning, the resolved config,
 * sharding) sees the plain list it always did.
 */

/** Cap on one range's length: far above any sweep we run, low enough to catch a typo like 1e9. */
export const MAX_RANGE_VALUES = 100_000;

const RULE = 'a range must be {from: A, to: B} with integers A <= B';

/**
 * The values a sweep entry lists: a list as is, a {from, to} range as its integers (both ends
 * included), any other single value as a one-item list. A malformed range gives `{ problem }`.
 */
export function sweepValues(entry: unknown): { values: unknown[] } | { problem: string } {
  if (Array.isArray(entry)) return { values: entry };
  if (entry === null || typeof entry !== 'object') return { values: [entry] };
  const { from, to, ...rest } = entry as Record<string, unknown>;
  const extra = Object.keys(rest);
  if (extra.length > 0)
    return { problem: `${RULE}; unknown key ${extra.map((key) => JSON.stringify(key)).join(', ')}` };
  if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || (from as number) > (to as number)) {
    return { problem: `${RULE}, got ${JSON.stringify(entry)}` };
  }
  const count = (to as number) - (from as number) + 1;
  if (count > MAX_RANGE_VALUES) return { problem: `a range may hold at most ${MAX_RANGE_VALUES} values, got ${count}` };
  return { values: Array.from({ length: count }, (_, i) => (from as number) + i) };
}

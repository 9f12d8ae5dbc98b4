/**
 * Stable JSON, the identity of a config: runs that resolve to the same config collapse in the plan
 * (sweep/plan.ts), runs of one pack share a key (sweep/packs.ts), datasets are looked at once per
 * distinct config (preflight/data.ts), and merged folders must come from the same plan.
 */

/** Object keys sorted (undefined values left out), so equal configs give equal strings. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
}

/**
 * How results name things, in their CSVs and in every view alike: a configuration by its swept
 * values, and the interval of the paired comparisons by its method.
 */

/** Said wherever comparisons are shown (title, comparisons.csv), so a reader knows which interval they are looking at. */
export const COMPARISON_TEST = 'paired t on per-seed differences (atanh scale for shares)';

/** "relu", "leaky_relu alpha=0.01 depth=20": the swept values that name a configuration. */
export function configurationLabel(key: Record<string, unknown>, fallback: string): string {
  const parts = Object.entries(key)
    .filter(([, value]) => value !== null && value !== undefined)
    .map(([path, value]) => (path === 'model.activation' ? String(value) : `${path.split('.').pop()}=${String(value)}`));
  return parts.length > 0 ? parts.join(' ') : fallback;
}

/** Fitting a series or a grid into a fixed number of terminal columns or rows. */

/**
 * `values` stretched or squeezed to `count` points by linear interpolation between neighbours, so
 * both ends stay where they are: an epoch axis of any length fills the chart's width.
 */
export function interpolate(values: readonly number[], count: number): number[] {
  if (values.length === 0 || count <= 0) return [];
  if (values.length === 1 || count === 1) return Array.from({ length: count }, () => values[0]);
  return Array.from({ length: count }, (_, i) => {
    const at = (i * (values.length - 1)) / (count - 1);
    const left = Math.floor(at);
    const right = Math.min(left + 1, values.length - 1);
    return values[left] + (values[right] - values[left]) * (at - left);
  });
}

/**
 * `length` items split into at most `buckets` consecutive groups of near-equal size, as
 * [from, to) index pairs: neighbouring layers (or epochs) share a row (or column) when there are
 * more of them than fit.
 */
export function buckets(length: number, buckets: number): [number, number][] {
  const count = Math.min(length, Math.max(1, buckets));
  return Array.from({ length: count }, (_, b) => [
    Math.floor((b * length) / count),
    Math.floor(((b + 1) * length) / count),
  ]);
}

/** The mean of the finite values among values[from..to); NaN when there are none. */
export function meanOf(values: readonly number[], [from, to]: [number, number]): number {
  const finite = values.slice(from, to).filter(Number.isFinite);
  return finite.length === 0 ? Number.NaN : finite.reduce((sum, value) => sum + value, 0) / finite.length;
}

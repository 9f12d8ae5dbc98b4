/** Scales and axis ticks for the SVG charts: plain arithmetic, no DOM. */

export type Scale = (value: number) => number;

/** Maps [d0, d1] onto [r0, r1]; a domain of one value maps to the middle of the range. */
export function linearScale([d0, d1]: readonly [number, number], [r0, r1]: readonly [number, number]): Scale {
  if (d1 === d0) return () => (r0 + r1) / 2;
  return (value) => r0 + ((value - d0) / (d1 - d0)) * (r1 - r0);
}

/**
 * About `count` round tick values covering [min, max] (steps of 1, 2 or 5 times a power of ten),
 * and the domain widened to the outer ticks so lines never leave the plot.
 */
export function niceTicks(min: number, max: number, count = 5): { ticks: number[]; domain: [number, number] } {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return { ticks: [0, 1], domain: [0, 1] };
  if (max === min) {
    const pad = min === 0 ? 1 : Math.abs(min) * 0.1;
    return niceTicks(min - pad, max + pad, count);
  }
  const rough = (max - min) / count;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((candidate) => candidate >= rough) ?? 10 * power;
  const first = Math.floor(min / step + 1e-9) * step;
  const last = Math.ceil(max / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let i = 0; first + i * step <= last + step * 1e-9; i++) ticks.push(round(first + i * step, step));
  return { ticks, domain: [ticks[0], ticks[ticks.length - 1]] };
}

/** Removes floating-point noise below the step's precision (0.30000000000000004 → 0.3). */
function round(value: number, step: number): number {
  const digits = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  return Number(value.toFixed(digits));
}

/** Integer ticks for an epoch axis 0..last, at most about `count` of them, always with both ends. */
export function epochTicks(last: number, count = 6): number[] {
  if (last <= 0) return [0];
  const step = Math.max(1, Math.ceil(last / count));
  const ticks: number[] = [];
  for (let epoch = 0; epoch < last; epoch += step) ticks.push(epoch);
  if (last - ticks[ticks.length - 1] < step / 2 && ticks.length > 1) ticks.pop();
  return [...ticks, last];
}

/**
 * How often each 95% interval for a mean loss holds the true mean, on losses as this tool's runs
 * produce them: every configuration of the claims study (docs/claims/<cell>/runs.csv, 10 or 20
 * seeds each, 32 configurations) taken as a population, n seeds drawn from it with replacement
 * many times over. Compares Student's t, the log-scale interval the tool uses (positiveInterval)
 * and the geometric-mean interval (exp of a t-interval of the log losses), and counts t-intervals
 * that reach below 0. The table in docs/definitions.md.
 *
 *   node --import tsx scripts/theory/loss-intervals.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRng } from '../../src/experiments/rng.js';
import { positiveInterval } from '../../src/metrics/intervals.js';
import { summarize, tInterval } from '../../src/metrics/statistics.js';

const CLAIMS = fileURLToPath(new URL('../../docs/claims/', import.meta.url));
const DRAWS = 20_000;
const SIZES = [3, 5, 10];

/** The final losses of each configuration (swept values but seed) of each cell. */
function populations(): { name: string; losses: number[] }[] {
  const found: { name: string; losses: number[] }[] = [];
  for (const cell of readdirSync(CLAIMS, { withFileTypes: true }).filter((entry) => entry.isDirectory())) {
    const [header, ...lines] = readFileSync(join(CLAIMS, cell.name, 'runs.csv'), 'utf8')
      .trimEnd()
      .split('\n');
    const columns = header.split(',');
    const at = (name: string) => columns.indexOf(name);
    const groups = new Map<string, number[]>();
    for (const line of lines) {
      const cells = line.split(',');
      const loss = Number(cells[at('loss')]);
      if (cells[at('status')] !== 'ok' || !Number.isFinite(loss)) continue;
      const key = `${cell.name} ${cells[at('model.activation')]} ${cells[at('model.alpha')]}`;
      groups.set(key, [...(groups.get(key) ?? []), loss]);
    }
    for (const [name, losses] of groups) found.push({ name, losses });
  }
  return found;
}

const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const pct = (value: number) => `${(value * 100).toFixed(1)}%`;
const across = (values: readonly number[]) => `${pct(mean(values))} (lowest ${pct(Math.min(...values))})`;

const all = populations();
if (all.length === 0) throw new Error('no runs.csv under docs/claims/');
console.log(
  `${all.length} configurations, ${DRAWS.toLocaleString('en-US')} draws of n seeds each; coverage averaged over configurations`,
);
console.log(
  '| seeds n | t-interval holds the mean | log scale (the tool) | geometric-mean interval | t-interval below 0 | width, log / t (median) |',
);
console.log('| --- | --- | --- | --- | --- | --- |');
for (const n of SIZES) {
  const coverage = { t: [] as number[], log: [] as number[], geometric: [] as number[] };
  const below: number[] = [];
  const ratios: number[] = [];
  for (const [p, population] of all.entries()) {
    const target = mean(population.losses);
    const rng = createRng(p + 1, `loss-intervals-${n}`);
    const hits = { t: 0, log: 0, geometric: 0 };
    let negative = 0;
    let counted = 0;
    const inside = (low: number, high: number) => low <= target && target <= high;
    for (let draw = 0; draw < DRAWS; draw++) {
      const sample = Array.from({ length: n }, () => population.losses[rng.int(population.losses.length)]);
      const t = summarize(sample, tInterval);
      // The same run drawn n times: no interval says more than the value, none is counted.
      if (t.std === 0) continue;
      const log = summarize(sample, positiveInterval);
      const logs = summarize(sample.map(Math.log), tInterval);
      counted++;
      hits.t += Number(inside(t.low!, t.high!));
      hits.log += Number(inside(log.low!, log.high!));
      hits.geometric += Number(inside(Math.exp(logs.low!), Math.exp(logs.high!)));
      negative += Number(t.low! < 0);
      ratios.push((log.high! - log.low!) / (t.high! - t.low!));
    }
    coverage.t.push(hits.t / counted);
    coverage.log.push(hits.log / counted);
    coverage.geometric.push(hits.geometric / counted);
    below.push(negative / counted);
  }
  const cells = [
    across(coverage.t),
    across(coverage.log),
    across(coverage.geometric),
    `${pct(mean(below))} (most ${pct(Math.max(...below))})`,
    median(ratios).toFixed(2),
  ];
  console.log(`| ${n} | ${cells.join(' | ')} |`);
}

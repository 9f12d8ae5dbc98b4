#!/usr/bin/env node
/**
 * The table of docs/lu2019.md from results folders of configs/lu2019-born-dead.yaml: per width, the
 * share of runs born dead (collapsed at epoch 0) with its Wilson 95% interval, next to Lu et al.
 * 2019's numbers. Reads runs/*.json only, so it works on any results folder of that config.
 *
 *   node scripts/theory/lu2019-table.mjs /tmp/lu2019 [/tmp/lu2019-rai]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { wilsonInterval } from '../../dist/metrics/intervals.js';

// Lu, Shin, Su & Karniadakis 2019 (arXiv 1903.06733), 10 layers counting the output, 1-D N(0,1)
// inputs: He-normal with zero biases, and RAI at width 2.
const PAPER = { he_normal: { 2: 0.88, 3: 0.58, 4: 0.3, 5: 0.13, 10: 0.001 }, rai: { 2: 0.24 } };

/** Wilson's score interval for k of n: the tool's own born-dead interval (compiled by `npm run build`). */
function wilson(k, n) {
  const { low, high } = wilsonInterval(k, n);
  return [low, high];
}

/** width -> { init, bornDead, runs, probeSize } for one results folder. */
function cells(dir) {
  const byWidth = new Map();
  for (const file of readdirSync(join(dir, 'runs')).filter((name) => name.endsWith('.json'))) {
    const run = JSON.parse(readFileSync(join(dir, 'runs', file), 'utf8'));
    const { width, init } = run.config.model;
    const cell = byWidth.get(width) ?? { init, bornDead: 0, runs: 0, probeSize: run.config.metrics.probeSize };
    cell.runs++;
    if (run.epochs[0].collapsed) cell.bornDead++;
    byWidth.set(width, cell);
  }
  return [...byWidth.entries()].sort(([a], [b]) => a - b);
}

const f3 = (x) => x.toFixed(3);
console.log('| init | width | paper | ours: born dead | share | Wilson 95% |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const dir of process.argv.slice(2)) {
  for (const [width, { init, bornDead, runs }] of cells(dir)) {
    const [low, high] = wilson(bornDead, runs);
    const paper = PAPER[init]?.[width];
    console.log(
      `| ${init} | ${width} | ${paper ?? '–'} | ${bornDead} / ${runs} | ${f3(bornDead / runs)} | [${f3(low)}, ${f3(high)}] |`,
    );
  }
}

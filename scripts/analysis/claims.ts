#!/usr/bin/env node
/**
 * The numbers of the README's "The Leaky ReLU article's claims, measured", from results folders of
 * configs/seed-claims-mnist.yaml and configs/seed-claims-spirals.yaml (any layout: one folder per
 * depth and learning rate, or everything in one). Runs are grouped into cells (dataset, depth,
 * learning rate) and, within a cell, compared with ReLU of the same seed, as comparisons.csv does:
 *
 *   1 fewer dead units      Δ dead fraction at the last epoch, leaky minus relu
 *   2 dead units recover    revivals per dead unit-epoch (src/metrics/revival.ts), all layers and layer 1
 *   3 better, faster        Δ loss and test accuracy at the last epoch, and after epoch 1 (one pass over the data)
 *   4 deep nets gain most   (leaky - relu) at the deepest depth minus (leaky - relu) at the shallowest
 *   5 alpha 0.01 is enough  leaky 0.01 minus leaky 0.3 (and 0.1)
 *
 * Intervals are 95%: paired t on per-seed differences, on the atanh scale for differences of shares
 * (as comparisons.csv), logit-scale t for a share's level, plain t for the loss and for a
 * difference of differences. Prints markdown tables; --csv FILE also writes every estimate.
 *
 *   node --import tsx scripts/analysis/claims.ts results/seed-claims/* --csv docs/claims/claims.csv
 */
import { relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { seedContrast, type Contrast, type ContrastTerm } from '../../src/metrics/contrasts.js';
import { shareDifferenceInterval, shareInterval } from '../../src/metrics/intervals.js';
import { revival } from '../../src/metrics/revival.js';
import { summarize, tInterval, type IntervalRule } from '../../src/metrics/statistics.js';
import { toCsv } from '../../src/output/results/csv.js';
import { readFinishedResults, writeFileAtomic } from '../../src/output/results/folder.js';
import type { RunResult } from '../../src/experiments/types.js';

/** What is compared: dataset, depth and learning rate (the cell), the configuration and the seed. */
export interface ClaimRun {
  dataset: string;
  depth: number;
  learningRate: number;
  /** "relu" or "leaky_relu alpha=0.01", as the summary labels them. */
  configuration: string;
  seed: number;
  /** Per-run values, NaN where the run diverged or has no such value. */
  values: Record<Measure, number>;
}

/** Per-run measures; `share` ones live in [0, 1] and get the bounded intervals. */
export const MEASURES = {
  dead_init: { share: true, title: 'dead at initialisation' },
  dead_final: { share: true, title: 'dead at the last epoch' },
  loss: { share: false, title: 'training loss at the last epoch' },
  test_accuracy: { share: true, title: 'test accuracy at the last epoch' },
  loss_epoch1: { share: false, title: 'training loss after epoch 1' },
  test_accuracy_epoch1: { share: true, title: 'test accuracy after epoch 1' },
  revival_rate: { share: true, title: 'revivals per dead unit-epoch, all hidden layers' },
  revival_rate_layer1: { share: true, title: 'revivals per dead unit-epoch, first hidden layer' },
} as const;
export type Measure = keyof typeof MEASURES;

/** The measures of one finished run; a diverged run gives NaN throughout and so drops out of every pair. */
export function claimRun(run: RunResult): ClaimRun {
  const { dataset, model, training, seed } = run.config;
  const first = run.epochs[0];
  const last = run.epochs[run.epochs.length - 1];
  const early = run.epochs.find((epoch) => epoch.epoch === 1);
  const ok = run.status === 'ok';
  const value = (x: number | null | undefined) => (ok && x != null ? x : Number.NaN);
  return {
    dataset: dataset.kind,
    depth: model.depth,
    learningRate: training.learningRate,
    configuration: model.alpha === null ? model.activation : `${model.activation} alpha=${model.alpha}`,
    seed,
    values: {
      dead_init: value(first.deadFraction),
      dead_final: value(last.deadFraction),
      loss: value(last.loss),
      test_accuracy: value(last.testAccuracy),
      loss_epoch1: value(early?.loss),
      test_accuracy_epoch1: value(early?.testAccuracy),
      revival_rate: value(revival(run.epochs).rate),
      revival_rate_layer1: value(revival(run.epochs, [1]).rate),
    },
  };
}

/** One estimate: a level (versus null) or a contrast, with its 95% interval. */
export interface Estimate {
  claim: number;
  dataset: string;
  /** The depth, or for an interaction "24-4". */
  depth: string;
  learningRate: number;
  measure: Measure;
  configuration: string;
  /** The configuration it is compared with ("relu", "leaky_relu alpha=0.3"); null for a level. */
  versus: string | null;
  estimate: Contrast;
  interval: string;
}

const INTERVALS = {
  level: 'logit-scale t (shares), t (loss)',
  paired: 'paired t on per-seed differences (atanh scale for shares)',
  interaction: 't on per-seed differences of paired differences',
};

type Cell = { dataset: string; depth: number; learningRate: number };
const cellKey = ({ dataset, depth, learningRate }: Cell) => `${dataset}|${depth}|${learningRate}`;

/** seed -> value of `measure` for `configuration` in `cell`. */
function series(runs: readonly ClaimRun[], cell: Cell, configuration: string, measure: Measure): Map<number, number> {
  return new Map(
    runs
      .filter((run) => cellKey(run) === cellKey(cell) && run.configuration === configuration)
      .map((run) => [run.seed, run.values[measure]]),
  );
}

/** Every estimate of the five claims, for every cell and Leaky ReLU configuration the runs hold. */
export function analyseClaims(runs: readonly ClaimRun[]): Estimate[] {
  const seen = new Set<string>();
  for (const run of runs) {
    const id = `${cellKey(run)}|${run.configuration}|${run.seed}`;
    if (seen.has(id))
      throw new Error(
        `two runs of ${run.configuration}, seed ${run.seed} in ${cellKey(run)}: give each cell's folder once`,
      );
    seen.add(id);
  }
  // Dataset, then depth, then learning rate: the tables' row order.
  const cells = [
    ...new Map(
      runs.map((run) => [cellKey(run), { dataset: run.dataset, depth: run.depth, learningRate: run.learningRate }]),
    ).values(),
  ].sort((a, b) => a.dataset.localeCompare(b.dataset) || a.depth - b.depth || a.learningRate - b.learningRate);
  const leaky = [...new Set(runs.map((run) => run.configuration))].filter((label) => label !== 'relu').sort();
  const estimates: Estimate[] = [];
  const differenceRule = (measure: Measure): IntervalRule =>
    MEASURES[measure].share ? shareDifferenceInterval : tInterval;
  const pair = (cell: Cell, a: string, b: string, measure: Measure): Contrast =>
    seedContrast(
      [
        { weight: 1, values: series(runs, cell, a, measure) },
        { weight: -1, values: series(runs, cell, b, measure) },
      ],
      differenceRule(measure),
    );
  const add = (
    claim: number,
    cell: Cell,
    measure: Measure,
    configuration: string,
    versus: string | null,
    estimate: Contrast,
    interval: string,
  ) =>
    estimates.push({ claim, ...cell, depth: String(cell.depth), measure, configuration, versus, estimate, interval });

  for (const cell of cells) {
    const present = (label: string) =>
      runs.some((run) => cellKey(run) === cellKey(cell) && run.configuration === label);
    if (!present('relu')) continue;
    const here = leaky.filter(present);
    for (const configuration of here) {
      for (const measure of ['dead_init', 'dead_final'] as const)
        add(1, cell, measure, configuration, 'relu', pair(cell, configuration, 'relu', measure), INTERVALS.paired);
      for (const measure of ['revival_rate', 'revival_rate_layer1'] as const)
        add(2, cell, measure, configuration, 'relu', pair(cell, configuration, 'relu', measure), INTERVALS.paired);
      for (const measure of ['loss', 'test_accuracy', 'loss_epoch1', 'test_accuracy_epoch1'] as const) {
        add(3, cell, measure, configuration, 'relu', pair(cell, configuration, 'relu', measure), INTERVALS.paired);
      }
    }
    // The levels: how many units end dead (claim 1), and do dead units come back at all (claim 2)?
    for (const configuration of ['relu', ...here]) {
      for (const [claim, measure] of [
        [1, 'dead_final'],
        [2, 'revival_rate'],
        [2, 'revival_rate_layer1'],
      ] as const) {
        const values = series(runs, cell, configuration, measure);
        const seeds = [...values.keys()].filter((seed) => Number.isFinite(values.get(seed))).sort((a, b) => a - b);
        const level = summarize(
          seeds.map((seed) => values.get(seed)!),
          MEASURES[measure].share ? shareInterval : tInterval,
        );
        add(claim, cell, measure, configuration, null, { ...level, seeds }, INTERVALS.level);
      }
    }
    // Claim 5: the smallest slope against each larger one.
    const alpha = (label: string) => Number(label.split('=')[1]);
    const [smallest, ...larger] = [...here].sort((a, b) => alpha(a) - alpha(b));
    for (const other of larger) {
      for (const measure of ['dead_final', 'loss', 'test_accuracy', 'loss_epoch1', 'test_accuracy_epoch1'] as const) {
        add(5, cell, measure, smallest, other, pair(cell, smallest, other, measure), INTERVALS.paired);
      }
    }
  }

  // Claim 4: per dataset and learning rate, the deepest depth against the shallowest.
  const groups = new Map<string, Cell[]>();
  for (const cell of cells)
    groups.set(`${cell.dataset}|${cell.learningRate}`, [
      ...(groups.get(`${cell.dataset}|${cell.learningRate}`) ?? []),
      cell,
    ]);
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const shallow = group[0];
    const deep = group[group.length - 1];
    for (const configuration of leaky) {
      for (const measure of ['dead_final', 'loss', 'test_accuracy', 'loss_epoch1', 'test_accuracy_epoch1'] as const) {
        const terms: ContrastTerm[] = [
          { weight: 1, values: series(runs, deep, configuration, measure) },
          { weight: -1, values: series(runs, deep, 'relu', measure) },
          { weight: -1, values: series(runs, shallow, configuration, measure) },
          { weight: 1, values: series(runs, shallow, 'relu', measure) },
        ];
        if (terms.some((term) => term.values.size === 0)) continue;
        const cell = { ...deep, depth: `${deep.depth}-${shallow.depth}` };
        estimates.push({
          claim: 4,
          ...cell,
          measure,
          configuration,
          versus: 'relu',
          estimate: seedContrast(terms),
          interval: INTERVALS.interaction,
        });
      }
    }
  }
  return estimates;
}

/** Every estimate, one row each. */
export function claimsCsv(estimates: readonly Estimate[]): string {
  const header = [
    'claim',
    'dataset',
    'depth',
    'learning_rate',
    'measure',
    'configuration',
    'versus',
    'n',
    'seeds',
    'mean',
    'std',
    'low',
    'high',
    'interval',
  ];
  return toCsv(
    header,
    estimates.map((e) => [
      e.claim,
      e.dataset,
      e.depth,
      e.learningRate,
      e.measure,
      e.configuration,
      e.versus,
      e.estimate.n,
      e.estimate.seeds.join(' '),
      e.estimate.mean,
      e.estimate.std,
      e.estimate.low,
      e.estimate.high,
      e.interval,
    ]),
  );
}

/**
 * "-3.1 [-5.0, -1.2]" in percentage points for shares, 3 decimals for the loss; bold when the
 * interval excludes 0 (for a contrast), so a decisive difference reads at a glance.
 */
export function formatEstimate(estimate: Contrast, share: boolean, contrast: boolean): string {
  if (estimate.n === 0) return '–';
  const scale = share ? 100 : 1;
  const digits = share ? 1 : 3;
  const signed = (x: number) => {
    // Float noise (a mean of exact opposites gives 2e-15) is 0; any other value that rounds to 0
    // keeps one significant digit, so a bold interval never reads [.., 0.0].
    if (Math.abs(x) < 1e-12) return (0).toFixed(digits);
    const rounded = (x * scale).toFixed(digits);
    const text = Number(rounded) === 0 ? (x * scale).toPrecision(1) : rounded;
    return contrast && x > 0 ? `+${text}` : text;
  };
  const mean = signed(estimate.mean);
  if (estimate.low === null || estimate.high === null) return mean;
  const decisive = contrast && (estimate.low > 0 || estimate.high < 0);
  return `${decisive ? `**${mean}**` : mean} [${signed(estimate.low)}, ${signed(estimate.high)}]`;
}

/** One markdown table: a row per cell, a column per (measure, configuration, versus). */
export function claimTable(
  estimates: readonly Estimate[],
  claim: number,
  columns: readonly { title: string; measure: Measure; configuration: string; versus: string | null }[],
): string {
  const rows = estimates.filter((e) => e.claim === claim);
  const cells = [...new Map(rows.map((e) => [`${e.dataset}|${e.depth}|${e.learningRate}`, e])).values()];
  const lines = [
    `| data | depth | lr | n | ${columns.map((column) => column.title).join(' | ')} |`,
    `| --- | --- | --- | --- | ${columns.map(() => '---').join(' | ')} |`,
  ];
  for (const cell of cells) {
    const found = columns.map((column) =>
      rows.find(
        (e) =>
          e.dataset === cell.dataset &&
          e.depth === cell.depth &&
          e.learningRate === cell.learningRate &&
          e.measure === column.measure &&
          e.configuration === column.configuration &&
          e.versus === column.versus,
      ),
    );
    const n = Math.max(...found.map((e) => e?.estimate.n ?? 0));
    // A column over fewer seeds (a revival rate needs dead units to start from) says how many.
    const text = found.map((e, i) => {
      if (!e) return '–';
      const shown = formatEstimate(e.estimate, MEASURES[columns[i].measure].share, columns[i].versus !== null);
      return e.estimate.n > 0 && e.estimate.n < n ? `${shown} (n ${e.estimate.n})` : shown;
    });
    lines.push(`| ${cell.dataset} | ${cell.depth} | ${cell.learningRate} | ${n} | ${text.join(' | ')} |`);
  }
  return lines.join('\n');
}

/** The README's tables. */
export function claimsMarkdown(estimates: readonly Estimate[]): string {
  const leaky = (alpha: string) => `leaky_relu alpha=${alpha}`;
  const vsRelu = (title: string, measure: Measure, alpha: string) => ({
    title,
    measure,
    configuration: leaky(alpha),
    versus: 'relu',
  });
  const level = (title: string, measure: Measure, configuration: string) => ({
    title,
    measure,
    configuration,
    versus: null,
  });
  return [
    "# The Leaky ReLU article's claims: every table",
    '',
    "Made by scripts/analysis/claims.ts from the results folders of configs/seed-claims-*.yaml (the README's",
    '"The Leaky ReLU article\'s claims, measured" says how). Each Leaky ReLU run is paired with the ReLU run',
    'of the same dataset, depth, learning rate and seed; mean [95% interval]; **bold**: the interval excludes 0.',
    'Shares in %, their differences in percentage points (pp); n: seeds (pairs), fewer where a column says so.',
    '',
    '**1. Fewer dead units.** Dead at the last epoch: ReLU (%), and each Leaky ReLU minus ReLU (pp)',
    '',
    claimTable(estimates, 1, [
      level('relu', 'dead_final', 'relu'),
      vsRelu('α 0.01 − relu', 'dead_final', '0.01'),
      vsRelu('α 0.1 − relu', 'dead_final', '0.1'),
      vsRelu('α 0.3 − relu', 'dead_final', '0.3'),
    ]),
    '',
    '**2. Dead units recover.** Revivals per dead unit-epoch (%: units dead at one epoch and alive at the next, per unit dead), all hidden layers and the first alone; a run with no dead unit has no rate',
    '',
    claimTable(estimates, 2, [
      level('relu', 'revival_rate', 'relu'),
      level('α 0.01', 'revival_rate', leaky('0.01')),
      level('α 0.3', 'revival_rate', leaky('0.3')),
      vsRelu('α 0.01 − relu (pp)', 'revival_rate', '0.01'),
      level('layer 1: relu', 'revival_rate_layer1', 'relu'),
      level('layer 1: α 0.01', 'revival_rate_layer1', leaky('0.01')),
      vsRelu('layer 1: α 0.01 − relu (pp)', 'revival_rate_layer1', '0.01'),
    ]),
    '',
    '**3. Better and faster convergence.** Leaky ReLU α 0.01 minus ReLU: test accuracy and training loss at the last epoch (10), and after epoch 1 (@1)',
    '',
    claimTable(estimates, 3, [
      vsRelu('Δ test acc (pp)', 'test_accuracy', '0.01'),
      vsRelu('Δ loss', 'loss', '0.01'),
      vsRelu('Δ test acc @1 (pp)', 'test_accuracy_epoch1', '0.01'),
      vsRelu('Δ loss @1', 'loss_epoch1', '0.01'),
    ]),
    '',
    '**3, α 0.3.** The same for Leaky ReLU α 0.3 minus ReLU',
    '',
    claimTable(estimates, 3, [
      vsRelu('Δ test acc (pp)', 'test_accuracy', '0.3'),
      vsRelu('Δ loss', 'loss', '0.3'),
      vsRelu('Δ test acc @1 (pp)', 'test_accuracy_epoch1', '0.3'),
      vsRelu('Δ loss @1', 'loss_epoch1', '0.3'),
    ]),
    '',
    '**4. Deep networks benefit most.** (Leaky ReLU − ReLU) at depth 24 minus (Leaky ReLU − ReLU) at depth 4, per seed; plain t-interval; negative dead and loss, positive accuracy: the gain grows with depth',
    '',
    claimTable(estimates, 4, [
      vsRelu('α 0.01: dead (pp)', 'dead_final', '0.01'),
      vsRelu('α 0.01: test acc (pp)', 'test_accuracy', '0.01'),
      vsRelu('α 0.01: loss', 'loss', '0.01'),
      vsRelu('α 0.3: dead (pp)', 'dead_final', '0.3'),
      vsRelu('α 0.3: test acc (pp)', 'test_accuracy', '0.3'),
      vsRelu('α 0.3: loss', 'loss', '0.3'),
    ]),
    '',
    '**5. A small alpha is enough.** Leaky ReLU α 0.01 minus Leaky ReLU α 0.3 (claims.csv also has α 0.01 minus α 0.1)',
    '',
    claimTable(estimates, 5, [
      { title: 'dead (pp)', measure: 'dead_final', configuration: leaky('0.01'), versus: leaky('0.3') },
      { title: 'test acc (pp)', measure: 'test_accuracy', configuration: leaky('0.01'), versus: leaky('0.3') },
      { title: 'loss', measure: 'loss', configuration: leaky('0.01'), versus: leaky('0.3') },
      {
        title: 'test acc @1 (pp)',
        measure: 'test_accuracy_epoch1',
        configuration: leaky('0.01'),
        versus: leaky('0.3'),
      },
      { title: 'loss @1', measure: 'loss_epoch1', configuration: leaky('0.01'), versus: leaky('0.3') },
    ]),
    '',
  ].join('\n');
}

/** The runs of every folder, as claim runs. */
export function loadClaimRuns(folders: readonly string[]): ClaimRun[] {
  return folders.flatMap((folder) =>
    readFinishedResults(folder, relative(process.cwd(), folder) || folder).results.map(claimRun),
  );
}

function main(args: string[]): void {
  const csvAt = args.indexOf('--csv');
  const csvFile = csvAt >= 0 ? args[csvAt + 1] : undefined;
  const folders = args.filter((_, i) => csvAt < 0 || (i !== csvAt && i !== csvAt + 1));
  if (folders.length === 0 || (csvAt >= 0 && !csvFile)) {
    process.stderr.write('usage: node --import tsx scripts/analysis/claims.ts RESULTS_DIR... [--csv FILE]\n');
    process.exitCode = 2;
    return;
  }
  let estimates: Estimate[];
  try {
    estimates = analyseClaims(loadClaimRuns(folders));
  } catch (error) {
    // A missing or broken folder, or one cell given twice: one line, as the tool says it.
    process.stderr.write(`claims: ${(error as Error).message}\n`);
    process.exitCode = 2;
    return;
  }
  if (csvFile) writeFileAtomic(csvFile, claimsCsv(estimates));
  process.stdout.write(claimsMarkdown(estimates));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main(process.argv.slice(2));

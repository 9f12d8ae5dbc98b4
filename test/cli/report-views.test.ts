/**
 * `report` with charts and --html: charts go to stderr only (stdout is the same data with or
 * without them), on a terminal by default, coloured unless NO_COLOR; the HTML report goes where
 * --html says, and a bad --html or --config-filter is one line, exit 2, nothing written.
 */
import assert from 'node:assert/strict';
import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { cli, workspace } from '../helpers/cli.js';
import { tfjsModulesLoadedBy } from '../helpers/tfjs-probe.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/reference-result', import.meta.url));
// eslint-disable-next-line no-control-regex -- ANSI colour codes
const ANSI = /\x1b\[[0-9;]*m/;

/** The CLI as on a terminal of `columns` columns, with `env` as its environment. */
const onTerminal = (args: string[], env: Record<string, string>, columns = 70) =>
  cli(args, workspace(), { env, terminal: { columns } });

test('report: no charts off a terminal; --charts draws them on stderr and stdout stays the same', async () => {
  const dir = workspace();
  const plain = await cli(['report', FIXTURE], dir);
  assert.equal(plain.code, 0, plain.stderr);
  assert.equal(plain.stderr, '');
  const charted = await cli(['report', FIXTURE, '--charts'], dir);
  assert.equal(charted.code, 0, charted.stderr);
  assert.equal(charted.stdout, plain.stdout);
  assert.match(charted.stderr, /dead fraction over epochs/);
  assert.match(charted.stderr, /relu \(1 run\): dead fraction per layer/);
  assert.doesNotMatch(charted.stderr, ANSI, 'no colour off a terminal');
  const csv = await cli(['report', FIXTURE, '--charts', '--format', 'csv'], dir);
  assert.equal(csv.stdout, readFileSync(join(FIXTURE, 'summary.csv'), 'utf8'), 'stdout is the CSV alone');
});

test('report on a terminal: charts by default, in colour unless NO_COLOR; --no-charts and --config-filter', async () => {
  const colour = await onTerminal(['report', FIXTURE], {});
  assert.equal(colour.code, 0, colour.stderr);
  assert.match(colour.stderr, ANSI);
  const noColour = await onTerminal(['report', FIXTURE], { NO_COLOR: '1' });
  assert.match(noColour.stderr, /dead fraction over epochs/);
  assert.doesNotMatch(noColour.stderr, ANSI);
  assert.ok(
    noColour.stderr
      .split('\n')
      .filter((line) => /[┤┼└]/.test(line))
      .every((line) => [...line].length <= 70),
    'fits 70 columns',
  );
  assert.equal((await onTerminal(['report', FIXTURE, '--no-charts'], {})).stderr, '');
  const filtered = await onTerminal(['report', FIXTURE, '--config-filter', 'leaky'], { NO_COLOR: '1' });
  assert.match(filtered.stderr, /leaky_relu \(1 run\)/);
  assert.doesNotMatch(filtered.stderr, /^relu \(1 run\)/m);
});

test('report --charts fits one screen (the line chart and the heat map that tells most, a line naming the rest); --charts all draws every one', async () => {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const env = { COLUMNS: '80', NO_COLOR: '1' };
  const screen = await cli(['report', 'docs/pictures/example-result', '--charts', '--format', 'csv'], root, { env });
  assert.equal(screen.code, 0, screen.stderr);
  const lines = screen.stderr.split('\n').slice(0, -1);
  assert.ok(lines.length <= 40, `${lines.length} lines`);
  assert.match(screen.stderr, /^alpha=0 \(3 runs\): dead fraction per layer/m, 'alpha=0 ends with the most dead units');
  assert.doesNotMatch(screen.stderr, /^alpha=0\.3 \(3 runs\)/m);
  assert.equal(lines.at(-1), 'heat maps not drawn: alpha=0.01, alpha=0.1, alpha=0.3; --charts all draws them');
  const all = await cli(['report', 'docs/pictures/example-result', '--charts', 'all', '--format', 'csv'], root, {
    env,
  });
  assert.equal((all.stderr.match(/\(3 runs\): dead fraction per layer/g) ?? []).length, 4);
  assert.doesNotMatch(all.stderr, /not drawn/);
  const bad = await cli(['report', 'docs/pictures/example-result', '--charts', 'every'], root, { env });
  assert.equal(bad.code, 2);
  assert.equal(bad.stdout, '');
  assert.match(
    bad.stderr,
    /^error: option '--charts \[all\]' argument 'every' is invalid\. Allowed choices are all\.\n/,
  );
});

test('report --config-filter naming no configuration: one line, exit 2, nothing printed', async () => {
  const outcome = await cli(['report', FIXTURE, '--charts', '--config-filter', 'tanh'], workspace());
  assert.equal(outcome.code, 2);
  assert.equal(outcome.stdout, '');
  assert.equal(
    outcome.stderr,
    'dead-neurons: --config-filter: no configuration matches "tanh"; give a label ("relu", "leaky_relu"), part of one, or a row number from 1 to 2\n',
  );
});

test('report --html FILE writes one self-contained page; --html alone writes report.html into the folder', async () => {
  const dir = workspace();
  const outcome = await cli(['report', FIXTURE, '--html', 'page.html'], dir);
  assert.equal(outcome.code, 0, outcome.stderr);
  assert.equal(outcome.stderr, 'html report: page.html\n');
  const html = readFileSync(join(dir, 'page.html'), 'utf8');
  assert.match(html, /^<!DOCTYPE html>/);
  assert.equal((html.match(/<rect class="cell"/g) ?? []).length, 2 * 4 * 4, '2 configurations × 4 layers × epochs 0-3');
  cpSync(FIXTURE, join(dir, 'copy'), { recursive: true });
  const inFolder = await cli(['report', 'copy', '--html'], dir);
  assert.equal(inFolder.code, 0, inFolder.stderr);
  assert.equal(inFolder.stderr, 'html report: copy/report.html\n');
  assert.equal(readFileSync(join(dir, 'copy/report.html'), 'utf8'), html.replace(FIXTURE, 'copy'));
});

test('report --html into a folder that does not exist: one line, exit 2, nothing written or printed', async () => {
  const dir = workspace();
  const outcome = await cli(['report', FIXTURE, '--html', 'missing/page.html'], dir);
  assert.equal(outcome.code, 2);
  assert.equal(outcome.stdout, '');
  assert.equal(outcome.stderr, 'dead-neurons: --html missing/page.html: folder missing does not exist\n');
  assert.deepEqual(readdirSync(dir), []);
  const folder = await cli(['report', FIXTURE, '--html', '.'], dir);
  assert.equal(folder.code, 2);
  assert.equal(folder.stderr, 'dead-neurons: --html .: is a folder; give a file name\n');
  assert.equal(existsSync(join(FIXTURE, 'report.html')), false);
});

test('report --charts --html loads no TF.js module', () => {
  const dir = workspace();
  assert.deepEqual(tfjsModulesLoadedBy(['report', FIXTURE, '--charts', '--html', 'page.html'], dir), {
    code: 0,
    tfjsModules: 0,
  });
  assert.ok(existsSync(join(dir, 'page.html')));
});

test('docs/pictures/terminal-charts.txt and the README excerpt are what report --charts all draws now (npm run docs:pictures)', async () => {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const outcome = await cli(['report', 'docs/pictures/example-result', '--charts', 'all', '--format', 'csv'], root, {
    env: { COLUMNS: '80', NO_COLOR: '1' },
  });
  assert.equal(outcome.code, 0, outcome.stderr);
  const charts = outcome.stderr.replace(/^\n/, '');
  assert.equal(
    readFileSync(join(root, 'docs/pictures/terminal-charts.txt'), 'utf8'),
    charts,
    'run `npm run docs:pictures`',
  );
  const firstChart = charts.split('\n\n')[0];
  assert.ok(
    readFileSync(join(root, 'README.md'), 'utf8').includes(firstChart),
    'README excerpt: run `npm run docs:pictures`',
  );
});

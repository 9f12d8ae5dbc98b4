import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ConfigurationSeries } from '../../../../src/output/views/charts/series.js';
import { layerHeatMap, MAX_ROWS } from '../../../../src/output/views/charts/terminal-heatmap.js';
import { deadFractionLines, MAX_LINES } from '../../../../src/output/views/charts/terminal-lines.js';
import { terminalCharts } from '../../../../src/output/views/charts/terminal.js';

const point = (epoch: number, mean: number) => ({ epoch, n: 2, mean, std: 0, low: mean, high: mean });

function series(label: string, dead: number[], layers: number[][]): ConfigurationSeries {
  return {
    label,
    key: {},
    runs: 2,
    deadFraction: dead.map((mean, epoch) => point(epoch, mean)),
    loss: [],
    testAccuracy: [],
    layers,
  };
}

const RELU = series(
  'relu',
  [0.1, 0.3, 0.5],
  [
    [0, 0.2, 0.4],
    [0.3, 0.6, 1],
  ],
);
const LEAKY = series(
  'leaky_relu',
  [0.1, 0.2, 0.2],
  [
    [0, 0, 0],
    [0.1, 0.1, Number.NaN],
  ],
);
const PLAIN = { width: 40, color: false };
const WIDE = { width: 80, color: false };
// eslint-disable-next-line no-control-regex -- ANSI colour codes
const ANSI = /\x1b\[[0-9;]*m/g;

test('deadFractionLines: one line per configuration, each ending in its legend number, 0 to the next 10% above the data', () => {
  assert.equal(
    deadFractionLines([RELU, LEAKY], PLAIN),
    [
      'dead fraction over epochs (all hidden units, mean over seeds)',
      '  50%┤                       ╭─ 1',
      '  45%┤                    ╭──╯',
      '  40%┤                 ╭──╯',
      '  35%┤              ╭──╯',
      '  30%┤          ╭───╯',
      '  25%┤       ╭──╯',
      '  20%┤    ╭──╯ ╭─────────────── 2',
      '  15%┤ ╭─╭─────╯',
      '  10%┼───╯',
      '   5%┤',
      '   0%┤',
      '     └─────────────────────────',
      '     0          epoch         2',
      '  1 relu',
      '  2 leaky_relu',
      '',
    ].join('\n'),
  );
});

test('deadFractionLines: fits the terminal width, and a wide one gets a wider chart up to a limit', () => {
  for (const width of [40, 80, 200]) {
    const plotRows = deadFractionLines([RELU, LEAKY], { width, color: false })
      .split('\n')
      .filter((line) => /[┤┼└]/.test(line));
    const longest = Math.max(...plotRows.map((line) => [...line].length));
    assert.ok(longest <= Math.max(width, 40), `width ${width}: a line of ${longest}`);
    assert.ok(longest >= Math.min(width, 80) - 10, `width ${width}: uses the room (${longest})`);
  }
});

test('deadFractionLines: nothing over epochs for runs that trained none; past MAX_LINES a note', () => {
  assert.equal(deadFractionLines([series('init only', [0.4], [[0.4]])], PLAIN), '');
  const many = Array.from({ length: MAX_LINES + 2 }, (_, i) => series(`c${i}`, [0.1, 0.1 * i], [[0]]));
  const chart = deadFractionLines(many, PLAIN);
  assert.match(chart, /\(2 more configuration\(s\) not drawn; pick some with --config-filter\)/);
  assert.doesNotMatch(chart, /c8/);
});

test('deadFractionLines: colours only when asked, and the same chart underneath', () => {
  const colored = deadFractionLines([RELU, LEAKY], { width: 40, color: true });
  assert.match(colored, ANSI);
  assert.equal(colored.replace(ANSI, ''), deadFractionLines([RELU, LEAKY], PLAIN));
});

test('layerHeatMap: a row per layer, input side first; shades per quarter, · for none dead, blank for no data; each row ends in its numbers', () => {
  assert.equal(
    layerHeatMap(RELU, WIDE),
    [
      'relu (2 runs): dead fraction per layer (rows, input first) by epoch (columns)',
      'L1 ···░░░▒▒▒    0.0% →  40.0%',
      'L2 ▒▒▒▓▓▓███   30.0% → 100.0%',
      '   0       2  epoch',
      '   · 0  ░ ≤25%  ▒ ≤50%  ▓ ≤75%  █ ≤100% dead; numbers: epoch 0 → 2',
      '',
    ].join('\n'),
  );
  assert.equal(
    layerHeatMap(LEAKY, WIDE)
      .split('\n')
      .find((line) => line.startsWith('L2')),
    'L2 ░░░░░░      10.0% →      –',
  );
});

test('layerHeatMap: title and key wrap to the width; a run that trained no epoch has one number per row', () => {
  const map = layerHeatMap(RELU, PLAIN).split('\n');
  assert.deepEqual(map.slice(0, 2), [
    'relu (2 runs): dead fraction per layer',
    '  (rows, input first) by epoch (columns)',
  ]);
  assert.ok(
    map.every((line) => [...line].length <= 40),
    map.join('\n'),
  );
  const bornDead = layerHeatMap(series('init', [0.5], [[0.5], [1]]), WIDE).split('\n');
  assert.deepEqual(bornDead.slice(1, 5), [
    'L1 ▒▒▒   50.0%',
    'L2 ███  100.0%',
    '   0  epoch',
    '   · 0  ░ ≤25%  ▒ ≤50%  ▓ ≤75%  █ ≤100% dead; numbers: epoch 0',
  ]);
});

test('layerHeatMap: deep nets share rows between neighbouring layers; long runs share columns', () => {
  const layers = Array.from({ length: 40 }, (_, layer) => Array.from({ length: 200 }, () => (layer < 20 ? 0 : 1)));
  const map = layerHeatMap(series('deep', [], layers), { width: 60, color: false });
  const rows = map.split('\n').filter((line) => line.startsWith('L'));
  assert.equal(rows.length, MAX_ROWS);
  assert.deepEqual([rows[0].split(' ')[0], rows[15].split(' ')[0]], ['L1-2', 'L38-40']);
  assert.ok(rows.every((row) => [...row].length <= 60));
  assert.match(rows[0], /^L1-2 +·+ {4}0\.0% → {3}0\.0%$/);
  assert.match(rows[15], /^L38-40 +█+ {2}100\.0% → 100\.0%$/);
  assert.equal(
    layerHeatMap(series('deep', [], layers), { width: 60, color: false }, 4)
      .split('\n')
      .filter((line) => line.startsWith('L')).length,
    4,
  );
});

test('layerHeatMap: with colour, each shade painted on a 256-colour ramp; without the colour codes it is the plain map', () => {
  const colored = layerHeatMap(LEAKY, { width: 40, color: true });
  // eslint-disable-next-line no-control-regex -- ANSI colour codes
  assert.match(colored, /\x1b\[38;5;229m░/);
  assert.equal(
    colored.replace(ANSI, ''),
    layerHeatMap(LEAKY, PLAIN),
    'copied as text, the map keeps its shades and numbers',
  );
});

test('terminalCharts: every chart without a screen limit: the line chart, then a heat map per configuration', () => {
  const charts = terminalCharts([RELU, LEAKY], PLAIN);
  assert.equal(
    charts,
    [deadFractionLines([RELU, LEAKY], PLAIN), layerHeatMap(RELU, PLAIN), layerHeatMap(LEAKY, PLAIN)].join('\n'),
  );
  assert.equal(
    terminalCharts([RELU, LEAKY], { ...PLAIN, screenLines: 100 }),
    [deadFractionLines([RELU, LEAKY], PLAIN), layerHeatMap(RELU, PLAIN, 8), layerHeatMap(LEAKY, PLAIN, 8)].join('\n'),
  );
});

test('terminalCharts on one screen: the heat maps of the most and the fewest dead units first, in fewer rows; one line names the rest', () => {
  // c0 ends with 0% dead, c5 with 50%: c5 tells most, then c0, then c4, ...
  const many = Array.from({ length: 6 }, (_, i) =>
    series(
      `c${i}`,
      [0, 0.1 * i],
      Array.from({ length: 20 }, () => [0, 0.1 * i]),
    ),
  );
  const options = { width: 70, color: false };
  const lines = deadFractionLines(many, options);
  const map = (i: number) => layerHeatMap(many[i], options, 8);
  const mapLines = map(0).split('\n').length - 1;
  const lineChart = lines.split('\n').length - 1;
  // Room for the line chart and exactly two maps, with their blank lines and the closing note.
  const screen = lineChart + 2 * (mapLines + 1) + 2;
  const charts = terminalCharts(many, { ...options, screenLines: screen });
  assert.equal(
    charts,
    `${[lines, map(0), map(5)].join('\n')}\nheat maps not drawn: c1, c2, c3, c4; --charts all draws them\n`,
  );
  assert.equal(charts.split('\n').length - 1, screen);
  const one = terminalCharts(many, { ...options, screenLines: screen - 1 });
  assert.equal(
    one,
    `${[lines, map(5)].join('\n')}\nheat maps not drawn: c0, c1, c2, c3, c4; --charts all draws them\n`,
  );
  const narrow = terminalCharts(many, { width: 40, color: false, screenLines: 10 });
  assert.ok(
    narrow.startsWith(deadFractionLines(many, { width: 40, color: false })),
    'a line chart taller than the screen is still drawn',
  );
  assert.match(narrow, /\nheat maps not drawn: 6 configuration\(s\);\n {2}--charts all draws them\n$/);
});

/**
 * The progress line: elapsed time and the estimate of what is left at the pace so far, on the
 * width io gives (COLUMNS or the terminal's), redrawn in place; nothing off a terminal.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CliIo } from '../../../src/cli/process/io.js';
import { createProgress, formatDuration, timeText } from '../../../src/cli/views/progress.js';
import type { PlannedRun } from '../../../src/experiments/types.js';
import { reluRun } from '../../helpers/records.js';
import { tinyRunConfig } from '../../helpers/tiny-config.js';

test('formatDuration: seconds, then minutes and seconds, then hours and minutes', () => {
  assert.deepEqual([0, 499, 45_000, 185_000, 3_599_000, 7_620_000].map(formatDuration), [
    '0s',
    '0s',
    '45s',
    '3m05s',
    '59m59s',
    '2h07m',
  ]);
});

test('timeText: the estimate is the pace so far times the work left; none before any work', () => {
  assert.equal(timeText(12_000, 0, 40), '12s');
  assert.equal(timeText(12_000, 10, 40), '12s, eta 36s');
  assert.equal(timeText(60_000, 40, 40), '1m00s, eta 0s');
});

/** A terminal of `columns` columns whose clock the test moves. */
function terminal(columns: number): { io: CliIo; written: () => string; advance: (ms: number) => void } {
  let text = '';
  let clock = Date.UTC(2026, 0, 1);
  const io: CliIo = {
    stdout: () => {},
    stderr: (chunk) => void (text += chunk),
    stderrIsTTY: true,
    columns,
    now: () => new Date(clock),
    cwd: '/',
  };
  return { io, written: () => text, advance: (ms) => void (clock += ms) };
}

const run = (runId: string, epochs: number): PlannedRun => ({
  runId,
  index: 0,
  swept: { 'model.activation': 'relu' },
  config: tinyRunConfig({ training: { epochs } }),
});

test('createProgress: runs done, elapsed and eta first, then the run; cut to the width io gives, not the process stderr', () => {
  const { io, written, advance } = terminal(60);
  // Two runs of 3 epochs each: 8 records to come (initialisation and 3 epochs each).
  const progress = createProgress(io, 2, [run('r001', 3), run('r002', 3)], true);
  const record = reluRun().epochs[1];
  advance(3000);
  progress.epoch(run('r001', 3), record, 3);
  advance(3000);
  progress.epoch(run('r001', 3), record, 3);
  const lines = written().split('\r\x1b[2K').slice(1);
  // 3 s for one record of eight: 21 s to go; 6 s for two: 18 s. One column short of 60.
  assert.deepEqual(lines, [
    '[0/2 runs, 3s, eta 21s] r001 relu: epoch 1/3  loss 0.5000  ',
    '[0/2 runs, 6s, eta 18s] r001 relu: epoch 1/3  loss 0.5000  ',
  ]);
});

test('createProgress: a run that stopped early counts as done; nothing at all off a terminal', () => {
  const { io, written } = terminal(100);
  const progress = createProgress(io, 1, [run('r001', 9)], true);
  progress.runDone(1, run('r001', 9));
  assert.match(written(), /\[1\/1 runs, \d+s, eta 0s\]$/);
  progress.done();
  assert.ok(written().endsWith('\r\x1b[2K'));
  const off = terminal(100);
  const silent = createProgress({ ...off.io, stderrIsTTY: false }, 1, [run('r001', 9)], true);
  silent.epoch(run('r001', 9), reluRun().epochs[0], 9);
  silent.done();
  assert.equal(off.written(), '');
});

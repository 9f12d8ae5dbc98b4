/**
 * reproduce on another backend: epoch 0 must agree up to rounding, and final metrics must show no
 * systematic shift per configuration (paired t-test, Bonferroni to a 1% family-wise level).
 */
import assert from 'node:assert/strict';
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { cli, TINY_CONFIG, workspace } from '../helpers/cli.js';

// Three seeds per configuration so the paired test can run; long enough that cpu and wasm part ways.
const SWEEP = {
  ...TINY_CONFIG,
  training: { ...TINY_CONFIG.training, epochs: 6 },
  sweep: { 'model.activation': ['relu', 'leaky_relu'], seed: [1, 2, 3] },
};

describe('reproduce across backends', () => {
  const dir = workspace({ 'sweep.json': JSON.stringify(SWEEP) });
  const ready = cli(['run', 'sweep.json', '--out', 'stored', '-q', '--jobs', '1'], dir);

  test('a faithful result passes with the method printed, though individual values differ', async () => {
    assert.equal((await ready).code, 0);
    const outcome = await cli(['reproduce', 'stored', '--backend', 'wasm', '--jobs', '1'], dir);
    assert.equal(outcome.code, 0, outcome.stderr + outcome.stdout);
    assert.match(
      outcome.stderr,
      /reproducing 6 run\(s\) on wasm .*; another backend: epoch 0 within 0\.001; final metrics per configuration by a paired t-test/,
    );
    assert.match(outcome.stdout, /each test at p < 0\.00125 \(0\.01 over 8 tests\)/);
    assert.equal((outcome.stdout.match(/consistent/g) ?? []).length, 8);
    assert.match(
      outcome.stdout,
      /reproduced across backends: epoch 0 within 0\.001, no systematic shift in final metrics\n$/,
    );
    // The same runs compared value by value do drift: that is what the statistical check is for.
    const strict = await cli(
      ['reproduce', 'stored', '--backend', 'wasm', '--tolerance', '1e-9', '-q', '--jobs', '1'],
      dir,
    );
    assert.equal(strict.code, 1);
  });

  test('a systematic shift in a stored final metric fails, naming it', async () => {
    await ready;
    cpSync(join(dir, 'stored'), join(dir, 'shifted'), { recursive: true });
    // Every relu run's last loss moved up by 0.5: a shift no rounding explains.
    for (const file of readdirSync(join(dir, 'shifted', 'runs'))) {
      const path = join(dir, 'shifted', 'runs', file);
      const record = JSON.parse(readFileSync(path, 'utf8'));
      if (record.swept['model.activation'] !== 'relu') continue;
      record.epochs[record.epochs.length - 1].loss += 0.5;
      writeFileSync(path, JSON.stringify(record));
    }
    const outcome = await cli(['reproduce', 'shifted', '--backend', 'wasm', '-q', '--jobs', '1'], dir);
    assert.equal(outcome.code, 1);
    assert.match(outcome.stdout, /relu\s+│ final loss\s+│ 3 .*SHIFTED/);
    assert.match(
      outcome.stderr,
      /dead-neurons: drift across backends: 1 final metric\(s\) shifted systematically \(shifted\); \d CSV file\(s\) also do not match runs\/\*\.json\n$/,
    );
  });

  test('an epoch-0 value changed beyond rounding fails', async () => {
    await ready;
    cpSync(join(dir, 'stored'), join(dir, 'init'), { recursive: true });
    const path = join(dir, 'init', 'runs', 'r001.json');
    const record = JSON.parse(readFileSync(path, 'utf8'));
    record.epochs[0].loss *= 1.01;
    writeFileSync(path, JSON.stringify(record));
    const outcome = await cli(['reproduce', 'init', '--backend', 'wasm', '-q', '--jobs', '1'], dir);
    assert.equal(outcome.code, 1);
    assert.match(outcome.stderr, /drift across backends: 1 value\(s\) at initialisation differ by more than 0\.001/);
  });
});

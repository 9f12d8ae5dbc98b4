/**
 * How `auto` chooses, without loading anything: the order follows the work of a pack's step
 * (native from runs × width² × batch ≥ 2^15, WebAssembly below, cpu last), the plan's largest auto
 * pack decides, and the reason printed says which side of the threshold it is on.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  autoOrder,
  autoReason,
  largestAutoStep,
  NATIVE_MIN_STEP_WORK,
  packStepWork,
  stepWork,
  withAutoResolved,
} from '../../../src/experiments/backend/choose.js';
import type { RunConfig } from '../../../src/experiments/config/schema.js';
import { BACKENDS } from '../../../src/experiments/config/tables.js';
import type { PlannedRun } from '../../../src/experiments/types.js';
import { tinyRunConfig } from '../../helpers/tiny-config.js';

/** A planned run of the given backend, width and batch size. */
function plannedRun(
  index: number,
  backend: RunConfig['backend'],
  width: number,
  batchSize: number,
  pack?: number,
): PlannedRun {
  return {
    runId: `r${String(index + 1).padStart(3, '0')}`,
    index,
    ...(pack === undefined ? {} : { pack }),
    swept: {},
    config: tinyRunConfig({ backend, model: { width }, training: { batchSize } }),
  };
}

describe('stepWork and autoOrder', () => {
  test('stepWork is width² × batch size', () => {
    assert.equal(stepWork(tinyRunConfig({ model: { width: 64 }, training: { batchSize: 64 } })), 2 ** 18);
    assert.equal(stepWork(tinyRunConfig({ model: { width: 8 }, training: { batchSize: 32 } })), 2048);
    assert.equal(stepWork(tinyRunConfig({ model: { width: 256, depth: 1 }, training: { batchSize: 256 } })), 2 ** 24);
  });

  test('the threshold is 2^15 per pack step (2 runs of width 16 at batch 64)', () => {
    assert.equal(NATIVE_MIN_STEP_WORK, 2 ** 15);
  });

  test('what `list`, the schema and the README say auto does is this rule', () => {
    assert.match(
      BACKENDS.auto,
      /largest pack step: tensorflow from runs × width² × batch ≥ 2\^(\d+) per step, wasm below, cpu last/,
    );
    assert.equal(Number(/2\^(\d+)/.exec(BACKENDS.auto)![1]), Math.log2(NATIVE_MIN_STEP_WORK));
  });

  test('steps of the threshold and up prefer tensorflow', () => {
    assert.deepEqual(autoOrder(2 ** 15), ['tensorflow', 'wasm', 'cpu']);
    assert.deepEqual(autoOrder(256 ** 2 * 256), ['tensorflow', 'wasm', 'cpu']);
  });

  test('smaller steps prefer wasm, up to just below the threshold', () => {
    assert.deepEqual(autoOrder(2 ** 15 - 1), ['wasm', 'tensorflow', 'cpu']);
    assert.deepEqual(autoOrder(8 ** 2 * 32), ['wasm', 'tensorflow', 'cpu']);
    assert.deepEqual(autoOrder(0), ['wasm', 'tensorflow', 'cpu']);
  });

  test('cpu is always the last resort', () => {
    for (const work of [0, 1, 2 ** 15 - 1, 2 ** 15, 2 ** 30]) assert.equal(autoOrder(work).at(-1), 'cpu');
  });
});

describe('autoReason', () => {
  test('says which side of the threshold the largest step is on', () => {
    assert.equal(
      autoReason({ width: 16, batchSize: 64 }, 'wasm'),
      'auto: faster than native below runs×width²×batch 2^15 per pack step (largest here 1×16²×64)',
    );
    assert.equal(
      autoReason({ runs: 9, width: 16, batchSize: 64 }, 'tensorflow'),
      'auto: native is faster from runs×width²×batch 2^15 per pack step (largest here 9×16²×64)',
    );
  });

  test('names each faster backend that did not load, and why', () => {
    assert.equal(
      autoReason({ width: 64, batchSize: 64 }, 'wasm', [
        ['tensorflow', 'libtensorflow.so.2: cannot open shared object file'],
      ]),
      'auto: native is faster from runs×width²×batch 2^15 per pack step (largest here 1×64²×64); tensorflow did not load (libtensorflow.so.2: cannot open shared object file)',
    );
    assert.equal(
      autoReason({ width: 8, batchSize: 32 }, 'tensorflow', [['wasm', 'no WebAssembly']]),
      'auto: wasm is faster than native below runs×width²×batch 2^15 per pack step (largest here 1×8²×32); wasm did not load (no WebAssembly)',
    );
  });
});

describe('largestAutoStep and withAutoResolved', () => {
  test('no run asks for auto: no step decides', () => {
    assert.equal(largestAutoStep([plannedRun(0, 'cpu', 256, 256), plannedRun(1, 'wasm', 8, 32)]), null);
    assert.equal(largestAutoStep([]), null);
  });

  test('the auto pack whose step does most decides; explicit runs do not count', () => {
    const plan = [
      plannedRun(0, 'auto', 8, 32),
      plannedRun(1, 'auto', 64, 64),
      plannedRun(2, 'cpu', 256, 256),
      plannedRun(3, 'auto', 16, 32),
    ];
    assert.deepEqual(largestAutoStep(plan), { runs: 1, width: 64, batchSize: 64 });
  });

  test('runs of one pack add up; unpacked runs (plans from before packs) are packs of their own', () => {
    const packed = [
      plannedRun(0, 'auto', 16, 64, 0),
      plannedRun(1, 'auto', 16, 64, 0),
      plannedRun(2, 'auto', 20, 64, 1),
    ];
    assert.deepEqual(largestAutoStep(packed), { runs: 2, width: 16, batchSize: 64 });
    assert.equal(packStepWork({ runs: 2, width: 16, batchSize: 64 }), 2 ** 15);
    assert.deepEqual(largestAutoStep([plannedRun(0, 'auto', 16, 64), plannedRun(1, 'auto', 16, 64)]), {
      runs: 1,
      width: 16,
      batchSize: 64,
    });
  });

  test('on a tie the first pack in plan order decides', () => {
    const plan = [plannedRun(0, 'auto', 16, 64, 0), plannedRun(1, 'auto', 32, 16, 1)];
    assert.deepEqual(largestAutoStep(plan), { runs: 1, width: 16, batchSize: 64 });
  });

  test('withAutoResolved replaces auto only, and leaves its input as it was', () => {
    const plan = [plannedRun(0, 'auto', 8, 32), plannedRun(1, 'cpu', 8, 32)];
    const resolved = withAutoResolved(plan, 'wasm');
    assert.deepEqual(
      resolved.map((run) => run.config.backend),
      ['wasm', 'cpu'],
    );
    assert.equal(resolved[1], plan[1]);
    assert.deepEqual(
      plan.map((run) => run.config.backend),
      ['auto', 'cpu'],
    );
  });
});

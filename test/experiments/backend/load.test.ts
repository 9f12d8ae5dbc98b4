/**
 * `auto` resolved on a plan, loading what it chooses: explicit backends are never changed, and the
 * whole plan gets one backend, chosen from its largest pack step (native from runs × width² × batch
 * ≥ 2^15, WebAssembly below).
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import { probeBackends, resolveAutoBackend } from '../../../src/experiments/backend/load.js';
import type { RunConfig } from '../../../src/experiments/config/schema.js';
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

describe('resolveAutoBackend', () => {
  /** Whether tfjs-node loads here; the native-dependent test is skipped where it does not. */
  let nativeLoads = false;
  before(async () => {
    nativeLoads = (await probeBackends()).find((probe) => probe.name === 'tensorflow')?.loads ?? false;
  });

  test('a plan of explicit backends is returned untouched and switches no backend', async () => {
    const plan = [plannedRun(0, 'cpu', 256, 256), plannedRun(1, 'wasm', 8, 32), plannedRun(2, 'tensorflow', 8, 32)];
    const snapshot = structuredClone(plan);
    const current = tf.getBackend();
    const resolved = await resolveAutoBackend(plan);
    assert.equal(tf.getBackend(), current, 'no backend switched');
    assert.equal(resolved.backend, null);
    assert.equal(resolved.reason, null);
    assert.deepEqual(resolved.plan, snapshot);
    assert.deepEqual(plan, snapshot, 'input not mutated');
  });

  test('a narrow plan gets wasm for every auto run; explicit runs keep theirs', async () => {
    const plan = [plannedRun(0, 'auto', 8, 32), plannedRun(1, 'cpu', 8, 32), plannedRun(2, 'auto', 16, 64)];
    const resolved = await resolveAutoBackend(plan);
    assert.equal(resolved.backend?.name, 'wasm');
    assert.equal(
      resolved.reason,
      'auto: faster than native below runs×width²×batch 2^15 per pack step (largest here 1×16²×64)',
    );
    assert.deepEqual(
      resolved.plan.map((run) => run.config.backend),
      ['wasm', 'cpu', 'wasm'],
    );
    // Only the backend changes; the input plan still says auto.
    assert.deepEqual(
      resolved.plan.map((run) => ({ ...run.config, backend: 'auto' })),
      [plan[0].config, { ...plan[1].config, backend: 'auto' }, plan[2].config],
    );
    assert.deepEqual(
      plan.map((run) => run.config.backend),
      ['auto', 'cpu', 'auto'],
    );
  });

  test('one wide run among narrow ones puts the whole plan on tensorflow: chosen from the largest step', async (t) => {
    // CI provisions the native backend and sets this, so there a missing backend fails instead.
    if (!nativeLoads && process.env.DEAD_NEURONS_REQUIRE_NATIVE !== '1') {
      t.skip('tfjs-node does not load here, so wide and narrow plans both resolve to wasm');
      return;
    }
    // The first run is narrow (wasm on its own); the largest step decides for all.
    const plan = [
      plannedRun(0, 'auto', 8, 32),
      plannedRun(1, 'auto', 64, 64),
      plannedRun(2, 'cpu', 256, 256),
      plannedRun(3, 'auto', 16, 32),
    ];
    const resolved = await resolveAutoBackend(plan);
    assert.equal(resolved.backend?.name, 'tensorflow');
    assert.equal(
      resolved.reason,
      'auto: native is faster from runs×width²×batch 2^15 per pack step (largest here 1×64²×64)',
    );
    assert.deepEqual(
      resolved.plan.map((run) => run.config.backend),
      ['tensorflow', 'tensorflow', 'cpu', 'tensorflow'],
    );
  });

  test("a pack of narrow runs is as much work as a wide run: the pack's step decides", async (t) => {
    if (!nativeLoads && process.env.DEAD_NEURONS_REQUIRE_NATIVE !== '1') {
      t.skip('tfjs-node does not load here');
      return;
    }
    // Alone each is 16²×64 = 2^14, wasm's side; two in one pack make 2^15.
    const alone = await resolveAutoBackend([plannedRun(0, 'auto', 16, 64), plannedRun(1, 'auto', 16, 64)]);
    assert.equal(alone.backend?.name, 'wasm');
    const packed = await resolveAutoBackend([plannedRun(0, 'auto', 16, 64, 0), plannedRun(1, 'auto', 16, 64, 0)]);
    assert.equal(packed.backend?.name, 'tensorflow');
    assert.equal(
      packed.reason,
      'auto: native is faster from runs×width²×batch 2^15 per pack step (largest here 2×16²×64)',
    );
  });

  test("an explicit wide run does not count toward the auto runs' step", async () => {
    // Only auto runs decide: the 256-wide cpu run would choose tensorflow if it counted.
    const plan = [plannedRun(0, 'auto', 8, 32), plannedRun(1, 'cpu', 256, 256)];
    const resolved = await resolveAutoBackend(plan);
    assert.equal(resolved.backend?.name, 'wasm');
    assert.deepEqual(
      resolved.plan.map((run) => run.config.backend),
      ['wasm', 'cpu'],
    );
  });
});

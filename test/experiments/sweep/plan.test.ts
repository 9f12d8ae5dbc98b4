import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildRawExperiment } from '../../../src/experiments/config/load.js';
import { ConfigError } from '../../../src/errors.js';
import { cartesian } from '../../../src/experiments/config/combinations.js';
import { planRuns } from '../../../src/experiments/sweep/plan.js';

const plan = (content: Record<string, unknown>, sweep: string[] = []) =>
  planRuns(buildRawExperiment(content, 'c.yaml', { sweep }));

describe('sweep expansion', () => {
  test('cartesian product with the first path outermost', () => {
    assert.deepEqual(cartesian({ a: [1, 2], b: ['x', 'y'] }), [
      [
        ['a', 1],
        ['b', 'x'],
      ],
      [
        ['a', 1],
        ['b', 'y'],
      ],
      [
        ['a', 2],
        ['b', 'x'],
      ],
      [
        ['a', 2],
        ['b', 'y'],
      ],
    ]);
    assert.deepEqual(cartesian({}), [[]]);
  });

  test('alpha swept under relu collapses to one run; run ids follow the collapsed order', () => {
    const runs = plan({ sweep: { 'model.activation': ['relu', 'leaky_relu'], 'model.alpha': [0.01, 0.1, 0.3] } });
    assert.deepEqual(
      runs.map((run) => [run.runId, run.swept['model.activation'], run.swept['model.alpha']]),
      [
        ['r001', 'relu', null],
        ['r002', 'leaky_relu', 0.01],
        ['r003', 'leaky_relu', 0.1],
        ['r004', 'leaky_relu', 0.3],
      ],
    );
  });

  test('the issue example: 2 activations x 3 alphas x 3 seeds gives 3 + 9 = 12 runs', () => {
    const runs = plan({
      sweep: { 'model.activation': ['relu', 'leaky_relu'], 'model.alpha': [0.01, 0.1, 0.3], seed: [1, 2, 3] },
    });
    assert.equal(runs.length, 12);
    assert.deepEqual(
      runs.slice(0, 3).map((run) => run.config.seed),
      [1, 2, 3],
    );
  });

  test('momentum swept under adam collapses; under momentum it does not', () => {
    assert.equal(plan({ sweep: { 'training.momentum': [0.5, 0.9] } }).length, 1);
    assert.equal(plan({ training: { optimizer: 'momentum' }, sweep: { 'training.momentum': [0.5, 0.9] } }).length, 2);
  });

  test('each activation gets its own default alpha when alpha is not given', () => {
    const runs = plan({ sweep: { 'model.activation': ['leaky_relu', 'elu', 'prelu', 'selu'] } });
    assert.deepEqual(
      runs.map((run) => run.config.model.alpha),
      [0.01, 1, 0.25, null],
    );
  });

  test('--sweep replaces a sweep entry of the file', () => {
    const runs = plan({ sweep: { 'model.depth': [1, 2, 3] } }, ['model.depth=4,5']);
    assert.deepEqual(
      runs.map((run) => run.config.model.depth),
      [4, 5],
    );
  });

  test('a bad value anywhere in the sweep names the sweep entry', () => {
    assert.throws(
      () => plan({ sweep: { 'model.depth': [2, -1], seed: [1, 2] } }),
      (error: unknown) =>
        error instanceof ConfigError &&
        error.problems.length === 1 &&
        error.problems[0] === 'c.yaml: sweep.model.depth: must be an integer >= 1, got -1',
    );
  });
});

/**
 * The compact sweep form `seed: {from: 1, to: 1000}`: expanded when the config is read, so a
 * thousand-seed sweep needs one line and plans exactly like the written-out list.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildRawExperiment, loadExperiment } from '../../../src/experiments/config/load.js';
import { MAX_RANGE_VALUES, sweepValues } from '../../../src/experiments/config/sweep-range.js';
import { planRuns } from '../../../src/experiments/sweep/plan.js';
import { workspace } from '../../helpers/cli.js';
import { configProblems } from '../../helpers/config-errors.js';

const problems = configProblems;

describe('sweepValues', () => {
  test('a range lists its integers, both ends included', () => {
    assert.deepEqual(sweepValues({ from: 3, to: 6 }), { values: [3, 4, 5, 6] });
    assert.deepEqual(sweepValues({ from: -1, to: -1 }), { values: [-1] });
  });

  test('lists stay as written and a single value becomes a one-item list', () => {
    assert.deepEqual(sweepValues([1, 'x']), { values: [1, 'x'] });
    assert.deepEqual(sweepValues(7), { values: [7] });
  });

  test('a malformed range states the rule', () => {
    const rule = 'a range must be {from: A, to: B} with integers A <= B';
    assert.deepEqual(sweepValues({ from: 5, to: 1 }), { problem: `${rule}, got {"from":5,"to":1}` });
    assert.deepEqual(sweepValues({ from: 1.5, to: 3 }), { problem: `${rule}, got {"from":1.5,"to":3}` });
    assert.deepEqual(sweepValues({ from: 1 }), { problem: `${rule}, got {"from":1}` });
    assert.deepEqual(sweepValues({ from: 1, to: 3, step: 2 }), { problem: `${rule}; unknown key "step"` });
    assert.deepEqual(sweepValues({ from: 1, to: MAX_RANGE_VALUES + 1 }), {
      problem: `a range may hold at most ${MAX_RANGE_VALUES} values, got ${MAX_RANGE_VALUES + 1}`,
    });
  });
});

describe('ranges in a config file', () => {
  test('seed: {from: 1, to: 1000} plans the same runs as the written-out list', () => {
    const listed = Array.from({ length: 1000 }, (_, i) => i + 1);
    const fromRange = planRuns(buildRawExperiment({ sweep: { seed: { from: 1, to: 1000 } } }, 'c.yaml'));
    const fromList = planRuns(buildRawExperiment({ sweep: { seed: listed } }, 'c.yaml'));
    assert.equal(fromRange.length, 1000);
    assert.deepEqual(fromRange, fromList);
  });

  test('YAML flow and block forms both read as ranges', () => {
    const dir = workspace({
      'flow.yaml': 'sweep:\n  seed: {from: 1, to: 4}\n',
      'block.yaml': 'sweep:\n  model.depth:\n    from: 2\n    to: 3\n',
    });
    assert.deepEqual(loadExperiment('flow.yaml', {}, dir).config.sweep, { seed: [1, 2, 3, 4] });
    assert.deepEqual(loadExperiment('block.yaml', {}, dir).config.sweep, { 'model.depth': [2, 3] });
  });

  test('a bad range is one line naming the file and the sweep entry', () => {
    assert.deepEqual(
      problems(() => buildRawExperiment({ sweep: { seed: { from: 10, to: 1 } } }, 'c.yaml')),
      ['c.yaml: sweep.seed: a range must be {from: A, to: B} with integers A <= B, got {"from":10,"to":1}'],
    );
  });
});

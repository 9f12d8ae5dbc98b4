import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CONFIG_FIELDS, setPath, suggestPath } from '../../../src/experiments/config/paths.js';
import { buildRawExperiment, validateExperiment } from '../../../src/experiments/config/load.js';
import { runConfigSchema } from '../../../src/experiments/config/schema.js';
import { planRuns } from '../../../src/experiments/sweep/plan.js';
import { ConfigError } from '../../../src/errors.js';
import { configProblems } from '../../helpers/config-errors.js';

const problems = (content: Record<string, unknown>, set: string[] = []): readonly string[] =>
  configProblems(() => validateExperiment(buildRawExperiment(content, 'c.json', { set })));

describe('config schema', () => {
  test('an empty config resolves to our stated defaults, not TF.js defaults', () => {
    const config = runConfigSchema.parse({});
    assert.deepEqual(config.model, {
      depth: 20,
      width: 64,
      activation: 'relu',
      init: 'he_normal',
      biasInit: 0,
      alpha: null,
    });
    assert.equal(runConfigSchema.parse({ model: { activation: 'leaky_relu' } }).model.alpha, 0.01);
    assert.equal(runConfigSchema.parse({ model: { activation: 'elu' } }).model.alpha, 1);
    assert.equal(runConfigSchema.parse({ model: { activation: 'prelu' } }).model.alpha, 0.25);
    assert.equal(runConfigSchema.parse({ model: { activation: 'leaky_relu', alpha: 0 } }).model.alpha, 0);
    assert.deepEqual(config.training, {
      epochs: 10,
      batchSize: 64,
      optimizer: 'adam',
      learningRate: 0.001,
      momentum: null,
    });
  });

  test('a resolved config parses back to itself', () => {
    for (const input of [
      {},
      { model: { activation: 'prelu' } },
      { training: { optimizer: 'momentum' } },
      { dataset: { kind: 'gaussian', inputDim: 7, classes: 3 } },
      { dataset: { kind: 'csv', path: 'd.csv', target: 'y' } },
      { dataset: { kind: 'csv', path: 'd.csv.gz', target: 64, header: false, skipRows: 1 } },
    ]) {
      const resolved = runConfigSchema.parse(input);
      assert.deepEqual(runConfigSchema.parse(JSON.parse(JSON.stringify(resolved))), resolved);
    }
  });

  test('every problem is reported at once, one line each', () => {
    assert.deepEqual(problems({ model: { depth: 0, width: 1.5 }, metrics: { nearDeadThreshold: 2 } }), [
      'c.json: model.depth: must be an integer >= 1, got 0',
      'c.json: model.width: must be an integer >= 1, got 1.5',
      'c.json: metrics.nearDeadThreshold: must be a number in [0, 1], got 2',
    ]);
  });

  test('fields that a dataset kind fixes are rejected with the rule', () => {
    assert.deepEqual(problems({ dataset: { kind: 'spirals', inputDim: 5 } }), [
      'c.json: dataset.inputDim: only applies to gaussian, blobs, teacher; spirals fixes its input dimension',
    ]);
  });

  test('csv layout: header true and skipRows 0 by default for csv, null (not applicable) for other kinds, refused there when set', () => {
    const csv = runConfigSchema.parse({ dataset: { kind: 'csv', path: 'd.csv', target: 0 } }).dataset;
    assert.deepEqual([csv.header, csv.skipRows], [true, 0]);
    const spirals = runConfigSchema.parse({ dataset: { kind: 'spirals', header: true, skipRows: 0 } }).dataset;
    assert.deepEqual([spirals.header, spirals.skipRows], [null, null]);
    assert.deepEqual(problems({ dataset: { kind: 'moons', header: false, skipRows: 2 } }), [
      'c.json: dataset.header: only applies to csv',
      'c.json: dataset.skipRows: only applies to csv',
    ]);
    assert.deepEqual(problems({ dataset: { kind: 'csv', path: 'd.csv', target: 0, header: 'no', skipRows: -1 } }), [
      'c.json: dataset.header: must be true or false, got "no"',
      'c.json: dataset.skipRows: must be an integer >= 0, got -1',
    ]);
  });

  test("baseline: an experiment field (no run has it); left out, the sweep's default; FIELD=VALUE checked against the sweep", () => {
    const validated = (content: Record<string, unknown>, baseline?: string) =>
      validateExperiment(buildRawExperiment(content, 'c.json', { baseline }));
    const sweep = { 'model.depth': [4, 24], 'model.activation': ['relu', 'leaky_relu'], seed: [1, 2] };
    assert.equal(validated({ sweep }).baseline, 'model.activation=relu');
    assert.equal(validated({ sweep: { 'model.depth': [4, 24] } }).baseline, 'model.depth=4');
    assert.equal(validated({}).baseline, null);
    assert.equal(validated({ sweep, baseline: 'model.depth=24' }).baseline, 'model.depth=24');
    assert.equal(
      validated({ sweep, baseline: 'model.depth=24' }, 'model.activation=leaky_relu').baseline,
      'model.activation=leaky_relu',
    );
    assert.deepEqual(buildRawExperiment({ sweep, baseline: 'relu' }, 'c.json').base, {});
    assert.deepEqual(
      configProblems(() => validated({ sweep, baseline: 'model.width=8' })),
      ['c.json: baseline: model.width is not swept (swept: model.depth, model.activation)'],
    );
    assert.deepEqual(
      configProblems(() => validated({ sweep }, 'model.depth=8')),
      ['--baseline: model.depth=8: model.depth is swept over 4, 24'],
    );
    assert.deepEqual(
      configProblems(() => validated({ sweep, baseline: 3 })),
      [
        'c.json: baseline: must be FIELD=VALUE (e.g. model.activation=relu), a configuration label or a row number, as a string, got 3',
      ],
    );
  });

  test('--set values are read as YAML scalars and blamed on the flag', () => {
    const raw = buildRawExperiment({}, 'c.json', {
      set: ['model.depth=50', 'model.activation=tanh', 'dataset.target=y'],
    });
    assert.deepEqual(raw.base, { model: { depth: 50, activation: 'tanh' }, dataset: { target: 'y' } });
    assert.deepEqual(problems({}, ['training.learningRate=-1']), [
      '--set training.learningRate=-1: training.learningRate: must be a number > 0, got -1',
    ]);
  });

  test('--set on a swept path is refused (the sweep would win silently), pointing at --sweep', () => {
    assert.deepEqual(problems({ sweep: { 'model.width': [2, 3] } }, ['model.width=2']), [
      '--set model.width=2: model.width is swept by c.json; to run one value, use --sweep model.width=2',
    ]);
    const both = () => buildRawExperiment({}, 'c.json', { set: ['model.alpha=0.1'], sweep: ['model.alpha=0,0.3'] });
    assert.throws(
      both,
      (error: ConfigError) =>
        error.problems.join() ===
        '--set model.alpha=0.1: model.alpha is swept by --sweep; to run one value, use --sweep model.alpha=0.1',
    );
  });

  test("--set on a swept path with a misspelt name: the value's problem and what it meant, and --sweep with that name", () => {
    const swept = { sweep: { 'model.activation': ['relu', 'leaky_relu'] } };
    const ACTIVATIONS = 'relu, leaky_relu, prelu, elu, selu, gelu, silu, tanh';
    assert.deepEqual(problems(swept, ['model.activation=lrelu']), [
      `--set model.activation=lrelu: model.activation: must be one of ${ACTIVATIONS}, got "lrelu" (did you mean leaky_relu?); ` +
        'model.activation is swept by c.json: to run one value, use --sweep model.activation=leaky_relu',
    ]);
    // Nothing close: the rule alone, and no command to try.
    assert.deepEqual(problems(swept, ['model.activation=foo']), [
      `--set model.activation=foo: model.activation: must be one of ${ACTIVATIONS}, got "foo"; model.activation is swept by c.json`,
    ]);
  });

  test('--set on a swept path: no --sweep hint that would fail; the problem it would meet instead', () => {
    assert.deepEqual(problems({ sweep: { 'dataset.kind': ['spirals', 'moons'] } }, ['dataset.kind=csv']), [
      '--set dataset.kind=csv: dataset.kind is swept by c.json; --sweep dataset.kind=csv would not work either: c.json: dataset.path: is required when kind is csv',
    ]);
    // A problem the config has anyway is not the hint's fault: the hint stays.
    assert.deepEqual(problems({ model: { depth: 0 }, sweep: { 'model.width': [2, 3] } }, ['model.width=4']), [
      '--set model.width=4: model.width is swept by c.json; to run one value, use --sweep model.width=4',
    ]);
  });

  test('a named choice not taken suggests what it most likely meant, in config files, --set and --sweep', () => {
    assert.deepEqual(
      problems({ model: { activation: 'LeakyReLU', init: 'kaiming_normal' }, training: { optimizer: 'adm' } }),
      [
        'c.json: model.activation: must be one of relu, leaky_relu, prelu, elu, selu, gelu, silu, tanh, got "LeakyReLU" (did you mean leaky_relu?)',
        'c.json: model.init: must be one of he_normal, he_uniform, glorot_uniform, glorot_normal, lecun_normal, rai, got "kaiming_normal" (did you mean he_normal?)',
        'c.json: training.optimizer: must be one of sgd, momentum, adam, got "adm" (did you mean adam?)',
      ],
    );
    assert.deepEqual(problems({}, ['dataset.kind=mnsit']), [
      '--set dataset.kind=mnsit: dataset.kind: must be one of spirals, moons, circles, blobs, xor, gaussian, teacher, mnist, iris, csv, got "mnsit" (did you mean mnist?)',
    ]);
    const raw = buildRawExperiment({}, 'c.json', { sweep: ['model.init=he,rai'] });
    assert.deepEqual(
      configProblems(() => planRuns(raw)),
      [
        '--sweep model.init=he,rai: sweep.model.init: must be one of he_normal, he_uniform, glorot_uniform, glorot_normal, lecun_normal, rai, got "he" (did you mean he_normal or he_uniform?)',
      ],
    );
  });

  test('unknown keys at any level are rejected with a suggestion', () => {
    assert.deepEqual(problems({ modle: {}, training: { epoch: 3 } }), [
      'c.json: training.epoch: unknown key (did you mean training.epochs?)',
      'c.json: modle: unknown key',
    ]);
    assert.equal(suggestPath('metrics.probesize'), 'metrics.probeSize');
  });

  test('config paths come from the schema', () => {
    const paths = CONFIG_FIELDS.map((field) => field.path);
    assert.ok(paths.includes('model.alpha') && paths.includes('training.learningRate') && paths.includes('seed'));
    assert.ok(!paths.includes('sweep'));
    assert.deepEqual(setPath({ model: { depth: 3 } }, 'model.width', 8), { model: { depth: 3, width: 8 } });
  });
});

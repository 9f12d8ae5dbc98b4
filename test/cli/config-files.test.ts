/**
 * Config files at the command line: an empty one is a usage error (exit 2, one line naming the
 * file, nothing written), `{}` is every default, and a `$schema` key for editors changes nothing.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { experimentConfigSchema } from '../../src/experiments/config/schema.js';
import { cli, workspace } from '../helpers/cli.js';

test('validate and run refuse an empty config with exit 2 and one line naming it', async () => {
  const dir = workspace({ 'c.yaml': '', 'comments.yaml': '# nothing set yet\n' });
  for (const file of ['c.yaml', 'comments.yaml']) {
    for (const args of [
      ['validate', file],
      ['run', file, '--out', 'o', '-q'],
    ]) {
      const outcome = await cli(args, dir);
      assert.equal(
        outcome.stderr,
        `dead-neurons: ${file}: config is empty; write {} to use every default\n`,
        args.join(' '),
      );
      assert.equal(outcome.stdout, '');
      assert.equal(outcome.code, 2);
    }
  }
  assert.equal(existsSync(join(dir, 'o')), false, 'nothing written');
});

test('validate prints every default for {} in JSON and YAML', async () => {
  const dir = workspace({ 'c.json': '{}', 'c.yaml': '{}\n' });
  for (const file of ['c.json', 'c.yaml']) {
    const outcome = await cli(['validate', file], dir);
    assert.equal(outcome.stdout, `${JSON.stringify(experimentConfigSchema.parse({}), null, 2)}\n`);
    // After the data and memory lines of the pre-flight checks.
    assert.equal(outcome.stderr.split('\n').at(-2), `${file}: valid; 1 run(s)`);
    assert.equal(outcome.code, 0);
  }
});

test('validate accepts a top-level $schema and leaves it out of the resolved config', async () => {
  const dir = workspace({ 'c.json': JSON.stringify({ $schema: './schema.json', seed: 3 }) });
  const outcome = await cli(['validate', 'c.json'], dir);
  assert.equal(outcome.stdout, `${JSON.stringify(experimentConfigSchema.parse({ seed: 3 }), null, 2)}\n`);
  assert.equal(outcome.code, 0);
});

test('run --set on a swept activation with a misspelt name: one line with the name it meant and a --sweep that works; exit 2, nothing written', async () => {
  const dir = workspace({ 'c.yaml': 'backend: cpu\nsweep:\n  model.activation: [relu, leaky_relu]\n' });
  const outcome = await cli(['run', 'c.yaml', '--set', 'model.activation=lrelu', '--out', 'o', '-q'], dir);
  assert.equal(outcome.code, 2);
  assert.equal(outcome.stdout, '');
  assert.equal(
    outcome.stderr,
    'dead-neurons: --set model.activation=lrelu: model.activation: must be one of relu, leaky_relu, prelu, elu, selu, gelu, silu, tanh, ' +
      'got "lrelu" (did you mean leaky_relu?); model.activation is swept by c.yaml: to run one value, use --sweep model.activation=leaky_relu\n',
  );
  assert.equal(existsSync(join(dir, 'o')), false, 'nothing written');
  const hinted = await cli(['validate', 'c.yaml', '--sweep', 'model.activation=leaky_relu'], dir);
  assert.equal(hinted.code, 0, hinted.stderr);
});

/**
 * Reading config files: an empty file (or YAML holding only comments) is an error naming the file,
 * `{}` means every default, and a top-level `$schema` (for editors) is accepted and ignored.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadExperiment, readConfigFile } from '../../../src/experiments/config/load.js';
import { experimentConfigSchema } from '../../../src/experiments/config/schema.js';
import { workspace } from '../../helpers/cli.js';
import { configProblems } from '../../helpers/config-errors.js';

const problems = configProblems;

const DEFAULTS = experimentConfigSchema.parse({});

describe('readConfigFile: empty files', () => {
  const dir = workspace({
    'empty.yaml': '',
    'blank.yml': '  \n\n',
    'comments.yaml': '# only a comment\n# and another\n',
    'empty.json': '',
    'blank.json': ' \n',
  });

  for (const file of ['empty.yaml', 'blank.yml', 'comments.yaml', 'empty.json', 'blank.json']) {
    test(`${file} is an error naming the file and the fix`, () => {
      assert.deepEqual(
        problems(() => readConfigFile(file, dir)),
        [`${file}: config is empty; write {} to use every default`],
      );
    });
  }
});

describe('readConfigFile and loadExperiment: {} means every default', () => {
  const dir = workspace({ 'c.json': '{}\n', 'c.yaml': '{}\n', 'commented.yaml': '# every default\n{}\n' });

  for (const file of ['c.json', 'c.yaml', 'commented.yaml']) {
    test(`${file}`, () => {
      assert.deepEqual(readConfigFile(file, dir), {});
      assert.deepEqual(loadExperiment(file, {}, dir).config, DEFAULTS);
    });
  }
});

describe('a top-level $schema is accepted and ignored', () => {
  const dir = workspace({
    'c.json': JSON.stringify({ $schema: './schema.json', model: { depth: 3 }, sweep: { seed: [1, 2] } }),
    'c.yaml':
      '# yaml-language-server: $schema=./schema.json\n$schema: ./schema.json\nmodel:\n  depth: 3\nsweep:\n  seed: [1, 2]\n',
    'plain.json': JSON.stringify({ model: { depth: 3 }, sweep: { seed: [1, 2] } }),
    'number.json': JSON.stringify({ $schema: 7 }),
  });

  test('a JSON or YAML config with $schema resolves like the same config without it', () => {
    const plain = loadExperiment('plain.json', {}, dir);
    for (const file of ['c.json', 'c.yaml']) {
      const { raw, config } = loadExperiment(file, {}, dir);
      assert.deepEqual(config, plain.config);
      assert.equal('$schema' in raw.base, false);
      assert.equal('$schema' in config, false);
    }
  });

  test('a $schema that is not a string is an error naming the file', () => {
    assert.deepEqual(
      problems(() => loadExperiment('number.json', {}, dir)),
      ['number.json: $schema: must be the path or URL of a JSON Schema, e.g. "./schema.json", got 7'],
    );
  });

  test('$schema is a top-level key only: inside a section it is an unknown key', () => {
    const nested = workspace({ 'n.json': JSON.stringify({ model: { $schema: 'x' } }) });
    assert.deepEqual(
      problems(() => loadExperiment('n.json', {}, nested)),
      ['n.json: model.$schema: unknown key'],
    );
  });
});

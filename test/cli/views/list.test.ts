/** `list`'s text: names lined up after the longest, notes after descriptions, one block per table. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CONFIG_FIELDS } from '../../../src/experiments/config/paths.js';
import { ACTIVATIONS, BACKENDS, DATASETS, INITIALIZERS, OPTIMIZERS } from '../../../src/experiments/config/schema.js';
import { fieldTable, listSection, listText } from '../../../src/cli/views/list.js';

test('listSection lines the descriptions up two spaces after the longest name and appends notes', () => {
  const text = listSection('things (thing.kind):', { a: 'the first', longer: 'the second' }, (name) =>
    name === 'a' ? ' [note]' : '',
  );
  assert.equal(text, 'things (thing.kind):\n  a       the first [note]\n  longer  the second\n');
});

test('fieldTable shows a default only where the schema states one, as JSON', () => {
  const table = fieldTable([
    { path: 'model.depth', description: 'hidden layers', defaultValue: 20 },
    { path: 'model.alpha', description: 'slope', defaultValue: undefined },
    { path: 'name', description: 'experiment name', defaultValue: 'experiment' },
    { path: 'model.biasInit', description: 'bias', defaultValue: null },
  ]);
  assert.deepEqual(table, {
    'model.depth': 'hidden layers (default 20)',
    'model.alpha': 'slope',
    name: 'experiment name (default "experiment")',
    'model.biasInit': 'bias (default null)',
  });
});

test('listText: the six tables in order, every name of each, blocks separated by a blank line', () => {
  const blocks = listText().split('\n\n');
  assert.deepEqual(
    blocks.map((block) => block.split('\n')[0]),
    [
      'datasets (dataset.kind):',
      'activations (model.activation):',
      'initialisers (model.init):',
      'optimizers (training.optimizer):',
      'backends (backend):',
      'config fields (for --set, --sweep and sweep:):',
    ],
  );
  const namesOf = (block: string) =>
    block
      .trimEnd()
      .split('\n')
      .slice(1)
      .map((line) => line.trim().split(/\s{2,}/)[0]);
  const tables = [DATASETS, ACTIVATIONS, INITIALIZERS, OPTIMIZERS, BACKENDS].map((table) => Object.keys(table));
  assert.deepEqual(blocks.map(namesOf), [...tables, CONFIG_FIELDS.map((field) => field.path)]);
  assert.match(blocks[1], /\n {2}leaky_relu {2}.* \[default alpha 0\.01\]\n/);
  assert.match(blocks[1], /\n {2}relu {8}[^[]*\n/);
});

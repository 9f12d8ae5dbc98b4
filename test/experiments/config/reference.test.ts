/**
 * The README's config reference is generated from the schema: how a field's values are described,
 * how the marked section is replaced, and that the committed README matches the schema today.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { CONFIG_FIELDS } from '../../../src/experiments/config/paths.js';
import {
  configReferenceTable,
  describeValues,
  REFERENCE_END,
  REFERENCE_START,
  withConfigReference,
} from '../../../src/experiments/config/reference.js';

const README = fileURLToPath(new URL('../../../README.md', import.meta.url));

describe('describeValues', () => {
  test('numbers and integers by their bounds, inclusive [ ] or exclusive ( )', () => {
    assert.equal(describeValues({ type: 'integer', minimum: 1 }), 'integer ≥ 1');
    assert.equal(describeValues({ type: 'number', minimum: 0, maximum: 0.9 }), 'number in [0, 0.9]');
    assert.equal(describeValues({ type: 'number', minimum: 0, exclusiveMaximum: 1 }), 'number in [0, 1)');
    assert.equal(describeValues({ type: 'number', exclusiveMinimum: 0 }), 'number > 0');
    assert.equal(describeValues({ type: 'number', maximum: 5 }), 'number ≤ 5');
    assert.equal(describeValues({ type: 'number' }), 'number');
  });

  test('enums as code, strings with their pattern, unions joined with "or", null left out', () => {
    assert.equal(describeValues({ type: 'string', enum: ['sgd', 'adam'] }), '`sgd`, `adam`');
    assert.equal(describeValues({ type: 'string', pattern: '^[a-z]+$' }), 'string matching `^[a-z]+$`');
    assert.equal(
      describeValues({ anyOf: [{ anyOf: [{ type: 'string' }, { type: 'integer', minimum: 0 }] }, { type: 'null' }] }),
      'string or integer ≥ 0',
    );
    assert.equal(describeValues({ type: ['number', 'null'] }), 'number');
  });
});

describe('configReferenceTable', () => {
  test('one row per config field in schema order, then the sweep and the baseline', () => {
    const rows = configReferenceTable().trimEnd().split('\n');
    assert.equal(rows[0], '| field | default | values | meaning |');
    assert.equal(rows[1], '| --- | --- | --- | --- |');
    assert.deepEqual(
      rows.slice(2).map((row) => row.split(' | ')[0].replace(/^\| `|`$/g, '')),
      [...CONFIG_FIELDS.map((field) => field.path), 'sweep', 'baseline'],
    );
    assert.ok(rows.includes('| `training.learningRate` | `0.001` | number > 0 | step size |'));
    assert.ok(
      rows.includes(
        '| `dataset.target` | | string or integer ≥ 0 | csv only: target column, by header name or 0-based index |',
      ),
    );
    assert.ok(rows.some((row) => row.startsWith('| `dataset.header` | `true` | boolean | csv only: ')));
    assert.ok(rows.some((row) => row.startsWith('| `dataset.skipRows` | `0` | integer ≥ 0 | csv only: ')));
  });
});

describe('withConfigReference', () => {
  test('replaces only what lies between the markers, with blank lines around the table', () => {
    const readme = `# T\n\nintro\n${REFERENCE_START}\nold table\n${REFERENCE_END}\n\nafter\n`;
    assert.equal(
      withConfigReference(readme),
      `# T\n\nintro\n${REFERENCE_START}\n\n${configReferenceTable()}\n${REFERENCE_END}\n\nafter\n`,
    );
    assert.equal(withConfigReference(withConfigReference(readme)), withConfigReference(readme));
  });

  test('refuses a README without the markers, or with them out of order', () => {
    const message = `README.md: no ${REFERENCE_START} ... ${REFERENCE_END} section to write the config reference into`;
    assert.throws(() => withConfigReference('# T\n'), { message });
    assert.throws(() => withConfigReference(`${REFERENCE_END}\n${REFERENCE_START}\n`), { message });
  });
});

test('README.md holds the config reference the schema gives (if not: npm run docs)', () => {
  const readme = readFileSync(README, 'utf8');
  assert.equal(
    withConfigReference(readme),
    readme,
    "README.md's config reference differs from src/experiments/config/schema.ts: run `npm run docs` and commit README.md",
  );
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadDataset } from '../../../src/experiments/datasets/index.js';
import type { Dataset } from '../../../src/experiments/datasets/types.js';
import type { DatasetKind } from '../../../src/experiments/config/schema.js';
import { assertShapes, bytesOf, classCountsOf, datasetConfig } from '../../helpers/datasets.js';

const GENERATED: DatasetKind[] = ['spirals', 'moons', 'circles', 'xor', 'gaussian', 'blobs', 'teacher'];

/** Every example, train then test, as [x0, x1, label] (2-D kinds only). */
const points = (d: Dataset) =>
  [d.train, d.test].flatMap((side) => [...side.y].map((c, i) => [side.x[2 * i], side.x[2 * i + 1], c]));

for (const kind of GENERATED) {
  test(`${kind}: same seed gives identical bytes, another seed differs`, () => {
    const config = datasetConfig({ kind, samples: 300 });
    assert.deepEqual(bytesOf(loadDataset(config, 3, '.')), bytesOf(loadDataset(config, 3, '.')));
    assert.notDeepEqual(bytesOf(loadDataset(config, 3, '.')), bytesOf(loadDataset(config, 4, '.')));
  });
}

test('2-D kinds: shapes, balanced classes and roughly unit range', () => {
  for (const kind of ['spirals', 'moons', 'circles', 'xor'] as const) {
    const dataset = loadDataset(datasetConfig({ kind, samples: 1001 }), 1, '.');
    assertShapes(dataset, 1001, 0.2);
    assert.equal(dataset.inputDim, 2);
    assert.deepEqual(classCountsOf(dataset), [501, 500], kind);
    assert.ok(
      points(dataset).every(([x, y]) => Math.abs(x) < 1.6 && Math.abs(y) < 1.6),
      kind,
    );
  }
});

test('spirals: one arm per class', () => {
  const dataset = loadDataset(datasetConfig({ kind: 'spirals', classes: 3, samples: 1000 }), 1, '.');
  assert.equal(dataset.outputDim, 3);
  assert.deepEqual(classCountsOf(dataset), [334, 333, 333]);
});

test('circles, moons and xor follow their shapes when noise is 0', () => {
  const near = (a: number, b: number) => Math.abs(a - b) < 1e-5;
  const circles = points(loadDataset(datasetConfig({ kind: 'circles', noise: 0, samples: 200 }), 1, '.'));
  assert.ok(circles.every(([x, y, c]) => near(Math.hypot(x, y), c === 0 ? 1 : 0.5)));
  // Undo the moons' scaling: class 0 lies on the unit circle around (0, 0).
  const moons = points(loadDataset(datasetConfig({ kind: 'moons', noise: 0, samples: 200 }), 1, '.'));
  const upper = moons.filter(([, , c]) => c === 0);
  assert.ok(upper.every(([x, y]) => near(Math.hypot(1.5 * x + 0.5, 1.5 * y + 0.25), 1)));
  const xor = points(loadDataset(datasetConfig({ kind: 'xor', noise: 0, samples: 200 }), 1, '.'));
  assert.ok(xor.every(([x, y, c]) => (x * y > 0 ? 1 : 0) === c));
});

test('blobs: one cluster per class in inputDim dimensions', () => {
  const config = datasetConfig({ kind: 'blobs', inputDim: 5, classes: 4, samples: 402 });
  const dataset = loadDataset(config, 1, '.');
  assertShapes(dataset, 402, 0.2);
  assert.equal(dataset.inputDim, 5);
  assert.deepEqual(classCountsOf(dataset), [101, 101, 100, 100]);
  const flat = loadDataset({ ...config, noise: 0 }, 1, '.');
  const centres = new Map<number, string>();
  flat.train.y.forEach((c, i) => {
    const point = [...flat.train.x.subarray(5 * i, 5 * i + 5)].join();
    assert.equal(centres.get(c) ?? point, point);
    centres.set(c, point);
  });
  assert.equal(new Set(centres.values()).size, 4);
});

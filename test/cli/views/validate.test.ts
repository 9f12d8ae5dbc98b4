/** `validate`'s text: the resolved config (and its runs) on stdout, what was checked on stderr. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runConfigSchema } from '../../../src/experiments/config/schema.js';
import type { Preflight } from '../../../src/experiments/preflight/check.js';
import type { MemoryEstimate } from '../../../src/experiments/preflight/memory.js';
import type { PlannedRun } from '../../../src/experiments/types.js';
import { resolvedConfigText, validationText } from '../../../src/cli/views/validate.js';

const MIB = 2 ** 20;
const config = runConfigSchema.parse({ name: 'v', dataset: { kind: 'moons' } });
const run = (index: number, seed: number): PlannedRun => ({
  runId: `r00${index + 1}`,
  index,
  swept: { seed },
  config: { ...config, seed },
});
const plan = [run(0, 1), run(1, 2)];

test('resolvedConfigText: the config as indented JSON; with runs, each run id and its swept values last', () => {
  assert.equal(resolvedConfigText({ name: 'v', seed: 1 }, plan, false), '{\n  "name": "v",\n  "seed": 1\n}\n');
  assert.equal(
    resolvedConfigText({ name: 'v', seed: 1 }, plan, true),
    '{\n  "name": "v",\n  "seed": 1,\n  "runs": [\n    {\n      "runId": "r001",\n      "seed": 1\n    },\n    {\n      "runId": "r002",\n      "seed": 2\n    }\n  ]\n}\n',
  );
});

test("validationText: one line per distinct dataset, the largest run's memory, then valid and the run count", () => {
  const data = {
    config: config.dataset,
    task: 'classification',
    inputDim: 2,
    outputDim: 2,
    train: 800,
    test: 200,
    rowsAvailable: null,
    columns: null,
  } as const;
  const checked: Preflight = {
    data: [data, { ...data }],
    largest: { run: plan[1], estimate: { total: 300 * MIB, parts: {} as MemoryEstimate['parts'] } },
    limit: { bytes: 1024 * MIB, source: 'set by DEAD_NEURONS_MEMORY_LIMIT_MB' },
  };
  assert.equal(
    validationText('c.yaml', 2, checked),
    'data: moons 800 train / 200 test, 2 features, 2 classes\n' +
      'memory: about 300 MiB at most (r002), within the 1.0 GiB set by DEAD_NEURONS_MEMORY_LIMIT_MB\n' +
      'c.yaml: valid; 2 run(s)\n',
  );
});

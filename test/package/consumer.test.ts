/**
 * dead-neurons as another project uses it: `npm pack`, installed from the tarball into a fresh
 * project beside @tensorflow/tfjs, the README's library example (extracted from README.md, not a
 * copy) type-checked with tsc against the published declarations and run; `report` reads the folder
 * it wrote; importing the package alone prints nothing and registers no backend. Needs dist/
 * (`npm test` builds first) and npm's cache or registry.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { consumerProject, ok, readmeExample, run } from '../helpers/consumer.js';

const ROOT = new URL('../..', import.meta.url).pathname;
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

test(
  'the packed package installs, its README example type-checks and runs, and report reads what it wrote',
  { timeout: 600_000 },
  () => {
    const dir = consumerProject({ '@tensorflow/tfjs': '4.22.0' });
    writeFileSync(join(dir, 'example.ts'), readmeExample());
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          skipLibCheck: true,
          outDir: 'out',
        },
        files: ['example.ts'],
      }),
    );
    ok(run(process.execPath, [TSC, '-p', 'tsconfig.json'], dir), 'tsc on the README example');

    const output = ok(run(process.execPath, ['out/example.js'], dir), 'the README example')
      .split('\n')
      .filter(Boolean);
    // Shown as "epoch 0: 12.5% dead" before training, after epoch 2 and after epoch 4, then one line per layer.
    assert.deepEqual(
      output.slice(0, 3).map((line) => line.replace(/[\d.]+% dead$/, 'N% dead')),
      ['epoch 0: N% dead', 'epoch 2: N% dead', 'epoch 4: N% dead'],
    );
    assert.equal(output.length, 5);
    assert.match(output[3], /^dense_Dense\d+ \(relu\): \d+ of 32 dead$/);
    assert.match(output[4], /^dense_Dense\d+ \(leaky_relu alpha=0\.01\): \d+ of 32 dead$/);

    const metrics = readFileSync(join(dir, 'dead-units-run', 'metrics.csv'), 'utf8')
      .trim()
      .split('\n');
    assert.equal(metrics.length, 1 + 3 * 2, 'epochs 0, 2 and 4; two layers');
    const report = run(
      join(dir, 'node_modules', '.bin', 'dead-neurons'),
      ['report', 'dead-units-run', '--html', '--no-charts'],
      dir,
    );
    assert.equal(report.status, 0, report.stderr);
    assert.match(report.stdout, /│ sequential_\d+_model +│ 1 /); // the inner model Sequential.fit trains
    assert.ok(existsSync(join(dir, 'dead-units-run', 'report.html')));

    // Importing the library alone: no output, no backend registered, one tfjs-core (the one @tensorflow/tfjs uses).
    const probe = `
    import { createRequire } from 'node:module';
    const require = createRequire(import.meta.url);
    const lib = await import('dead-neurons');
    const core = require('@tensorflow/tfjs-core');
    const loaded = Object.keys(require.cache).filter((path) => path.includes('@tensorflow'));
    process.stderr.write(JSON.stringify({ exports: Object.keys(lib).sort(), backends: Object.keys(core.engine().registryFactory), loaded }));`;
    const imported = run(process.execPath, ['--input-type=module', '-e', probe], dir);
    assert.equal(imported.status, 0, imported.stderr);
    assert.equal(imported.stdout, '');
    const state = JSON.parse(imported.stderr) as { exports: string[]; backends: string[]; loaded: string[] };
    assert.deepEqual(state.exports, ['deadUnitsCallback', 'measureDeadUnits']);
    assert.deepEqual(state.backends, []);
    assert.deepEqual(state.loaded.map((path) => path.slice(dir.length)).sort(), [
      '/node_modules/@tensorflow/tfjs-core/dist/tf-core.node.js',
      '/node_modules/@tensorflow/tfjs-layers/dist/tf-layers.node.js',
    ]);
  },
);

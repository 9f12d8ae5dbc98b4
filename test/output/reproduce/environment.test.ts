/** What reproduce may demand where the environment differs (src/output/reproduce-environment.ts). */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Machine } from '../../../src/experiments/backend/environment.js';
import { reproducePlan, runsWithoutRecord } from '../../../src/output/reproduce/environment.js';

const tensorflow = { name: 'tensorflow' as const, version: '4.22.0, TensorFlow 2.21.0', threads: 1 };
const machine = (kernels: string): Machine => ({
  os: 'linux',
  arch: 'x64',
  cpu: 'some CPU',
  isa: 'AVX-512',
  kernels,
  onednnOps: false,
});
const same = { crossBackend: false, strict: false, tolerance: undefined };

describe('reproducePlan', () => {
  test('the same environment: exact, nothing to say', () => {
    assert.deepEqual(
      reproducePlan(
        'dir',
        { backend: tensorflow, machine: machine('AVX2') },
        { backend: tensorflow, machine: machine('AVX2') },
        same,
      ),
      {
        comparison: 'exact',
        across: null,
        note: null,
      },
    );
  });

  test('other kernels: statistical, one line naming what differs; --strict and --tolerance compare value by value', () => {
    const recorded = { backend: tensorflow, machine: machine('AVX-512') };
    const present = { backend: tensorflow, machine: machine('AVX2') };
    assert.deepEqual(reproducePlan('dir', recorded, present, same), {
      comparison: 'statistical',
      across: 'machines',
      note: 'dir was made in another environment: kernels: recorded AVX-512, here AVX2; checking statistically',
    });
    assert.deepEqual(reproducePlan('dir', recorded, present, { ...same, strict: true }), {
      comparison: 'exact',
      across: 'machines',
      note: 'dir was made in another environment: kernels: recorded AVX-512, here AVX2; --strict: every value must still be identical',
    });
    assert.equal(reproducePlan('dir', recorded, present, { ...same, tolerance: 1e-6 }).comparison, 'exact');
  });

  test('another backend: statistical across backends, as before; --strict makes it exact', () => {
    const wasm = { name: 'wasm' as const, version: '4.22.0', threads: 1 };
    assert.deepEqual(
      reproducePlan('dir', { backend: tensorflow }, { backend: wasm }, { ...same, crossBackend: true }),
      { comparison: 'statistical', across: 'backends', note: null },
    );
    assert.equal(
      reproducePlan('dir', { backend: tensorflow }, { backend: wasm }, { ...same, crossBackend: true, strict: true })
        .comparison,
      'exact',
    );
  });

  test('an older native manifest without the machine: exact, with a note', () => {
    assert.deepEqual(
      reproducePlan('dir', { backend: tensorflow }, { backend: tensorflow, machine: machine('AVX2') }, same),
      {
        comparison: 'exact',
        across: null,
        note: 'dir/manifest.json does not record the machine its native kernels ran on (an older manifest): comparing exactly',
      },
    );
  });
});

test('runsWithoutRecord: the finished runs of manifest.json without a record', () => {
  const runs = ['r001', 'r002', 'r003'].map((runId) => ({ runId, seconds: 1, backend: 'wasm', status: 'ok' }));
  assert.deepEqual(runsWithoutRecord({ runs }, new Set(['r001', 'r003'])), ['r002']);
  assert.deepEqual(runsWithoutRecord({ runs }, new Set(['r001', 'r002', 'r003'])), []);
});

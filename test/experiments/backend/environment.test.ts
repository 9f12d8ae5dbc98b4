/**
 * What decides the bits, read from fixture /proc/cpuinfo texts (test/fixtures/cpuinfo/: this
 * project's AVX-512 VM, an AVX2 Haswell and AMD EPYC, AWS Graviton 2 and 3), and how a recorded
 * environment is compared with the present one.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import {
  bitsDifferences,
  describeMachine,
  isaLevel,
  machineLabel,
  nativeKernelLevel,
  oneDnnCap,
  type Machine,
  type MachineSources,
} from '../../../src/experiments/backend/environment.js';
import { readMachine } from '../../../src/experiments/backend/read-machine.js';

const cpuinfo = (name: string) => readFileSync(new URL(`../../fixtures/cpuinfo/${name}.txt`, import.meta.url), 'utf8');
const x64 = (name: string, env: MachineSources['env'] = { ONEDNN_MAX_CPU_ISA: 'AVX2' }): MachineSources => ({
  platform: 'linux',
  arch: 'x64',
  cpuinfo: cpuinfo(name),
  cpuModel: null,
  env,
});

describe('isaLevel', () => {
  test('x86-64 levels from the flags line', () => {
    assert.equal(isaLevel('x64', cpuinfo('sapphire-rapids-vm')), 'AVX-512');
    assert.equal(isaLevel('x64', cpuinfo('haswell')), 'AVX2');
    assert.equal(isaLevel('x64', cpuinfo('epyc-7763')), 'AVX2');
    assert.equal(isaLevel('x64', 'flags\t\t: fpu sse sse2 ssse3 sse4_1 sse4_2 avx\n'), 'AVX');
    assert.equal(isaLevel('x64', 'flags\t\t: fpu sse sse2 avx avx2\n'), 'AVX', "AVX2 without FMA is not oneDNN's avx2");
    assert.equal(
      isaLevel('x64', 'flags\t\t: fpu sse sse2 avx avx2 fma avx512f avx512cd avx512er avx512pf\n'),
      'AVX2',
      'Knights Landing lacks BW, VL, DQ',
    );
    assert.equal(isaLevel('x64', 'flags\t\t: fpu sse sse2 sse4_1\n'), 'SSE4.1');
    assert.equal(isaLevel('x64', 'flags\t\t: fpu sse sse2\n'), 'SSE2');
  });

  test('arm64 levels from the Features line; NEON where nothing says more', () => {
    assert.equal(isaLevel('arm64', cpuinfo('graviton2')), 'NEON');
    assert.equal(isaLevel('arm64', cpuinfo('graviton3')), 'SVE');
    assert.equal(isaLevel('arm64', null), 'NEON');
  });

  test('unknown without cpuinfo on x86-64, or on another architecture', () => {
    assert.equal(isaLevel('x64', null), null);
    assert.equal(isaLevel('x64', 'processor : 0\n'), null);
    assert.equal(isaLevel('riscv64', 'isa : rv64imafdc\n'), null);
  });
});

describe('oneDnnCap and nativeKernelLevel', () => {
  test('ONEDNN_MAX_CPU_ISA (or DNNL_MAX_CPU_ISA) as a level; ALL, DEFAULT and nothing are no cap', () => {
    assert.equal(oneDnnCap({ ONEDNN_MAX_CPU_ISA: 'AVX2' }), 'AVX2');
    assert.equal(oneDnnCap({ ONEDNN_MAX_CPU_ISA: 'avx2_vnni' }), 'AVX2');
    assert.equal(oneDnnCap({ ONEDNN_MAX_CPU_ISA: 'AVX512_CORE_AMX' }), 'AVX-512');
    assert.equal(oneDnnCap({ ONEDNN_MAX_CPU_ISA: 'AVX10_1_512' }), 'AVX-512');
    assert.equal(oneDnnCap({ DNNL_MAX_CPU_ISA: 'AVX' }), 'AVX');
    assert.equal(oneDnnCap({ ONEDNN_MAX_CPU_ISA: 'SSE41' }), 'SSE4.1');
    assert.equal(oneDnnCap({ ONEDNN_MAX_CPU_ISA: 'ALL' }), null);
    assert.equal(oneDnnCap({}), null);
  });

  test("the CPU's level, or the cap when the CPU offers more", () => {
    assert.equal(nativeKernelLevel('x64', 'AVX-512', { ONEDNN_MAX_CPU_ISA: 'AVX2' }), 'AVX2');
    assert.equal(nativeKernelLevel('x64', 'AVX-512', { ONEDNN_MAX_CPU_ISA: 'ALL' }), 'AVX-512');
    assert.equal(nativeKernelLevel('x64', 'AVX', { ONEDNN_MAX_CPU_ISA: 'AVX2' }), 'AVX');
    assert.equal(nativeKernelLevel('arm64', 'SVE', { ONEDNN_MAX_CPU_ISA: 'AVX2' }), 'SVE');
    assert.equal(nativeKernelLevel('x64', null, { ONEDNN_MAX_CPU_ISA: 'AVX2' }), null);
  });
});

describe('describeMachine', () => {
  test("native on this project's AVX-512 VM, pinned: AVX2 kernels", () => {
    assert.deepEqual(
      describeMachine(x64('sapphire-rapids-vm', { ONEDNN_MAX_CPU_ISA: 'AVX2', TF_ENABLE_ONEDNN_OPTS: '0' }), {
        name: 'tensorflow',
      }),
      {
        os: 'linux',
        arch: 'x64',
        cpu: 'Intel(R) Xeon(R) Processor',
        vendor: 'GenuineIntel',
        isa: 'AVX-512',
        kernels: 'AVX2',
        onednnOps: false,
      },
    );
  });

  test("os.cpus()'s model wins over cpuinfo's, and an arm64 machine without a model name has none", () => {
    const haswell = describeMachine(
      { ...x64('haswell'), cpuModel: 'Intel(R) Core(TM) i7-4770  CPU @ 3.40GHz' },
      { name: 'tensorflow' },
    );
    assert.equal(haswell.cpu, 'Intel(R) Core(TM) i7-4770 CPU @ 3.40GHz');
    assert.equal(haswell.kernels, 'AVX2');
    const graviton = describeMachine(
      { platform: 'linux', arch: 'arm64', cpuinfo: cpuinfo('graviton3'), cpuModel: 'unknown', env: {} },
      { name: 'wasm' },
    );
    assert.deepEqual(graviton, {
      os: 'linux',
      arch: 'arm64',
      cpu: null,
      vendor: null,
      isa: 'SVE',
      kernels: 'portable',
      onednnOps: null,
    });
  });

  test('macOS: no cpuinfo, the model from os.cpus()', () => {
    const mac = describeMachine(
      { platform: 'darwin', arch: 'arm64', cpuinfo: null, cpuModel: 'Apple M2', env: {} },
      { name: 'tensorflow' },
    );
    assert.deepEqual(mac, {
      os: 'darwin',
      arch: 'arm64',
      cpu: 'Apple M2',
      vendor: null,
      isa: 'NEON',
      kernels: 'NEON',
      onednnOps: false,
    });
    assert.equal(machineLabel(mac), 'NEON kernels (Apple M2, NEON), darwin-arm64');
  });

  test('readMachine reads this machine: the platform and architecture Node reports', () => {
    const machine = readMachine({ name: 'cpu' });
    assert.equal(machine.os, process.platform);
    assert.equal(machine.arch, process.arch);
    assert.equal(machine.kernels, 'portable');
  });
});

describe('bitsDifferences', () => {
  const tensorflow = { name: 'tensorflow' as const, version: '4.22.0, TensorFlow 2.21.0', threads: 1 };
  const machine = (name: string, env?: MachineSources['env']): Machine =>
    describeMachine(x64(name, env), { name: 'tensorflow' });

  test('native on two AVX2-pinned CPUs, Intel AVX-512 and AMD AVX2: nothing that decides the bits differs', () => {
    assert.deepEqual(
      bitsDifferences(
        { backend: tensorflow, machine: machine('sapphire-rapids-vm') },
        { backend: tensorflow, machine: machine('epyc-7763') },
      ),
      {
        differences: [],
        unknown: false,
      },
    );
  });

  test('native with AVX-512 kernels against AVX2 ones, and another thread count, one line each', () => {
    const recorded = {
      backend: { ...tensorflow, threads: 2 },
      machine: machine('sapphire-rapids-vm', { ONEDNN_MAX_CPU_ISA: 'ALL' }),
    };
    assert.deepEqual(bitsDifferences(recorded, { backend: tensorflow, machine: machine('haswell') }).differences, [
      'threads: recorded 2, here 1',
      'kernels: recorded AVX-512, here AVX2',
    ]);
  });

  test('native on a Hygon CPU against an Intel one: the vendor is named; AMD against Intel is not', () => {
    const hygon = machine('epyc-7763');
    hygon.vendor = 'HygonGenuine';
    assert.deepEqual(
      bitsDifferences({ backend: tensorflow, machine: machine('haswell') }, { backend: tensorflow, machine: hygon })
        .differences,
      ['CPU vendor: recorded Intel or AMD, here HygonGenuine'],
    );
    assert.equal(machine('epyc-7763').vendor, 'AuthenticAMD');
  });

  test('a manifest written before the vendor was recorded: the vendor is not compared', () => {
    const { vendor: _vendor, ...older } = machine('haswell');
    const hygon = { ...machine('epyc-7763'), vendor: 'HygonGenuine' };
    assert.deepEqual(
      bitsDifferences({ backend: tensorflow, machine: older }, { backend: tensorflow, machine: hygon }).differences,
      [],
    );
  });

  test('wasm and cpu: the CPU does not count, the version and threads do', () => {
    const wasm = { name: 'wasm' as const, version: '4.22.0', threads: 1 };
    const graviton = describeMachine(
      { platform: 'linux', arch: 'arm64', cpuinfo: cpuinfo('graviton2'), cpuModel: null, env: {} },
      wasm,
    );
    assert.deepEqual(
      bitsDifferences({ backend: wasm, machine: machine('haswell') }, { backend: wasm, machine: graviton }).differences,
      [],
    );
    assert.deepEqual(
      bitsDifferences({ backend: { ...wasm, version: '4.21.0' } }, { backend: wasm, machine: graviton }),
      {
        differences: ['backend version: recorded 4.21.0, here 4.22.0'],
        unknown: false,
      },
    );
  });

  test('a native manifest from before the machine was recorded: unknown, not a difference', () => {
    assert.deepEqual(bitsDifferences({ backend: tensorflow }, { backend: tensorflow, machine: machine('haswell') }), {
      differences: [],
      unknown: true,
    });
  });

  test('another backend is the one difference named', () => {
    const wasm = { name: 'wasm' as const, version: '4.22.0', threads: 1 };
    assert.deepEqual(
      bitsDifferences({ backend: wasm }, { backend: tensorflow, machine: machine('haswell') }).differences,
      ['backend: recorded wasm, here tensorflow'],
    );
  });
});

/**
 * What decides a run's last bits besides its config: the backend (name, version, threads) and,
 * for native kernels, the instruction-set level they run at, the OS and the architecture
 * (docs/reproducibility.md). Pure: the facts come in as text and strings (/proc/cpuinfo,
 * os.cpus()'s model, the platform, the environment), so tests feed fixture texts; read-machine.ts
 * reads the real ones.
 */
import type { BackendInfo } from './load.js';

/** Instruction-set levels that select a kernel's code path, lowest first per architecture. */
export const X86_LEVELS = ['SSE2', 'SSE4.1', 'SSE4.2', 'AVX', 'AVX2', 'AVX-512'] as const;
export type IsaLevel = (typeof X86_LEVELS)[number] | 'NEON' | 'SVE';

/** The machine a folder's runs were made on, as manifest.json records it. */
export interface Machine {
  /** process.platform, e.g. linux. */
  os: string;
  /** process.arch, e.g. x64, arm64. */
  arch: string;
  /** The CPU's model name, e.g. "Intel(R) Xeon(R) Platinum 8370C CPU @ 2.80GHz"; null if unknown. */
  cpu: string | null;
  /** cpuinfo's vendor_id (GenuineIntel, AuthenticAMD, HygonGenuine, ...); null if unknown. Absent in older manifests. */
  vendor?: string | null;
  /** The highest level the CPU offers (from /proc/cpuinfo's flags); null if unknown. */
  isa: IsaLevel | null;
  /**
   * The level the backend's kernels run at: native kernels the CPU's, capped by oneDNN's
   * ONEDNN_MAX_CPU_ISA (AVX2 unless set: src/experiments/native-pinning.ts), "portable" for
   * wasm and cpu, whose kernels take one code path on every CPU.
   */
  kernels: string | null;
  /** TF_ENABLE_ONEDNN_OPTS as native kernels saw it (1 swaps in oneDNN's own kernels); null off native. */
  onednnOps: boolean | null;
}

export interface MachineSources {
  platform: string;
  arch: string;
  /** /proc/cpuinfo's text (Linux), or null. */
  cpuinfo: string | null;
  /** os.cpus()[0]?.model, or null. */
  cpuModel: string | null;
  /** Environment variables the native backend read when it loaded. */
  env: Readonly<Record<string, string | undefined>>;
}

/** The first value of `key` in /proc/cpuinfo's "key : value" lines. */
function cpuinfoField(cpuinfo: string, key: string): string | null {
  const line = cpuinfo.split('\n').find((text) => text.split(':')[0].trim() === key);
  return line === undefined ? null : line.slice(line.indexOf(':') + 1).trim();
}

/** The CPU's highest level, from /proc/cpuinfo's flags (x86) or Features (arm). */
export function isaLevel(arch: string, cpuinfo: string | null): IsaLevel | null {
  if (arch === 'arm64') {
    const features = new Set((cpuinfo && cpuinfoField(cpuinfo, 'Features'))?.split(/\s+/) ?? []);
    // Every AArch64 CPU has Advanced SIMD (NEON); cpuinfo only says whether it also has SVE.
    return features.has('sve') ? 'SVE' : 'NEON';
  }
  if (arch !== 'x64' || cpuinfo === null) return null;
  const flags = new Set(cpuinfoField(cpuinfo, 'flags')?.split(/\s+/) ?? []);
  if (flags.size === 0) return null;
  // oneDNN's avx512_core: F, BW, VL and DQ together (Skylake-SP and later, Zen 4).
  if (['avx512f', 'avx512bw', 'avx512vl', 'avx512dq'].every((flag) => flags.has(flag))) return 'AVX-512';
  if (flags.has('avx2') && flags.has('fma')) return 'AVX2';
  if (flags.has('avx')) return 'AVX';
  if (flags.has('sse4_2')) return 'SSE4.2';
  if (flags.has('sse4_1')) return 'SSE4.1';
  return 'SSE2';
}

/** ONEDNN_MAX_CPU_ISA's value (DNNL_MAX_CPU_ISA is its older name) as one of our levels; null = no cap. */
export function oneDnnCap(env: MachineSources['env']): (typeof X86_LEVELS)[number] | null {
  const value = (env.ONEDNN_MAX_CPU_ISA ?? env.DNNL_MAX_CPU_ISA ?? '').toUpperCase();
  if (value === '' || value === 'ALL' || value === 'DEFAULT') return null;
  if (value.startsWith('AVX512') || value.startsWith('AVX10')) return 'AVX-512';
  if (value.startsWith('AVX2')) return 'AVX2';
  if (value === 'AVX') return 'AVX';
  if (value.startsWith('SSE4')) return 'SSE4.1';
  return null;
}

/** The level native kernels run at: the CPU's, or the cap when the CPU offers more. */
export function nativeKernelLevel(arch: string, isa: IsaLevel | null, env: MachineSources['env']): string | null {
  if (isa === null) return null;
  const cap = arch === 'x64' ? oneDnnCap(env) : null;
  const rank = (level: IsaLevel) => X86_LEVELS.indexOf(level as (typeof X86_LEVELS)[number]);
  return cap !== null && rank(cap) < rank(isa) ? cap : isa;
}

/** The machine as the backend that trains on it sees it. */
export function describeMachine(sources: MachineSources, backend: Pick<BackendInfo, 'name'> | null): Machine {
  const isa = isaLevel(sources.arch, sources.cpuinfo);
  const native = backend?.name === 'tensorflow';
  const modelName =
    sources.cpuinfo && (cpuinfoField(sources.cpuinfo, 'model name') ?? cpuinfoField(sources.cpuinfo, 'Model name'));
  const cpu = [sources.cpuModel, modelName].find((name) => name && name.trim() !== '' && name !== 'unknown') ?? null;
  return {
    os: sources.platform,
    arch: sources.arch,
    cpu: cpu?.replace(/\s+/g, ' ').trim() ?? null,
    vendor: (sources.cpuinfo && cpuinfoField(sources.cpuinfo, 'vendor_id')) || null,
    isa,
    kernels: backend === null ? null : native ? nativeKernelLevel(sources.arch, isa, sources.env) : 'portable',
    onednnOps: native ? sources.env.TF_ENABLE_ONEDNN_OPTS === '1' : null,
  };
}

/** "AVX2 kernels (Intel Xeon ..., AVX-512), linux-x64": for messages. */
export function machineLabel(machine: Machine): string {
  const cpu = machine.cpu ? `${machine.cpu}, ${machine.isa ?? 'level unknown'}` : (machine.isa ?? 'CPU unknown');
  return `${machine.kernels ?? 'unknown'} kernels (${cpu}), ${machine.os}-${machine.arch}`;
}

/**
 * Intel's and AMD's x86-64 CPUs take the same native code paths at one kernel level (measured on
 * qemu's Intel and AMD models); qemu's Hygon Dhyana, with the same AVX2 and FMA flags, takes
 * another for some matMuls that ONEDNN_MAX_CPU_ISA does not control, so any other vendor counts
 * as its own. Unknown (arm64, macOS, an older manifest) compares as unknown.
 */
function kernelVendor(machine: Machine): string {
  if (machine.arch !== 'x64' || !machine.vendor) return 'unknown';
  return machine.vendor === 'GenuineIntel' || machine.vendor === 'AuthenticAMD' ? 'Intel or AMD' : machine.vendor;
}

/** A backend and machine pair: what a manifest records, or what this process has. */
export interface BitsEnvironment {
  backend: Pick<BackendInfo, 'name' | 'version' | 'threads'> | null;
  /** Absent in manifests written before it was recorded. */
  machine?: Machine | null;
}

/**
 * Where `present` differs from `recorded` in what decides the bits, one "what: recorded X, here
 * Y" each. Native kernels depend on the OS, architecture, kernel level and oneDNN's own ops;
 * wasm and cpu kernels take one code path everywhere, so only their version and threads count.
 * `unknown` when the recorded manifest predates the machine record and the kernels are native.
 */
export function bitsDifferences(
  recorded: BitsEnvironment,
  present: BitsEnvironment,
): { differences: string[]; unknown: boolean } {
  const differences: string[] = [];
  const compare = (
    what: string,
    was: string | number | boolean | null | undefined,
    now: string | number | boolean | null | undefined,
  ) => {
    if (was !== now)
      differences.push(`${what}: recorded ${String(was ?? 'unknown')}, here ${String(now ?? 'unknown')}`);
  };
  compare('backend', recorded.backend?.name, present.backend?.name);
  if (differences.length > 0) return { differences, unknown: false };
  compare('backend version', recorded.backend?.version, present.backend?.version);
  compare('threads', recorded.backend?.threads, present.backend?.threads);
  if (present.backend?.name !== 'tensorflow') return { differences, unknown: false };
  const was = recorded.machine;
  const now = present.machine;
  if (!was || !now) return { differences, unknown: true };
  compare('platform', `${was.os}-${was.arch}`, `${now.os}-${now.arch}`);
  compare('kernels', was.kernels, now.kernels);
  if (was.vendor !== undefined && now.vendor !== undefined) compare('CPU vendor', kernelVendor(was), kernelVendor(now));
  compare('oneDNN ops (TF_ENABLE_ONEDNN_OPTS)', was.onednnOps ? 'on' : 'off', now.onednnOps ? 'on' : 'off');
  return { differences, unknown: false };
}

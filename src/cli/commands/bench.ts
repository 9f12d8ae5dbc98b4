/**
 * `dead-neurons bench`: the same MLP's training step timed on each TensorFlow.js backend and,
 * when python can import torch, in PyTorch; printed as a table or JSON.
 */
import { availableParallelism } from 'node:os';
import { Command, Option } from 'commander';
import { z } from 'zod';
import { CONCRETE_BACKENDS, type ConcreteBackend } from '../../experiments/config/schema.js';
import { BENCH_FORMATS } from '../../bench/format.js';
import { DEFAULT_BENCH, type BenchSettings } from '../../bench/settings.js';
import type { CliIo } from '../process/io.js';
import { integerOption, parseOptions } from './options.js';

// The pure-JS cpu backend needs about a second per step at width 256: only when asked for.
const DEFAULT_BACKENDS: ConcreteBackend[] = ['tensorflow', 'wasm'];

/** Whole sweeps take seconds each: three, and the median. */
const SWEEP_REPEATS = 3;

const benchOptionsSchema = z.object({
  depth: z.number().default(DEFAULT_BENCH.depth),
  width: z.number().default(DEFAULT_BENCH.width),
  batch: z.number().default(DEFAULT_BENCH.batch),
  inputs: z.number().default(DEFAULT_BENCH.inputDim),
  steps: z.number().optional(),
  warmup: z.number().default(DEFAULT_BENCH.warmup),
  repeats: z.number().optional(),
  config: z.string().min(1).optional(),
  jobs: z.number().optional(),
  backends: z
    .string()
    .transform((list, ctx) => {
      const names = [
        ...new Set(
          list
            .split(',')
            .map((name) => name.trim())
            .filter((name) => name !== ''),
        ),
      ];
      const unknown = names.filter((name) => !(CONCRETE_BACKENDS as readonly string[]).includes(name));
      if (names.length === 0 || unknown.length > 0) {
        const got = names.length === 0 ? 'nothing' : unknown.join(', ');
        ctx.addIssue({
          code: 'custom',
          message: `must list backends from ${CONCRETE_BACKENDS.join(', ')}, e.g. tensorflow,wasm; got ${got}`,
        });
        return z.NEVER;
      }
      return names as ConcreteBackend[];
    })
    .optional(),
  threads: z.number().optional(),
  format: z.enum(BENCH_FORMATS).default('table'),
  python: z.string().min(1).default('python3'),
  torch: z.boolean().default(true),
});

export function benchCommand(io: CliIo): Command {
  return new Command('bench')
    .description('time one training step of the same MLP on each backend, and in PyTorch when python can import torch')
    .addOption(integerOption('--depth <n>', `hidden layers (default ${DEFAULT_BENCH.depth})`))
    .addOption(integerOption('--width <n>', `units per hidden layer (default ${DEFAULT_BENCH.width})`))
    .addOption(integerOption('--batch <n>', `examples per step (default ${DEFAULT_BENCH.batch})`))
    .addOption(integerOption('--inputs <n>', `input features (default ${DEFAULT_BENCH.inputDim}, as the 2-D datasets)`))
    .addOption(
      integerOption(
        '--steps <n>',
        `timed steps per window (default: calibrated so a window lasts ~${DEFAULT_BENCH.windowSeconds} s)`,
      ),
    )
    .addOption(integerOption('--warmup <n>', `untimed steps before timing (default ${DEFAULT_BENCH.warmup})`, 0))
    .addOption(
      integerOption(
        '--repeats <n>',
        `timed windows; the median is reported (default ${DEFAULT_BENCH.repeats}; with --config, whole sweeps, default ${SWEEP_REPEATS})`,
      ),
    )
    .option(
      '--config <file>',
      'time a whole sweep instead: `run <file>` per backend against a plain PyTorch loop over the same runs (1 and 2 threads)',
    )
    .addOption(integerOption('--jobs <n>', 'with --config: worker processes for `run` (default: the number of cores)'))
    .option(
      '--backends <list>',
      `comma-separated, from ${CONCRETE_BACKENDS.join(', ')} (default ${DEFAULT_BACKENDS.join(',')}; cpu takes ~1 s a step at width 256, so only when named)`,
    )
    .addOption(
      integerOption('--threads <n>', 'threads for tensorflow, wasm and torch.set_num_threads (default: all cores)'),
    )
    .addOption(new Option('--format <format>', 'what to print on stdout').choices(BENCH_FORMATS).default('table'))
    .option('--python <path>', 'python whose torch is the reference (default python3)')
    .option('--no-torch', 'skip the PyTorch reference')
    .addHelpText(
      'after',
      `
Each step is the one \`run\` takes per batch (loss gradients, per-layer gradient norms, Adam
update with lr ${DEFAULT_BENCH.learningRate}) on random inputs, relu hidden layers and softmax cross-entropy
over ${DEFAULT_BENCH.classes} classes. PyTorch runs scripts/bench/torch_mlp.py: the same layers, Adam and loss.
GFLOP/s: 2*in*out FLOPs per dense layer and example for the forward pass, x3 for
forward + backward; activations, loss, biases and the Adam update are not counted.
Threads apply when a backend first loads; tensorflow reads them from TF_NUM_INTRAOP_THREADS.

Examples:
  $ dead-neurons bench
  $ dead-neurons bench --python ~/venvs/torch/bin/python --threads 1
  $ dead-neurons bench --backends wasm,cpu --width 64 --batch 64 --format json
  $ dead-neurons bench --config configs/deep.json --python /tmp/torchvenv/bin/python`,
    )
    .action(async (rawOptions: unknown) => {
      const options = parseOptions(benchOptionsSchema, rawOptions);
      if (options.config !== undefined) {
        const { benchSweep } = await import('../actions/bench.js');
        return benchSweep(io, options.config, {
          backends: options.backends ?? DEFAULT_BACKENDS,
          jobs: options.jobs ?? availableParallelism(),
          repeats: options.repeats ?? SWEEP_REPEATS,
          python: options.python,
          torch: options.torch,
        });
      }
      const settings: BenchSettings = {
        ...DEFAULT_BENCH,
        inputDim: options.inputs,
        depth: options.depth,
        width: options.width,
        batch: options.batch,
        steps: options.steps ?? null,
        warmup: options.warmup,
        repeats: options.repeats ?? DEFAULT_BENCH.repeats,
        threads: options.threads ?? availableParallelism(),
      };
      const { benchSteps } = await import('../actions/bench.js');
      await benchSteps(io, settings, { ...options, backends: options.backends ?? DEFAULT_BACKENDS });
    });
}

/** Runs the CLI in-process with captured output and a fixed clock. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli/program.js';

export interface CliOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

export const FIXED_NOW = new Date('2026-01-02T03:04:05.678Z');

export interface CliOptions {
  /** Replaces process.env for the command (e.g. DEAD_NEURONS_MEMORY_LIMIT_MB). */
  env?: Record<string, string>;
  /** Run as on a terminal of `columns` columns (stderr is a TTY). */
  terminal?: { columns: number };
}

export async function cli(args: string[], cwd: string, options: CliOptions = {}): Promise<CliOutcome> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['node', 'dead-neurons', ...args], {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    stderrIsTTY: options.terminal !== undefined,
    ...(options.terminal && { columns: options.terminal.columns, stdoutColumns: options.terminal.columns }),
    now: () => FIXED_NOW,
    cwd,
    env: options.env,
  });
  return { code, stdout, stderr };
}

/** A fresh temporary folder holding the given files. */
export function workspace(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'dead-neurons-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** A config small enough to train in well under a second. */
export const TINY_CONFIG = {
  name: 'tiny',
  backend: 'cpu',
  dataset: { kind: 'moons', samples: 120 },
  model: { depth: 3, width: 6 },
  training: { epochs: 2, batchSize: 32, learningRate: 0.01 },
  metrics: { probeSize: 50 },
  sweep: { 'model.activation': ['relu', 'leaky_relu'], seed: [1, 2] },
};

export const TINY_YAML = `name: tiny
backend: cpu
dataset:
  kind: moons
  samples: 120
model:
  depth: 3
  width: 6
training:
  epochs: 2
  batchSize: 32
  learningRate: 0.01
metrics:
  probeSize: 50
sweep:
  model.activation: [relu, leaky_relu]
  seed: [1, 2]
`;

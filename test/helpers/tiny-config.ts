import type { z } from 'zod';
import { runConfigSchema, type RunConfig } from '../../src/experiments/config/schema.js';

type RunConfigInput = z.input<typeof runConfigSchema>;

/** Per-section overrides, merged over the tiny defaults section by section. */
export interface TinyOverrides {
  seed?: number;
  backend?: RunConfigInput['backend'];
  dataset?: NonNullable<RunConfigInput['dataset']>;
  model?: NonNullable<RunConfigInput['model']>;
  training?: NonNullable<RunConfigInput['training']>;
  metrics?: NonNullable<RunConfigInput['metrics']>;
}

/**
 * A fully resolved RunConfig small enough to train in well under a second on the cpu backend:
 * 200 spiral points, 3 hidden layers of 8 units, 3 epochs of batches of 32.
 */
export function tinyRunConfig(overrides: TinyOverrides = {}): RunConfig {
  return runConfigSchema.parse({
    seed: overrides.seed ?? 1,
    backend: overrides.backend ?? 'cpu',
    dataset: { kind: 'spirals', samples: 200, ...overrides.dataset },
    model: { depth: 3, width: 8, ...overrides.model },
    training: { epochs: 3, batchSize: 32, ...overrides.training },
    metrics: { ...overrides.metrics },
  });
}

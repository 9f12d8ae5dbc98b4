/** `dead-neurons inspect <model.json>`: options, then one call. */
import { Command, Option } from 'commander';
import { z } from 'zod';
import { BACKENDS } from '../../experiments/config/schema.js';
import { INSPECT_FORMATS } from '../../inspect/format.js';
import type { CliIo } from '../process/io.js';
import { UsageError } from '../process/errors.js';
import { integerOption, parseOptions } from './options.js';

const fraction = (flag: string) =>
  z.coerce
    .number({ error: `must be a number in [0, 1], e.g. ${flag} 0.2` })
    .min(0, { error: 'must be in [0, 1]' })
    .max(1, { error: 'must be in [0, 1]' });

const inspectOptionsSchema = z.object({
  data: z.string().min(1).default('gaussian'),
  // A column by header name, or by 0-based index as dataset.target takes it.
  target: z
    .string()
    .min(1)
    .transform((value) => (/^\d+$/.test(value) ? Number(value) : value))
    .optional(),
  probe: z.number().default(1000),
  seed: z.number().default(1),
  header: z.boolean().default(true),
  skipRows: z.number().default(0),
  nearDeadThreshold: fraction('--near-dead-threshold').default(0.01),
  backend: z.enum(Object.keys(BACKENDS) as [keyof typeof BACKENDS, ...(keyof typeof BACKENDS)[]]).default('auto'),
  format: z.enum(INSPECT_FORMATS).default('table'),
  out: z.string().min(1).optional(),
  failAbove: fraction('--fail-above').optional(),
});

export function inspectCommand(io: CliIo): Command {
  return new Command('inspect')
    .description('measure the dead units of your own TF.js or converted Keras model, layer by layer')
    .argument('<model.json>', "a TF.js layers model: model.save('file://DIR') or tensorflowjs_converter output")
    .option(
      '--data <file|gaussian>',
      'probe inputs: a CSV file (header row, one input per row, reshaped to the model input), or gaussian: N(0, 1) (default: gaussian)',
    )
    .option('--target <column>', 'CSV only: a column to leave out, e.g. the label (header name or 0-based index)')
    .option('--no-header', 'CSV only: the first line is data, not column names (columns are then 0, 1, ...)')
    .addOption(integerOption('--skip-rows <n>', 'CSV only: lines to skip before the header or data (default: 0)', 0))
    .addOption(
      integerOption(
        '--probe <n>',
        'probe rows: a seeded subset of a longer CSV, or this many gaussian rows (default: 1000)',
      ),
    )
    .addOption(integerOption('--seed <n>', 'seed of the gaussian rows and of the CSV subset (default: 1)', 0))
    .option(
      '--near-dead-threshold <x>',
      'a unit positive on fewer than this share of probe rows is near-dead (default: 0.01)',
    )
    .addOption(new Option('--backend <name>', 'TensorFlow.js backend (default: auto)').choices(Object.keys(BACKENDS)))
    .addOption(new Option('--format <format>', 'what to print on stdout').choices(INSPECT_FORMATS).default('table'))
    .option('--out <dir>', 'also write manifest.json, layers.csv and report.json into DIR')
    .option(
      '--fail-above <fraction>',
      'exit 1, naming them, when any measured layer has more than this share of dead units (a CI gate)',
    )
    .addHelpText(
      'after',
      `
Measures every Dense or convolution layer that feeds a rectifier: its own relu/relu6/elu/selu, or a
ReLU, LeakyReLU, PReLU, ELU or Activation layer after it (through BatchNormalization and Dropout, in
inference mode). A unit is dead when its pre-activation is <= 0 on every probe row (a convolution
channel: at every position too). Other layers with weights are listed as not measured, with why.

Examples:
  $ dead-neurons inspect model/model.json
  $ dead-neurons inspect model/model.json --data digits.csv --target label --probe 500 --format markdown
  $ dead-neurons inspect model/model.json --fail-above 0.5 --out inspect-result`,
    )
    .action(async (modelPath: string, rawOptions: unknown) => {
      const { inspectModel } = await import('../actions/inspect.js');
      await inspectModel(io, modelPath, parseInspectOptions(rawOptions));
    });
}

/** parseOptions, with the flag named as typed (--fail-above, not --failAbove). */
function parseInspectOptions(rawOptions: unknown): z.output<typeof inspectOptionsSchema> {
  try {
    return parseOptions(inspectOptionsSchema, rawOptions);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    throw new UsageError(
      error.message.replace(/^--(\w+)/, (flag) => flag.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)),
    );
  }
}

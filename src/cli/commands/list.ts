/** `dead-neurons list`: what a config can name, straight from the schema's tables. */
import { Command } from 'commander';
import { CONFIG_FIELDS } from '../../experiments/config/paths.js';
import { ACTIVATIONS, BACKENDS, DATASETS, DEFAULT_ALPHA, INITIALIZERS, OPTIMIZERS } from '../../experiments/config/schema.js';
import type { CliIo } from '../process/io.js';

function section(title: string, table: Record<string, string>, note: (name: string) => string = () => ''): string {
  const width = Math.max(...Object.keys(table).map((name) => name.length));
  const lines = Object.entries(table).map(([name, text]) => `  ${name.padEnd(width)}  ${text}${note(name)}`);
  return `${title}\n${lines.join('\n')}\n`;
}

export function listText(): string {
  const alphaNote = (name: string) => {
    const alpha = DEFAULT_ALPHA[name as keyof typeof DEFAULT_ALPHA];
    return alpha === undefined ? '' : ` [default alpha ${alpha}]`;
  };
  const fields = Object.fromEntries(
    CONFIG_FIELDS.map((field) => [
      field.path,
      `${field.description}${field.defaultValue === undefined ? '' : ` (default ${JSON.stringify(field.defaultValue)})`}`,
    ]),
  );
  return [
    section('datasets (dataset.kind):', DATASETS),
    section('activations (model.activation):', ACTIVATIONS, alphaNote),
    section('initialisers (model.init):', INITIALIZERS),
    section('optimizers (training.optimizer):', OPTIMIZERS),
    section('backends (backend):', BACKENDS),
    section('config fields (for --set, --sweep and sweep:):', fields),
  ].join('\n');
}

export function listCommand(io: CliIo): Command {
  return new Command('list')
    .description('list datasets, activations, initialisers, optimizers, backends and config fields')
    .action(() => io.stdout(listText()));
}

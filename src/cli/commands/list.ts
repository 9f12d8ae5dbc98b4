/** `dead-neurons list`: what a config can name, straight from the schema's tables. */
import { Command } from 'commander';
import { CONFIG_FIELDS } from '../../experiments/config/paths.js';
import { ACTIVATIONS, BACKENDS, DATASETS, DEFAULT_ALPHA, INITIALIZERS, OPTIMIZERS } from '../../experiments/config/schema.js';
import { wrapWords } from '../../output/layout/text.js';
import { stdoutWidth, type CliIo } from '../io.js';

/** Below this many columns left for a description, it goes under its name instead of beside it. */
const MIN_TEXT_WIDTH = 32;

/**
 * A titled list of names and what they are. With a `width`, descriptions wrap under themselves
 * (or, when the names leave them too little room, under the name).
 */
function section(title: string, table: Record<string, string>, note: (name: string) => string = () => '', width?: number): string {
  const nameWidth = Math.max(...Object.keys(table).map((name) => name.length));
  const beside = ' '.repeat(nameWidth + 4);
  const lines = Object.entries(table).flatMap(([name, text]) => {
    const line = `  ${name.padEnd(nameWidth)}  ${text}${note(name)}`;
    if (width === undefined || width - beside.length >= MIN_TEXT_WIDTH) return wrapWords(line, width, beside);
    return [`  ${name}`, ...wrapWords(`      ${text}${note(name)}`, width, '      ')];
  });
  return `${title}\n${lines.join('\n')}\n`;
}

/** Everything a config can name; fitted to `width` columns when given. */
export function listText(width?: number): string {
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
    section('datasets (dataset.kind):', DATASETS, undefined, width),
    section('activations (model.activation):', ACTIVATIONS, alphaNote, width),
    section('initialisers (model.init):', INITIALIZERS, undefined, width),
    section('optimizers (training.optimizer):', OPTIMIZERS, undefined, width),
    section('backends (backend):', BACKENDS, undefined, width),
    section('config fields (for --set, --sweep and sweep:):', fields, undefined, width),
  ].join('\n');
}

export function listCommand(io: CliIo): Command {
  return new Command('list')
    .description('list datasets, activations, initialisers, optimizers, backends and config fields')
    .action(() => io.stdout(listText(stdoutWidth(io))));
}

/** What `dead-neurons list` prints: what a config can name, straight from the schema's tables. Pure. */
import { CONFIG_FIELDS, type ConfigField } from '../../experiments/config/paths.js';
import {
  ACTIVATIONS,
  BACKENDS,
  DATASETS,
  DEFAULT_ALPHA,
  INITIALIZERS,
  OPTIMIZERS,
} from '../../experiments/config/schema.js';

/** A titled block of names and their descriptions, the descriptions lined up one column after the longest name. */
export function listSection(
  title: string,
  table: Readonly<Record<string, string>>,
  note: (name: string) => string = () => '',
): string {
  const width = Math.max(...Object.keys(table).map((name) => name.length));
  const lines = Object.entries(table).map(([name, text]) => `  ${name.padEnd(width)}  ${text}${note(name)}`);
  return `${title}\n${lines.join('\n')}\n`;
}

/** " [default alpha 0.01]" for the activations that take an alpha. */
function alphaNote(name: string): string {
  const alpha = DEFAULT_ALPHA[name as keyof typeof DEFAULT_ALPHA];
  return alpha === undefined ? '' : ` [default alpha ${alpha}]`;
}

/** Each settable path with its description and, where the schema states one, its default. */
export function fieldTable(fields: readonly ConfigField[]): Record<string, string> {
  return Object.fromEntries(
    fields.map((field) => [
      field.path,
      `${field.description}${field.defaultValue === undefined ? '' : ` (default ${JSON.stringify(field.defaultValue)})`}`,
    ]),
  );
}

export function listText(): string {
  return [
    listSection('datasets (dataset.kind):', DATASETS),
    listSection('activations (model.activation):', ACTIVATIONS, alphaNote),
    listSection('initialisers (model.init):', INITIALIZERS),
    listSection('optimizers (training.optimizer):', OPTIMIZERS),
    listSection('backends (backend):', BACKENDS),
    listSection('config fields (for --set, --sweep and sweep:):', fieldTable(CONFIG_FIELDS)),
  ].join('\n');
}

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
import { wrapWords } from '../../output/views/layout/text.js';

/** Below this many columns left for a description, it goes under its name instead of beside it. */
const MIN_TEXT_WIDTH = 32;

/**
 * A titled block of names and their descriptions, the descriptions lined up one column after the
 * longest name. With a `width`, descriptions wrap under themselves (or, when the names leave them
 * too little room, under the name).
 */
export function listSection(
  title: string,
  table: Readonly<Record<string, string>>,
  note: (name: string) => string = () => '',
  width?: number,
): string {
  const nameWidth = Math.max(...Object.keys(table).map((name) => name.length));
  const beside = ' '.repeat(nameWidth + 4);
  const lines = Object.entries(table).flatMap(([name, text]) => {
    const line = `  ${name.padEnd(nameWidth)}  ${text}${note(name)}`;
    if (width === undefined || width - beside.length >= MIN_TEXT_WIDTH) return wrapWords(line, width, beside);
    return [`  ${name}`, ...wrapWords(`      ${text}${note(name)}`, width, '      ')];
  });
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

/** Everything a config can name; fitted to `width` columns when given. */
export function listText(width?: number): string {
  return [
    listSection('datasets (dataset.kind):', DATASETS, undefined, width),
    listSection('activations (model.activation):', ACTIVATIONS, alphaNote, width),
    listSection('initialisers (model.init):', INITIALIZERS, undefined, width),
    listSection('optimizers (training.optimizer):', OPTIMIZERS, undefined, width),
    listSection('backends (backend):', BACKENDS, undefined, width),
    listSection('config fields (for --set, --sweep and sweep:):', fieldTable(CONFIG_FIELDS), undefined, width),
  ].join('\n');
}

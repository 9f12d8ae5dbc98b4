/**
 * The README's config reference, generated from the schema: one table row per settable field
 * (CONFIG_FIELDS), with its default, the values it takes (read off the JSON Schema) and its
 * description. `npm run docs` writes it between the marker comments; a test fails when it drifts.
 */
import { configJsonSchema, leafSchema, withoutNull, type JsonSchema } from './json-schema.js';
import { CONFIG_FIELDS } from './paths.js';
import { experimentConfigSchema } from './schema.js';

export const REFERENCE_START = '<!-- config-reference:start -->';
export const REFERENCE_END = '<!-- config-reference:end -->';

const code = (text: string) => `\`${text}\``;
const cell = (text: string) => text.replace(/\|/g, '\\|');

/** A bound of a JSON schema (a number wherever zod writes one), undefined when there is none. */
const numberAt = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);

/** A number's range as a reader says it: `integer ≥ 1`, `number in [0, 0.9]`, `number > 0`, `number in [0, 1)`. */
function numberRule(schema: JsonSchema): string {
  const noun = schema.type === 'integer' ? 'integer' : 'number';
  const low = numberAt(schema.minimum) ?? numberAt(schema.exclusiveMinimum);
  const high = numberAt(schema.maximum) ?? numberAt(schema.exclusiveMaximum);
  const lowBracket = schema.minimum !== undefined ? '[' : '(';
  const highBracket = schema.maximum !== undefined ? ']' : ')';
  if (low !== undefined && high !== undefined) return `${noun} in ${lowBracket}${low}, ${high}${highBracket}`;
  if (low !== undefined) return `${noun} ${lowBracket === '[' ? '≥' : '>'} ${low}`;
  if (high !== undefined) return `${noun} ${highBracket === ']' ? '≤' : '<'} ${high}`;
  return noun;
}

/** The values a field takes, from its JSON Schema; null (not set) is left out. */
export function describeValues(field: JsonSchema): string {
  const schema = withoutNull(field);
  if (Array.isArray(schema.anyOf)) return (schema.anyOf as JsonSchema[]).map(describeValues).join(' or ');
  if (Array.isArray(schema.type)) return schema.type.map((type) => describeValues({ ...schema, type })).join(' or ');
  if (Array.isArray(schema.enum)) return schema.enum.map((value) => code(String(value))).join(', ');
  if (schema.type === 'integer' || schema.type === 'number') return numberRule(schema);
  if (schema.type === 'string')
    return typeof schema.pattern === 'string' ? `string matching ${code(schema.pattern)}` : 'string';
  return String(schema.type);
}

function describeDefault(value: unknown): string {
  if (value === undefined) return '';
  return code(typeof value === 'string' ? value : JSON.stringify(value));
}

/** The reference table, one row per field, one for the sweep and one for the baseline, ending in a newline. */
export function configReferenceTable(): string {
  const schema = configJsonSchema();
  const rows = CONFIG_FIELDS.map((field) => [
    code(field.path),
    describeDefault(field.defaultValue),
    describeValues(leafSchema(schema, field.path)),
    field.description,
  ]);
  rows.push([
    code('sweep'),
    describeDefault({}),
    'field above → list of its values, or `{from: A, to: B}` for the integers A to B',
    experimentConfigSchema.shape.sweep.description ?? '',
  ]);
  rows.push([
    code('baseline'),
    '',
    '`FIELD=VALUE`, a configuration label, or a row number (a string)',
    experimentConfigSchema.shape.baseline.description ?? '',
  ]);
  const lines = [
    '| field | default | values | meaning |',
    '| --- | --- | --- | --- |',
    ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`.replace(/ {2,}\|/g, ' |')),
  ];
  return `${lines.join('\n')}\n`;
}

/**
 * `readme` with the text between the two marker lines replaced by the current table. Throws when
 * the markers are missing or out of order, rather than guess where the table goes.
 */
export function withConfigReference(readme: string): string {
  const start = readme.indexOf(REFERENCE_START);
  const end = readme.indexOf(REFERENCE_END);
  if (start < 0 || end < start) {
    throw new Error(`README.md: no ${REFERENCE_START} ... ${REFERENCE_END} section to write the config reference into`);
  }
  const before = readme.slice(0, start + REFERENCE_START.length);
  // Blank lines around the table, so Markdown never reads a marker as part of it.
  return `${before}\n\n${configReferenceTable()}\n${readme.slice(end)}`;
}

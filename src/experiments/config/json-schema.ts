/**
 * The config format as a JSON Schema, generated from the zod schema: `dead-neurons schema` prints
 * it and configs/schema.json holds it, so editors complete and check configs. Draft-07, the draft
 * that the YAML language server and VS Code's JSON support read in full. The sweep, which zod only
 * knows as a record, is spelled out here: one key per settable path, each a list of that field's
 * values (or a range of integers, for a field that takes numbers).
 */
import { z } from 'zod';
import { CONFIG_FIELDS } from './paths.js';
import { experimentConfigSchema, runConfigSchema } from './schema.js';

export type JsonSchema = { [key: string]: unknown };

/** Drops what zod adds that says nothing to a reader: `maximum: 2^53 - 1` on every integer. */
function withoutSafeIntegerBound(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutSafeIntegerBound);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key, value]) => !(key === 'maximum' && value === Number.MAX_SAFE_INTEGER))
      .map(([key, value]) => [key, withoutSafeIntegerBound(value)]),
  );
}

/** The schema of the leaf at a dotted path (`model.alpha`) of an object schema. */
export function leafSchema(root: JsonSchema, path: string): JsonSchema {
  let node = root;
  for (const key of path.split('.')) node = (node.properties as Record<string, JsonSchema>)[key];
  return node;
}

/** A rule without its null branch: zod writes a nullable field as `anyOf: [rule, {type: null}]` or `type: [t, null]`. */
export function withoutNull(schema: JsonSchema): JsonSchema {
  const { anyOf, type, ...rest } = schema;
  if (Array.isArray(type)) {
    const types = type.filter((name) => name !== 'null');
    return { ...rest, type: types.length === 1 ? types[0] : types };
  }
  if (!Array.isArray(anyOf)) return schema;
  const branches = (anyOf as JsonSchema[]).filter((branch) => branch.type !== 'null');
  return branches.length === 1 ? { ...rest, ...branches[0] } : { ...rest, anyOf: branches };
}

/** One value a sweep can give a field: the field's own rule, without its default and without null (not set). */
function sweepItem(leaf: JsonSchema): JsonSchema {
  const { default: _default, description: _description, ...rule } = leaf;
  return withoutNull(rule);
}

/** The field's rule for integers, the ends of a `{from, to}` range; undefined for a field that takes no numbers. */
function integerRule(item: JsonSchema): JsonSchema | undefined {
  if (item.type === 'integer' || item.type === 'number') return { ...item, type: 'integer' };
  if (Array.isArray(item.anyOf))
    return (item.anyOf as JsonSchema[]).map(integerRule).find((rule) => rule !== undefined);
  return undefined;
}

/**
 * What a sweep entry may hold (see sweep-range.ts): a non-empty list of the field's values or, for
 * a field that takes numbers, a range `{from: A, to: B}` of integers, both ends included.
 */
function sweepEntry(path: string, description: string, leaf: JsonSchema): JsonSchema {
  const item = sweepItem(leaf);
  const list: JsonSchema = { type: 'array', minItems: 1, items: item };
  const ends = integerRule(item);
  const summary = `values of ${path}: ${description}`;
  if (ends === undefined) return { description: summary, ...list };
  const range: JsonSchema = {
    type: 'object',
    properties: { from: ends, to: ends },
    required: ['from', 'to'],
    additionalProperties: false,
  };
  return {
    description: `${summary}; a list, or {from, to} for the integers between, both included`,
    anyOf: [list, range],
  };
}

/** The experiment config file's JSON Schema: the run fields, the sweep, the baseline and `$schema`; nothing else. */
export function configJsonSchema(): JsonSchema {
  const toJson = (schema: z.ZodType) =>
    withoutSafeIntegerBound(z.toJSONSchema(schema, { io: 'input', target: 'draft-7' })) as JsonSchema;
  const run = toJson(runConfigSchema);
  const sweepDescription = experimentConfigSchema.shape.sweep.description;
  const sweep: JsonSchema = {
    description: sweepDescription,
    type: 'object',
    properties: Object.fromEntries(
      CONFIG_FIELDS.map((field) => [
        field.path,
        sweepEntry(field.path, field.description, leafSchema(run, field.path)),
      ]),
    ),
    additionalProperties: false,
  };
  return {
    $schema: run.$schema,
    title: 'dead-neurons experiment config',
    description: 'List only what differs from the defaults; `dead-neurons validate <config>` prints the rest.',
    type: 'object',
    properties: {
      $schema: { description: 'this JSON Schema, for editors; dead-neurons ignores it', type: 'string' },
      ...(run.properties as JsonSchema),
      sweep,
      baseline: toJson(experimentConfigSchema.shape.baseline),
    },
    additionalProperties: false,
  };
}

/** As committed in configs/schema.json and printed by `dead-neurons schema`. */
export function configJsonSchemaText(): string {
  return `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
}

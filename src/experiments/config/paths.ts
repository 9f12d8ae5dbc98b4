/**
 * The dotted paths of the config (model.depth, training.epochs, ...), read off the zod schema so
 * that `--set`, `--sweep`, sweep keys and the docs can never disagree with it.
 */
import { z } from 'zod';
import { runConfigShape } from './schema.js';
import { editDistance } from './suggest.js';

export interface ConfigField {
  path: string;
  description: string;
  /** The default as the schema states it, or undefined where it depends on other fields. */
  defaultValue: unknown;
  /** The names a named choice takes (model.activation: relu, leaky_relu, ...); undefined for other fields. */
  choices?: readonly string[];
}

/** Strips wrappers (default, optional, transform pipes) down to the schema that holds the shape. */
function unwrap(schema: z.core.$ZodType): { core: z.core.$ZodTypes; defaultValue: unknown } {
  // Every zod schema is one of $ZodTypes; the union lets `def.type` say which fields `def` has.
  let core = schema as z.core.$ZodTypes;
  let defaultValue: unknown;
  for (;;) {
    const def = core._zod.def;
    if (def.type === 'default' || def.type === 'prefault') {
      // A getter: zod calls a function default itself and returns its value.
      defaultValue ??= def.defaultValue;
      core = def.innerType as z.core.$ZodTypes;
    } else if (def.type === 'optional' || def.type === 'nullable') {
      core = def.innerType as z.core.$ZodTypes;
    } else if (def.type === 'pipe') {
      core = def.in as z.core.$ZodTypes;
    } else {
      return { core, defaultValue };
    }
  }
}

/** Each leaf's own schema (with its default), to check one value without the rest of a config. */
const SCHEMAS = new Map<string, z.core.$ZodType>();

function collect(shape: Readonly<Record<string, z.core.$ZodType>>, prefix: string, into: ConfigField[]): ConfigField[] {
  for (const [key, schema] of Object.entries(shape)) {
    const path = prefix + key;
    const { core, defaultValue } = unwrap(schema);
    if (core._zod.def.type === 'object') {
      collect(core._zod.def.shape, `${path}.`, into);
    } else {
      const choices = core._zod.def.type === 'enum' ? Object.keys(core._zod.def.entries) : undefined;
      // What .describe() stored (a schema's `description` reads the same registry).
      const description = z.globalRegistry.get(schema)?.description ?? '';
      into.push({ path, description, defaultValue, ...(choices && { choices }) });
      SCHEMAS.set(path, schema);
    }
  }
  return into;
}

/** Every settable leaf of a run config, in schema order. */
export const CONFIG_FIELDS: readonly ConfigField[] = collect(runConfigShape, '', []);

const KNOWN_PATHS = new Set(CONFIG_FIELDS.map((field) => field.path));

export function isConfigPath(path: string): boolean {
  return KNOWN_PATHS.has(path);
}

/**
 * What is wrong with `value` for the field at `path` on its own (its type and range, or a name it
 * does not take), with the names it does take when it is a named choice; null when it is fine.
 * Rules that join fields (inputDim only for some datasets) are not checked here.
 */
export function fieldValueProblem(
  path: string,
  value: unknown,
): { message: string; choices?: readonly string[] } | null {
  const schema = SCHEMAS.get(path);
  const result = schema && z.safeParse(schema, value);
  if (!result || result.success) return null;
  const choices = CONFIG_FIELDS.find((field) => field.path === path)?.choices;
  return { message: result.error.issues[0].message, ...(choices && { choices }) };
}

/** The closest known path by edit distance, for "did you mean" hints; undefined if nothing is close. */
export function suggestPath(path: string): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(3, Math.floor(path.length / 4)) + 1;
  for (const candidate of KNOWN_PATHS) {
    const distance = editDistance(path, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** " (did you mean model.depth?)" when a known path is close, else "". */
export function didYouMean(path: string): string {
  const suggestion = suggestPath(path);
  return suggestion ? ` (did you mean ${suggestion}?)` : '';
}

export function unknownPathMessage(path: string): string {
  return `unknown config path "${path}"${didYouMean(path)}`;
}

/** Returns a copy of `raw` with `value` placed at the dotted `path`, creating objects on the way. */
export function setPath(raw: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const [head, ...rest] = path.split('.');
  if (rest.length === 0) return { ...raw, [head]: value };
  const child = raw[head];
  const base = child !== null && typeof child === 'object' && !Array.isArray(child) ? child : {};
  return { ...raw, [head]: setPath(base as Record<string, unknown>, rest.join('.'), value) };
}

/** The value at a dotted path of a resolved config. */
export function getPath(config: unknown, path: string): unknown {
  let node: unknown = config;
  for (const key of path.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

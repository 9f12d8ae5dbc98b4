/**
 * Which configuration each configuration is compared with. Two kinds of baseline:
 *
 * - one configuration for all (`--baseline LABEL` or a row number; the first, in folders made
 *   before baselines were recorded);
 * - a field and a value (`--baseline model.activation=relu`): each configuration is paired with the
 *   one that has that value and shares its every other swept value, so in a depth × activation
 *   sweep leaky ReLU at depth 24 is compared with ReLU at depth 24, not at depth 4.
 *
 * Pure functions over the configurations' keys (their swept values, seed aside).
 */

export type Baseline = { kind: 'configuration'; index: number } | { kind: 'field'; path: string; value: unknown };

type Key = Record<string, unknown>;

const isSet = (value: unknown) => value !== null && value !== undefined;

/**
 * For each configuration (by its key, in order), the index of its baseline configuration, or -1:
 * it is a baseline itself, or none shares its other swept values. A value that does not apply to
 * the baseline (null: alpha under relu) matches any value, so leaky_relu alpha=0.3 pairs with relu;
 * an exact match is preferred over one through such a null.
 */
export function baselineIndices(keys: readonly Key[], baseline: Baseline): number[] {
  if (baseline.kind === 'configuration')
    return keys.map((_, index) => (index === baseline.index ? -1 : baseline.index));
  const { path, value } = baseline;
  return keys.map((key) => {
    if (!isSet(key[path]) || key[path] === value) return -1;
    const others = Object.keys(key).filter((other) => other !== path && other !== 'seed');
    const candidates = keys
      .map((candidate, index) => ({ candidate, index }))
      .filter(({ candidate }) => candidate[path] === value);
    const exact = candidates.find(({ candidate }) => others.every((other) => candidate[other] === key[other]));
    const loose = candidates.find(({ candidate }) =>
      others.every((other) => candidate[other] === key[other] || !isSet(candidate[other])),
    );
    return (exact ?? loose)?.index ?? -1;
  });
}

/** "model.activation=relu" split at its first "=", when the left side looks like a dotted config path. */
export function splitFieldValue(text: string): { path: string; value: string } | null {
  const match = /^\s*([A-Za-z][\w]*(?:\.[\w]+)*)\s*=(.*)$/.exec(text);
  return match ? { path: match[1], value: match[2].trim() } : null;
}

/** Whether `text` (as typed) names `value` (as the config holds it): 0.01 and "0.010" are the same number. */
export function sameValue(text: string, value: unknown): boolean {
  if (typeof value === 'number') return text !== '' && Number(text) === value;
  return String(value) === text;
}

/**
 * The baseline a sweep gets when none is given: the first value of model.activation when it is
 * swept (the comparison this tool exists for), else of the first swept field with two values or
 * more (seed aside). Null when nothing but the seed varies.
 */
export function defaultBaseline(sweep: Readonly<Record<string, readonly unknown[]>>): string | null {
  const varies = (path: string) =>
    path !== 'seed' && new Set(sweep[path].map((value) => JSON.stringify(value))).size > 1;
  const path =
    'model.activation' in sweep && varies('model.activation') ? 'model.activation' : Object.keys(sweep).find(varies);
  return path === undefined ? null : `${path}=${String(sweep[path][0])}`;
}

/**
 * A FIELD=VALUE baseline checked against a sweep: the field must be swept (seed aside) and the value
 * one of its values. A string says what is wrong; null: fine, or not of the FIELD=VALUE form.
 */
export function fieldBaselineProblem(
  text: string,
  sweep: Readonly<Record<string, readonly unknown[]>>,
  isConfigPath: (path: string) => boolean,
): string | null {
  const field = splitFieldValue(text);
  if (field === null || !isConfigPath(field.path)) return null;
  const swept = Object.keys(sweep).filter((path) => path !== 'seed');
  if (field.path === 'seed')
    return 'seed pairs the runs of a comparison; name another swept field, e.g. model.activation=relu';
  if (!(field.path in sweep)) {
    return `${field.path} is not swept${swept.length > 0 ? ` (swept: ${swept.join(', ')})` : ' (nothing but the seed is)'}`;
  }
  if (!sweep[field.path].some((value) => sameValue(field.value, value))) {
    return `${text}: ${field.path} is swept over ${sweep[field.path].map(String).join(', ')}`;
  }
  return null;
}

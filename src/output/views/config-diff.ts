/**
 * The config fields in which two results folders differ, for `compare`: each field as the folder
 * set it, its list of values where it was swept, so "training.learningRate: 0.01 vs 0.001" and
 * "model.alpha: [0.01, 0.3] vs 0.01" say what changed between A and B. Pure.
 */
import { CONFIG_FIELDS, getPath } from '../../experiments/config/paths.js';

/** What compare needs of a resolved config: its fields and its sweep. */
export interface ConfigLike {
  sweep?: Record<string, readonly unknown[]>;
}

export interface ConfigDifference {
  path: string;
  a: string;
  b: string;
}

/** Every config field (in the schema's order) whose setting differs between `a` and `b`. */
export function configDifferences(a: ConfigLike, b: ConfigLike): ConfigDifference[] {
  return CONFIG_FIELDS.flatMap(({ path }) => {
    const [settingA, settingB] = [setting(a, path), setting(b, path)];
    return settingA === settingB ? [] : [{ path, a: settingA, b: settingB }];
  });
}

/** "0.01", "relu", "null", or "[0.01, 0.3]" for a swept field. */
function setting(config: ConfigLike, path: string): string {
  const swept = config.sweep?.[path];
  return swept === undefined ? show(getPath(config, path)) : `[${swept.map(show).join(', ')}]`;
}

function show(value: unknown): string {
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? 'nothing');
}

/** "training.learningRate: 0.01 vs 0.001" */
export function differenceLine(difference: ConfigDifference): string {
  return `${difference.path}: ${difference.a} vs ${difference.b}`;
}

/**
 * Which baseline a text names, against the configurations runs form: what `--baseline` and the
 * config's `baseline` field accept, and how config.resolved.json records it. comparisons.csv and
 * every view resolve it here, so they agree.
 */
import { isConfigPath } from '../../experiments/config/paths.js';
import { groupBySeedlessKey } from '../../metrics/aggregate.js';
import { sameValue, splitFieldValue, type Baseline } from '../../metrics/baseline.js';
import { configurationLabel } from './labels.js';

/** Labels listed in a --baseline error before "...": enough to see the spelling, short enough for one line. */
const LISTED_LABELS = 6;

/** A configuration as --baseline sees it: its swept values (seed aside) and its label. */
export interface LabelledConfiguration {
  key: Record<string, unknown>;
  label: string;
}

/** The configurations that runs (finished or planned) form, with their labels, in the summary's order. */
export function labelledConfigurations(runs: readonly { swept: Record<string, unknown> }[], fallbackLabel: string): LabelledConfiguration[] {
  return groupBySeedlessKey(runs).map((group) => ({ key: group.key, label: configurationLabel(group.key, fallbackLabel) }));
}

/**
 * The baseline `wanted` names among `configurations`: an exact label or a row number from 1 (one
 * configuration for all), or FIELD=VALUE with a swept field (each configuration's own: the one with
 * that value and its other swept values). Nothing given: the first configuration, as folders made
 * before baselines were recorded had it. A string says why `wanted` names none.
 */
export function resolveBaseline(configurations: readonly LabelledConfiguration[], wanted: string | null | undefined): Baseline | string {
  if (wanted === undefined || wanted === null) return { kind: 'configuration', index: 0 };
  const labels = configurations.map((configuration) => configuration.label);
  const byLabel = labels.indexOf(wanted);
  if (byLabel >= 0) return { kind: 'configuration', index: byLabel };
  const swept = [...new Set(configurations.flatMap((configuration) => Object.keys(configuration.key)))];
  const field = splitFieldValue(wanted);
  if (field !== null && (swept.includes(field.path) || isConfigPath(field.path))) {
    if (!swept.includes(field.path)) return `${field.path} is not swept${swept.length > 0 ? ` (swept: ${swept.join(', ')})` : ''}`;
    const values = [...new Set(configurations.map((configuration) => configuration.key[field.path]).filter((value) => value !== null && value !== undefined))];
    const value = values.find((candidate) => sameValue(field.value, candidate));
    if (value === undefined) return `no configuration has ${field.path}=${field.value} (its values: ${values.map(String).join(', ')})`;
    return { kind: 'field', path: field.path, value };
  }
  const row = Number(wanted);
  if (/^\d+$/.test(wanted.trim()) && row >= 1 && row <= labels.length) return { kind: 'configuration', index: row - 1 };
  const listed = labels.slice(0, LISTED_LABELS).map((label) => JSON.stringify(label)).join(', ');
  const more = labels.length > LISTED_LABELS ? ', ...' : '';
  const path = swept[0];
  const first = configurations.find((configuration) => configuration.key[path] !== null && configuration.key[path] !== undefined);
  const example = first === undefined ? '' : `${path}=${String(first.key[path])} (each with its own), `;
  return `no configuration "${wanted}"; give FIELD=VALUE, e.g. ${example}a label (${listed}${more}) or a row number from 1 to ${labels.length}`;
}

/** How a baseline is recorded (config.resolved.json) and shown: FIELD=VALUE, or the one configuration's label. */
export function baselineText(baseline: Baseline, configurations: readonly LabelledConfiguration[]): string {
  return baseline.kind === 'field' ? `${baseline.path}=${String(baseline.value)}` : configurations[baseline.index].label;
}

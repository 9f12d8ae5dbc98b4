/**
 * From a config file and command-line overrides to a validated experiment: read, parse YAML or
 * JSON, apply `--set` and `--sweep`, check with the schema. Errors come back as ConfigError lines
 * that name the file or flag, the dotted path and the rule.
 */
import { readFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import type { z } from 'zod';
import { cartesian } from './combinations.js';
import { didYouMean, fieldValueProblem, isConfigPath, setPath, unknownPathMessage } from './paths.js';
import { experimentConfigSchema, runConfigSchema, type ExperimentConfig, type RunConfig } from './schema.js';
import { closestChoices, didYouMeanChoice } from './suggest.js';
import { sweepValues } from './sweep-range.js';
import { defaultBaseline, fieldBaselineProblem } from '../../metrics/baseline.js';
import { ConfigError } from '../../errors.js';

/** A config as written, before validation, plus where each part came from for error messages. */
export interface RawExperiment {
  /** The run fields as written, without the sweep. */
  base: Record<string, unknown>;
  /** Dotted path to the list of values it takes. */
  sweep: Record<string, unknown[]>;
  /** The comparisons' baseline as written (an experiment field, like the sweep: no run has it). */
  baseline?: unknown;
  /** The file, for messages ("configs/deep.json"). */
  source: string;
  /** Paths set by a flag, mapped to the flag that set them ("--set model.depth=3"). */
  flagOrigins: Map<string, string>;
}

export interface Overrides {
  set?: readonly string[];
  sweep?: readonly string[];
  /** --baseline: replaces the config's `baseline`. */
  baseline?: string;
}

/** Reads and parses a config file; YAML for .yaml/.yml, JSON for .json. Messages show `path` as given. */
export function readConfigFile(path: string, cwd = process.cwd()): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(resolve(cwd, path), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : String(code);
    throw new ConfigError([`${path}: cannot read config (${reason})`]);
  }
  const extension = extname(path).toLowerCase();
  if (!['.json', '.yaml', '.yml'].includes(extension)) {
    throw new ConfigError([`${path}: config must end in .json, .yaml or .yml`]);
  }
  const empty = `${path}: config is empty; write {} to use every default`;
  if (text.trim() === '') throw new ConfigError([empty]);
  let parsed: unknown;
  try {
    parsed = extension === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    const detail =
      error instanceof YAMLParseError
        ? `line ${error.linePos?.[0].line}, column ${error.linePos?.[0].col}: ${error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`
        : (error as Error).message;
    throw new ConfigError([`${path}: invalid ${extension === '.json' ? 'JSON' : 'YAML'}: ${detail}`]);
  }
  // YAML that holds only comments (or `null`) parses to null: as empty as an empty file.
  if (parsed === null || parsed === undefined) throw new ConfigError([empty]);
  if (typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ConfigError([`${path}: config must be a mapping of keys to values`]);
  }
  return parsed as Record<string, unknown>;
}

/**
 * Splits the file's content into run fields and sweep, then applies the flags. A top-level
 * `$schema` (the JSON Schema editors check the file against) is dropped: it is not a setting.
 */
export function buildRawExperiment(
  content: Record<string, unknown>,
  source: string,
  overrides: Overrides = {},
): RawExperiment {
  const { sweep: fileSweep, $schema: jsonSchema, baseline, ...fileBase } = content;
  const raw: RawExperiment = {
    base: fileBase,
    sweep: {},
    source,
    flagOrigins: new Map(),
    ...(baseline === undefined ? {} : { baseline }),
  };
  const problems: string[] = [];

  if (jsonSchema !== undefined && typeof jsonSchema !== 'string') {
    problems.push(
      `${source}: $schema: must be the path or URL of a JSON Schema, e.g. "./schema.json", got ${describeValue(jsonSchema)}`,
    );
  }

  if (fileSweep !== undefined) {
    if (fileSweep === null || typeof fileSweep !== 'object' || Array.isArray(fileSweep)) {
      problems.push(`${source}: sweep: must map dotted paths to lists of values, e.g. model.alpha: [0.01, 0.1]`);
    } else {
      for (const [path, values] of Object.entries(fileSweep)) {
        const expanded = sweepValues(values);
        if (!isConfigPath(path)) problems.push(`${source}: sweep.${path}: ${unknownPathMessage(path)}`);
        else if ('problem' in expanded) problems.push(`${source}: sweep.${path}: ${expanded.problem}`);
        else raw.sweep[path] = expanded.values;
      }
    }
  }
  for (const flag of overrides.set ?? []) {
    const parsed = parseAssignment('--set', flag, problems);
    if (!parsed) continue;
    // The sweep would silently win over a value set for the same path: refuse instead.
    const sweptBy = sweptByOf(parsed.path, raw.sweep, source, overrides);
    if (sweptBy) {
      problems.push(sweptConflict(content, source, overrides, flag, parsed, sweptBy));
      continue;
    }
    raw.base = setPath(raw.base, parsed.path, parseScalar(parsed.text));
    raw.flagOrigins.set(parsed.path, `--set ${flag}`);
  }
  for (const flag of overrides.sweep ?? []) {
    const parsed = parseAssignment('--sweep', flag, problems);
    if (!parsed) continue;
    raw.sweep[parsed.path] = parsed.text.split(',').map((item) => parseScalar(item.trim()));
    raw.flagOrigins.set(`sweep.${parsed.path}`, `--sweep ${flag}`);
  }
  if (overrides.baseline !== undefined) {
    raw.baseline = overrides.baseline;
    raw.flagOrigins.set('baseline', `--baseline ${overrides.baseline}`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return raw;
}

/** Where `path` is swept, when it is: the config file, or the --sweep flag. */
function sweptByOf(
  path: string,
  fileSweep: Record<string, unknown>,
  source: string,
  overrides: Overrides,
): string | null {
  if (path in fileSweep) return source;
  return (overrides.sweep ?? []).some((item) => item.split('=')[0].trim() === path) ? '--sweep' : null;
}

/**
 * The one line for `--set PATH=VALUE` on a swept path. It points at `--sweep PATH=VALUE` (one value
 * swept) only after checking that this command would work: the value is one the field takes (or
 * the one a misspelt name most likely meant), and the experiment swept that way has no problem
 * that it does not have without the --set. Otherwise it says what is wrong instead.
 */
function sweptConflict(
  content: Record<string, unknown>,
  source: string,
  overrides: Overrides,
  flag: string,
  parsed: { path: string; text: string },
  sweptBy: string,
): string {
  const { path, text } = parsed;
  const value = parseScalar(text);
  const fieldProblem = fieldValueProblem(path, value);
  const suggested = fieldProblem?.choices ? closestChoices(String(value), fieldProblem.choices) : [];
  const tried = fieldProblem === null ? text : suggested.length === 1 ? suggested[0] : undefined;
  // Every other --set that is not swept stays; the ones that are would fail on their own.
  const kept = (overrides.set ?? []).filter((item) => {
    const other = item.slice(0, item.indexOf('=')).trim();
    return (
      item.includes('=') && isConfigPath(other) && sweptByOf(other, asObject(content.sweep), source, overrides) === null
    );
  });
  const sweeps = (overrides.sweep ?? []).filter((item) => item.split('=')[0].trim() !== path);
  const before = new Set(experimentProblems(content, source, { set: kept, sweep: sweeps }));
  const hinted = tried === undefined ? undefined : `--sweep ${path}=${tried}`;
  const added =
    hinted === undefined
      ? []
      : experimentProblems(content, source, { set: kept, sweep: [...sweeps, `${path}=${tried}`] }).filter(
          (problem) => !before.has(problem),
        );
  const works = hinted !== undefined && added.length === 0;
  if (fieldProblem !== null) {
    const rule = `${path}: ${fieldProblem.message}, got ${describeValue(value)}${fieldProblem.choices ? didYouMeanChoice(value, fieldProblem.choices) : ''}`;
    return `--set ${flag}: ${rule}; ${path} is swept by ${sweptBy}${works ? `: to run one value, use ${hinted}` : ''}`;
  }
  if (works) return `--set ${flag}: ${path} is swept by ${sweptBy}; to run one value, use ${hinted}`;
  return `--set ${flag}: ${path} is swept by ${sweptBy}; ${hinted} would not work either: ${added[0]}`;
}

function asObject(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** Every problem the experiment would have up to planning: the flags, the config, every combination of its sweep. */
function experimentProblems(content: Record<string, unknown>, source: string, overrides: Overrides): string[] {
  try {
    const raw = buildRawExperiment(content, source, overrides);
    validateExperiment(raw);
    const swept = Object.keys(raw.sweep);
    const problems = new Set<string>();
    for (const combination of cartesian(raw.sweep)) {
      const base = combination.reduce((config, [path, item]) => setPath(config, path, item), raw.base);
      const result = runConfigSchema.safeParse(base, { reportInput: true });
      if (!result.success) formatIssues(result.error.issues, raw, swept).forEach((problem) => problems.add(problem));
    }
    return [...problems];
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
}

function parseAssignment(flag: string, text: string, problems: string[]): { path: string; text: string } | undefined {
  const equals = text.indexOf('=');
  if (equals <= 0) {
    problems.push(`${flag} ${text}: expected PATH=VALUE, e.g. ${flag} model.depth=50`);
    return undefined;
  }
  const path = text.slice(0, equals).trim();
  if (!isConfigPath(path)) {
    problems.push(`${flag} ${text}: ${unknownPathMessage(path)}`);
    return undefined;
  }
  return { path, text: text.slice(equals + 1).trim() };
}

/** A flag's value read as a YAML scalar, so `--set model.depth=50` means the number 50, as in a config. */
function parseScalar(text: string): unknown {
  try {
    const value: unknown = parseYaml(text);
    return value === null && text !== 'null' && text !== '~' ? text : value;
  } catch {
    return text;
  }
}

/**
 * Validates the whole experiment (base fields, sweep shape and baseline). A baseline left out gets
 * the sweep's default (metrics/baseline.ts); a FIELD=VALUE one must name a swept field and one of
 * its values. Labels and row numbers are checked against the plan (cli/actions/prepare.ts).
 */
export function validateExperiment(raw: RawExperiment): ExperimentConfig {
  const result = experimentConfigSchema.safeParse(
    { ...raw.base, sweep: raw.sweep, baseline: raw.baseline },
    { reportInput: true },
  );
  if (!result.success) throw new ConfigError(formatIssues(result.error.issues, raw));
  const config = result.data;
  if (config.baseline === null) return { ...config, baseline: defaultBaseline(config.sweep) };
  const problem = fieldBaselineProblem(config.baseline, config.sweep, isConfigPath);
  if (problem !== null) throw new ConfigError([`${baselineOrigin(raw)}: ${problem}`]);
  return config;
}

/** How a problem with the baseline starts: "--baseline" when the flag set it, else "c.yaml: baseline". */
export function baselineOrigin(raw: RawExperiment): string {
  return raw.flagOrigins.has('baseline') ? '--baseline' : `${raw.source}: baseline`;
}

/** Validates one run's fields; `sweptPaths` lets errors point at the sweep entry that set a value. */
export function validateRun(
  base: Record<string, unknown>,
  raw: RawExperiment,
  sweptPaths: readonly string[] = [],
): RunConfig {
  const result = runConfigSchema.safeParse(base, { reportInput: true });
  if (!result.success) throw new ConfigError(formatIssues(result.error.issues, raw, sweptPaths));
  return result.data;
}

/** One line per issue: `<file or flag>: <dotted path>: <rule>, got <value>`. */
function formatIssues(
  issues: readonly z.core.$ZodIssue[],
  raw: RawExperiment,
  sweptPaths: readonly string[] = [],
): string[] {
  const lines: string[] = [];
  for (const issue of issues) {
    const path = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const full = path ? `${path}.${key}` : key;
        lines.push(`${raw.source}: ${full}: unknown key${didYouMean(full)}`);
      }
      continue;
    }
    const swept = sweptPaths.includes(path);
    const shownPath = swept ? `sweep.${path}` : path;
    const origin = raw.flagOrigins.get(shownPath) ?? raw.source;
    const got = 'input' in issue && issue.code !== 'custom' ? `, got ${describeValue(issue.input)}` : '';
    // A named choice not taken: the name it most likely meant ("lrelu": leaky_relu).
    const meant = issue.code === 'invalid_value' ? didYouMeanChoice(issue.input, issue.values.map(String)) : '';
    lines.push(`${origin}: ${shownPath || '(top level)'}: ${issue.message}${got}${meant}`);
  }
  return lines;
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  // JSON has no form for these two (JSON.stringify gives undefined); String names them.
  if (typeof value === 'function' || typeof value === 'symbol') return String(value);
  return JSON.stringify(value);
}

/** The one entry point: file + flags to a validated experiment, or a ConfigError. */
export function loadExperiment(
  path: string,
  overrides: Overrides = {},
  cwd = process.cwd(),
): { raw: RawExperiment; config: ExperimentConfig } {
  const raw = buildRawExperiment(readConfigFile(path, cwd), path, overrides);
  return { raw, config: validateExperiment(raw) };
}

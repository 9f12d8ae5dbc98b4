/**
 * Output that fits the terminal, on the real executable: with COLUMNS=80 and COLUMNS=100 no line
 * that run, report, compare, validate or list prints (stdout and stderr, charts included) is
 * longer; without COLUMNS, off a terminal, the tables are the full ones, as in a file.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { TINY_CONFIG, workspace } from '../helpers/cli.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(ROOT, 'bin/dead-neurons.js');
const EXAMPLE = join(ROOT, 'docs/pictures/example-result');

/** The compiled program with COLUMNS set (or unset), stdout and stderr pipes (not terminals). */
function dn(args: string[], cwd: string, columns?: number): { code: number | null; stdout: string; stderr: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.COLUMNS;
  if (columns !== undefined) env.COLUMNS = String(columns);
  const child = spawnSync(process.execPath, [BIN, ...args], { cwd, env, encoding: 'utf8' });
  return { code: child.status, stdout: child.stdout, stderr: child.stderr };
}

const widest = (text: string) => Math.max(0, ...text.split('\n').map((line) => [...line].length));
const longLines = (text: string, width: number) => text.split('\n').filter((line) => [...line].length > width);

describe('output fits COLUMNS', () => {
  const dir = workspace({ 'tiny.json': JSON.stringify({ ...TINY_CONFIG, name: 'a-name-long-enough-to-matter' }) });
  const runs = new Map<number | undefined, ReturnType<typeof dn>>();

  before(() => {
    for (const columns of [80, 100, undefined]) {
      const outcome = dn(
        ['run', 'tiny.json', '--out', `out${columns ?? ''}`, '--jobs', '1', '--charts', 'all'],
        dir,
        columns,
      );
      assert.equal(outcome.code, 0, outcome.stderr);
      runs.set(columns, outcome);
    }
  });

  for (const columns of [80, 100]) {
    test(`COLUMNS=${columns}: run, report, compare, validate and list print no longer line`, () => {
      const outcomes: [string, ReturnType<typeof dn>][] = [
        ['run', runs.get(columns)!],
        ['report', dn(['report', EXAMPLE, '--charts', 'all'], dir, columns)],
        ['report (one screen)', dn(['report', EXAMPLE, '--charts'], dir, columns)],
        ['compare', dn(['compare', 'out80', 'out100'], dir, columns)],
        ['compare example', dn(['compare', EXAMPLE, EXAMPLE], dir, columns)],
        ['validate', dn(['validate', join(ROOT, 'configs/deep.json')], dir, columns)],
        ['list', dn(['list'], dir, columns)],
      ];
      for (const [name, outcome] of outcomes) {
        assert.equal(outcome.code, 0, `${name}: ${outcome.stderr}`);
        assert.deepEqual(longLines(outcome.stdout, columns), [], `${name}: stdout`);
        assert.deepEqual(longLines(outcome.stderr, columns), [], `${name}: stderr`);
      }
      // The tables are fitted, not cut: every configuration and the whole legend are there.
      const report = outcomes[1][1].stdout;
      for (const label of ['alpha=0 ', 'alpha=0.01', 'alpha=0.1 ', 'alpha=0.3'])
        assert.ok(report.includes(label), label);
      assert.match(outcomes[3][1].stdout, /configs: the same in A and B\n$/);
    });
  }

  test('no COLUMNS and not a terminal: the full tables, as a file gets them', () => {
    const run = runs.get(undefined)!;
    assert.match(
      run.stdout.split('\n')[1],
      /^│ configuration │ runs │ dead @init +│ dead @end \(95% CI\) │ dead per layer @end \(in→out\) │ loss +│ test acc +│ notes │$/,
    );
    const report = dn(['report', EXAMPLE], dir);
    assert.equal(widest(report.stdout), 176, 'the full table and its one-line title');
    const compare = dn(['compare', EXAMPLE, EXAMPLE], dir);
    assert.match(
      compare.stdout.split('\n')[1],
      /^│ configuration │ runs A\/B │ test +│ dead @end A +│ dead @end B +│ Δ dead @end \(pp\) +│/,
    );
    assert.ok(widest(dn(['list'], dir).stdout) > 200, 'list unwrapped');
    // Markdown is a file format: the same at any width.
    assert.equal(
      dn(['report', EXAMPLE, '--format', 'markdown'], dir, 80).stdout,
      dn(['report', EXAMPLE, '--format', 'markdown'], dir).stdout,
    );
  });
});

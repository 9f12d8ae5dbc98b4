/**
 * The CSV check behind `reproduce`: the first line that differs per file, timing columns and line
 * endings aside, and the one line printed for it, shortened around the cell that differs.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  csvCheckProblems,
  describeCsvDifference,
  firstCsvDifference,
  shortenLine,
  splitCells,
} from '../../../src/output/reproduce/csv-check.js';

const RUNS = 'run_id,seed,status,loss,seconds\nr001,1,ok,0.5,1.25\nr002,2,ok,0.25,2.5\n';

describe('splitCells', () => {
  test('splits on commas outside double quotes and keeps cells as written', () => {
    assert.deepEqual(splitCells('a,"b,c",,"say ""hi"""'), ['a', '"b,c"', '', '"say ""hi"""']);
    assert.deepEqual(splitCells(''), ['']);
  });
});

describe('firstCsvDifference', () => {
  test('equal texts agree', () => {
    assert.equal(firstCsvDifference(RUNS, RUNS), undefined);
  });

  test('reports the first differing line, 1-based with the header as line 1, and its first differing cell', () => {
    const stored = RUNS.replace('0.25', '0.26');
    assert.deepEqual(firstCsvDifference(stored, RUNS), {
      line: 3,
      stored: 'r002,2,ok,0.26,2.5',
      expected: 'r002,2,ok,0.25,2.5',
      cell: 3,
      column: 'loss',
    });
  });

  test('ignored columns are not compared on data lines, only named in the header', () => {
    const slower = RUNS.replace('1.25', '9.75').replace('2.5', '0.1');
    assert.equal(firstCsvDifference(slower, RUNS, ['seconds']), undefined);
    assert.deepEqual(firstCsvDifference(slower, RUNS), {
      line: 2,
      stored: 'r001,1,ok,0.5,9.75',
      expected: 'r001,1,ok,0.5,1.25',
      cell: 4,
      column: 'seconds',
    });
    const renamed = RUNS.replace('seconds', 'secs');
    assert.deepEqual(firstCsvDifference(renamed, RUNS, ['seconds']), {
      line: 1,
      stored: 'run_id,seed,status,loss,secs',
      expected: 'run_id,seed,status,loss,seconds',
      cell: 4,
      column: 'seconds',
    });
  });

  test('a missing or extra cell differs at the first cell one line lacks', () => {
    assert.deepEqual(firstCsvDifference(RUNS.replace(',2.5', ''), RUNS, ['seconds']), undefined);
    assert.deepEqual(firstCsvDifference(RUNS.replace(',0.25,2.5', ''), RUNS, ['seconds']), {
      line: 3,
      stored: 'r002,2,ok',
      expected: 'r002,2,ok,0.25,2.5',
      cell: 3,
      column: 'loss',
    });
  });

  test('a stored file that ends early or goes on has null for the line the other lacks', () => {
    const shorter = 'run_id,seed,status,loss,seconds\nr001,1,ok,0.5,1.25\n';
    assert.deepEqual(firstCsvDifference(shorter, RUNS), {
      line: 3,
      stored: null,
      expected: 'r002,2,ok,0.25,2.5',
      cell: null,
      column: null,
    });
    assert.deepEqual(firstCsvDifference(`${RUNS}r003,3,ok,1,1\n`, RUNS), {
      line: 4,
      stored: 'r003,3,ok,1,1',
      expected: null,
      cell: null,
      column: null,
    });
  });

  test('CRLF line endings and a missing final newline are not differences', () => {
    assert.equal(firstCsvDifference(RUNS.replace(/\n/g, '\r\n'), RUNS), undefined);
    assert.equal(firstCsvDifference(RUNS.slice(0, -1), RUNS), undefined);
  });

  test('a blank line is a line', () => {
    assert.deepEqual(firstCsvDifference(RUNS.replace('\nr002', '\n\nr002'), RUNS), {
      line: 3,
      stored: '',
      expected: 'r002,2,ok,0.25,2.5',
      cell: 0,
      column: 'run_id',
    });
  });
});

describe('shortenLine', () => {
  const line = 'r001,1,2,8,3,0.375,3,0.375,0.29125,0,0,0.21846382';

  test('keeps the line up to the differing cell when that cell is near the start', () => {
    assert.equal(shortenLine(line, 0), 'r001,...');
    assert.equal(shortenLine(line, 4), 'r001,1,2,8,3,...');
  });

  test('keeps the three leading cells and the differing one, eliding those between', () => {
    assert.equal(shortenLine(line, 5), 'r001,1,2,...,0.375,...');
    assert.equal(shortenLine(line, 11), 'r001,1,2,...,0.21846382');
  });

  test('a line that ends before the differing cell is shown up to its end', () => {
    assert.equal(shortenLine('r002,2,ok', 3), 'r002,2,ok');
  });

  test('without a differing cell, keeps the leading cells', () => {
    assert.equal(shortenLine(line, null), 'r001,1,2,...');
    assert.equal(shortenLine('r001,1,ok', null), 'r001,1,ok');
  });
});

describe('describeCsvDifference', () => {
  test('names the file, the line, the column and both versions, shortened', () => {
    const difference = {
      line: 7,
      stored: 'r001,1,2,8,0,0,0,0,0.5,0,0,0.25739605',
      expected: 'r001,1,2,8,0,0,0,0,0.5,0,0,0.25739604',
      cell: 11,
      column: 'grad_norm',
    };
    assert.equal(
      describeCsvDifference('ref/metrics.csv', difference),
      'ref/metrics.csv: line 7 differs from what runs/*.json give (grad_norm): stored "r001,1,2,...,0.25739605" expected "r001,1,2,...,0.25739604"',
    );
  });

  test('a line past the end of one file shows as (end of file)', () => {
    const difference = { line: 4, stored: null, expected: 'r003,3,ok,1,1', cell: null, column: null };
    assert.equal(
      describeCsvDifference('runs.csv', difference),
      'runs.csv: line 4 differs from what runs/*.json give: stored (end of file) expected "r003,3,ok,..."',
    );
  });

  test('quotes inside a line are escaped so the line stays one line', () => {
    const difference = { line: 2, stored: '"a,b",1', expected: '"a,b",2', cell: 1, column: 'n' };
    assert.equal(
      describeCsvDifference('summary.csv', difference),
      'summary.csv: line 2 differs from what runs/*.json give (n): stored "\\"a,b\\",1" expected "\\"a,b\\",2"',
    );
  });

  test('a missing file says how many lines the records give', () => {
    assert.equal(
      describeCsvDifference('epochs.csv', { missing: true, expectedLines: 9 }),
      'epochs.csv: missing (runs/*.json give 9 line(s))',
    );
  });
});

describe('csvCheckProblems', () => {
  const expected = { 'metrics.csv': 'a,b\n1,2\n', 'runs.csv': RUNS };

  test('nothing when every file agrees, timing columns aside', () => {
    assert.deepEqual(
      csvCheckProblems({ 'metrics.csv': 'a,b\n1,2\n', 'runs.csv': RUNS.replace('1.25', '3') }, expected, ['seconds']),
      [],
    );
  });

  test('one line per missing or differing file, in the order of the expected files, named as shown', () => {
    const problems = csvCheckProblems(
      { 'runs.csv': RUNS.replace('ok,0.5', 'ok,0.4') },
      expected,
      ['seconds'],
      (file) => `dir/${file}`,
    );
    assert.deepEqual(problems, [
      'dir/metrics.csv: missing (runs/*.json give 2 line(s))',
      'dir/runs.csv: line 2 differs from what runs/*.json give (loss): stored "r001,1,ok,0.4,..." expected "r001,1,ok,0.5,..."',
    ]);
  });

  test('files stored but not expected are not checked', () => {
    assert.deepEqual(csvCheckProblems({ ...expected, 'notes.csv': 'x' }, expected, []), []);
  });
});

/**
 * Every way a sweep worker can fail, driven through real worker processes by the test-only fault
 * hook (src/experiments/execution/test-fault.ts): the pool ends with one RunError naming the run,
 * keeps what finished, and leaves no worker alive.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildRawExperiment } from '../../../src/experiments/config/load.js';
import { RunError } from '../../../src/errors.js';
import { runSweep } from '../../../src/experiments/execution/sweep-runner.js';
import { silenceLimit, type WorkerTimeouts } from '../../../src/experiments/execution/watchdog.js';
import { runInWorkers } from '../../../src/experiments/execution/worker-pool.js';
import { planRuns } from '../../../src/experiments/sweep/plan.js';
import type { EpochRecord, PlannedRun } from '../../../src/experiments/types.js';
import { TINY_CONFIG } from '../../helpers/cli.js';
import { newTag, processesTagged, TAG_VARIABLE } from '../../helpers/processes.js';

/** r001, r002, r003: a fraction of a second each. */
const PLAN = planRuns(buildRawExperiment({ ...TINY_CONFIG, sweep: { seed: [1, 2, 3] } }, 'tiny.json'));
/** Far above a worker's start-up from sources through tsx (about 1 s) and a tiny run's epochs. */
const GENEROUS: WorkerTimeouts = { startupMs: 30_000, progressMs: 30_000, unresponsiveMs: 30_000 };

interface PoolOutcome {
  error: unknown;
  collected: string[];
  seconds: number;
}

/**
 * Runs `body` with DEAD_NEURONS_TEST_WORKER_FAULT=`fault` and a fresh tag in the environment that
 * workers inherit when forked; asserts that no tagged process outlives it.
 */
async function withFault<T>(fault: string, body: () => Promise<T>): Promise<T> {
  const tag = newTag();
  process.env.DEAD_NEURONS_TEST_WORKER_FAULT = fault;
  process.env[TAG_VARIABLE] = tag;
  let result: T;
  try {
    result = await body();
  } finally {
    delete process.env.DEAD_NEURONS_TEST_WORKER_FAULT;
    delete process.env[TAG_VARIABLE];
  }
  assert.deepEqual(processesTagged(tag), [], 'worker processes still alive after the pool settled');
  return result;
}

/** Runs PLAN in `workers` worker processes with `fault`: how it ended, and what it collected. */
function poolWith(
  fault: string,
  timeouts: Partial<WorkerTimeouts> = {},
  workers = 1,
  onEpoch?: (run: PlannedRun, record: EpochRecord) => void,
): Promise<PoolOutcome> {
  return withFault(fault, async () => {
    const collected: string[] = [];
    const started = performance.now();
    const options = { baseDir: '.', threads: 1, timeouts: { ...GENEROUS, ...timeouts }, onEpoch };
    const error = await runInWorkers([...PLAN], workers, options, (result) => collected.push(result.runId)).catch(
      (caught: unknown) => caught,
    );
    return { error, collected, seconds: (performance.now() - started) / 1000 };
  });
}

function assertRunError(error: unknown, message: string): void {
  assert.ok(error instanceof RunError, `expected a RunError, got ${String(error)}`);
  assert.equal(error.message, message);
}

describe('worker failures end the pool with one message and no worker left', () => {
  test('every worker dying before it is ready (once a pool waiting forever)', async () => {
    const { error, collected } = await poolWith('crash-before-ready', {}, 2);
    assertRunError(error, 'worker exited with signal SIGKILL before it was ready');
    assert.deepEqual(collected, []);
  });

  test('a worker killed mid-run: the run before it is kept', async () => {
    const { error, collected } = await poolWith('crash-on-run:r002');
    assertRunError(error, 'worker running r002 exited with signal SIGKILL');
    assert.deepEqual(collected, ['r001']);
  });

  test('a run that fails in a worker', async () => {
    const { error, collected } = await poolWith('fail-on-run:r002');
    assertRunError(error, 'run r002: injected fault (DEAD_NEURONS_TEST_WORKER_FAULT)');
    assert.deepEqual(collected, ['r001']);
  });

  test('a worker that never reports ready is stopped after the start-up timeout', async () => {
    const { error, collected, seconds } = await poolWith('hang-before-ready', { startupMs: 3000 });
    assertRunError(error, 'worker did not report ready within 3 s of starting');
    assert.deepEqual(collected, []);
    assert.ok(seconds < 10, `took ${seconds} s`);
  });

  test('a worker stuck in a computation mid-run (no heartbeat) is stopped after the unresponsive limit', async () => {
    // r002's loading and first measurement take milliseconds, far below a tenth of the limit.
    const { error, collected, seconds } = await poolWith('hang-on-run:r002', { unresponsiveMs: 2000 });
    assertRunError(error, 'worker running r002 has not answered for 2 s; stopped it');
    assert.deepEqual(collected, ['r001']);
    assert.ok(seconds < 10, `took ${seconds} s`);
  });

  test('a worker that stalls with heartbeats going on is stopped after the progress limit', async () => {
    const { error, collected, seconds } = await poolWith('stall-on-run:r002', { progressMs: 3000 });
    assertRunError(error, 'worker running r002 finished no epoch in 3 s; stopped it');
    assert.deepEqual(collected, ['r001']);
    assert.ok(seconds < 10, `took ${seconds} s`);
  });

  test('runSweep with jobs 2: a worker failure stops the parent lane too and is what it throws', async () => {
    const error = await withFault('crash-before-ready', () =>
      runSweep([...PLAN], { baseDir: '.', jobs: 2, timeouts: GENEROUS }).catch((caught: unknown) => caught),
    );
    assertRunError(error, 'worker exited with signal SIGKILL before it was ready');
  });
});

describe('the watchdogs', () => {
  test('allows ten times the slowest gap seen, and the floor at least', () => {
    assert.equal(silenceLimit(1000, 0), 1000);
    assert.equal(silenceLimit(1000, 50), 1000);
    assert.equal(silenceLimit(1000, 300), 3000);
  });

  test('a healthy worker is not called hung while this process itself is busy past the limit', async () => {
    // The parent's own lane measures synchronously: here it blocks 1.5 s, three times both limits,
    // while the worker's next epochs wait unread in the pipe.
    const block = (run: PlannedRun, record: EpochRecord) => {
      if (run.runId !== 'r002' || record.epoch !== 0) return;
      const until = performance.now() + 1500;
      while (performance.now() < until);
    };
    const { error, collected } = await poolWith('', { progressMs: 500, unresponsiveMs: 500 }, 1, block);
    assert.equal(error, undefined);
    assert.deepEqual(collected, ['r001', 'r002', 'r003']);
  });
});

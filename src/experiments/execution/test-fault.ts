/**
 * TEST-ONLY. DEAD_NEURONS_TEST_WORKER_FAULT makes every sweep worker misbehave in one way, so the
 * tests can drive each failure the pool must survive through real processes. Only workers read
 * it (the parent's own lane ignores it), and nothing but the tests sets it.
 *   crash-before-ready   kills itself (SIGKILL, as the out-of-memory killer would) instead of ready
 *   hang-before-ready    spins instead of reporting ready
 *   crash-on-run:ID      kills itself right after sending run ID's first epoch record
 *   hang-on-run:ID       spins right after sending run ID's first epoch record (no more heartbeats)
 *   stall-on-run:ID      waits forever at the start of run ID (its heartbeats go on)
 *   fail-on-run:ID       reports run ID as failed
 */
const [FAULT, FAULT_RUN] = (process.env.DEAD_NEURONS_TEST_WORKER_FAULT ?? '').split(':');

/** Before 'ready', and after each epoch record is sent. */
export function injectFault(point: 'ready' | 'epoch', runId?: string): void {
  if (point === 'ready' && FAULT === 'crash-before-ready') process.kill(process.pid, 'SIGKILL');
  if (point === 'ready' && FAULT === 'hang-before-ready') spin();
  if (point === 'epoch' && runId === FAULT_RUN && FAULT === 'crash-on-run') process.kill(process.pid, 'SIGKILL');
  if (point === 'epoch' && runId === FAULT_RUN && FAULT === 'hang-on-run') spin();
}

/** At the start of a run. */
export async function injectRunFault(runId: string): Promise<void> {
  if (runId === FAULT_RUN && FAULT === 'fail-on-run')
    throw new Error('injected fault (DEAD_NEURONS_TEST_WORKER_FAULT)');
  if (runId === FAULT_RUN && FAULT === 'stall-on-run') await new Promise(() => {});
}

/**
 * A hang as a stuck kernel would cause: the event loop never runs again, so the worker reads no
 * message, sends no heartbeat and notices no disconnect; only a signal ends it. Bounded, so a
 * broken test leaves no process spinning for long.
 */
function spin(): void {
  const until = Date.now() + 60_000;
  while (Date.now() < until);
  process.exit(1);
}

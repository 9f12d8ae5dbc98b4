/**
 * Ctrl-C and SIGTERM during a sweep: the first one aborts cleanly (finished runs are already on
 * disk, the summary files are rewritten, a line says how to resume); a second one exits at once.
 * Losing the parent process counts as SIGTERM: when `npx` (npm exec) is sent SIGTERM it dies with
 * its `sh -c` child without passing the signal on, and this process would otherwise train on as
 * an orphan.
 */
export class InterruptedError extends Error {
  override name = 'InterruptedError';
  /** 128 + signal number, as shells report a signal's death. */
  readonly exitCode: number;
  constructor(readonly signal: NodeJS.Signals) {
    super(`interrupted by ${signal}`);
    this.exitCode = signal === 'SIGINT' ? 130 : 143;
  }
}

/** How often the parent is checked: a stop within about a second, for a negligible cost. */
const PARENT_CHECK_MS = 500;

/**
 * Aborts `controller` on the first SIGINT or SIGTERM, or when the parent process goes away;
 * `onFirst` gets the signal and a human-readable cause. Returns a function that removes it all.
 */
export function abortOnSignals(
  controller: AbortController,
  onFirst: (signal: NodeJS.Signals, cause: string) => void,
): () => void {
  const stop = (signal: NodeJS.Signals, cause: string) => {
    if (controller.signal.aborted) process.exit(new InterruptedError(signal).exitCode);
    onFirst(signal, cause);
    controller.abort(new InterruptedError(signal));
  };
  const handler = (signal: NodeJS.Signals) => stop(signal, signal);
  const parent = process.ppid;
  const parentWatch = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(parentWatch);
    stop('SIGTERM', `parent process ${parent} exited`);
  }, PARENT_CHECK_MS).unref();
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return () => {
    clearInterval(parentWatch);
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}

/**
 * Ctrl-C and SIGTERM during a sweep: the first one aborts cleanly (finished runs are already on
 * disk, the summary files are rewritten, a line says how to resume); a second one exits at once.
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

/** Aborts `controller` on the first SIGINT or SIGTERM; returns a function that removes the handlers. */
export function abortOnSignals(controller: AbortController, onFirst: (signal: NodeJS.Signals) => void): () => void {
  const handler = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) process.exit(new InterruptedError(signal).exitCode);
    onFirst(signal);
    controller.abort(new InterruptedError(signal));
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}

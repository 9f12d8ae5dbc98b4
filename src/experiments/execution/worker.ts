/**
 * A sweep worker process: receives planned runs from the parent over IPC, runs them one at a time
 * and sends back each epoch (for progress) and each finished result. The parent alone writes files.
 */
import { ConfigError } from '../errors.js';
import { executeRun } from './run-one.js';
import type { WorkerReply, WorkerRequest } from './protocol.js';

const send = (reply: WorkerReply) => process.send?.(reply);

// Ctrl-C in a terminal signals the whole process group; the parent decides how to stop.
process.on('SIGINT', () => {});
// The parent is gone (even after kill -9): nobody will write our results, so stop now.
process.on('disconnect', () => process.exit(0));

process.on('message', async (request: WorkerRequest) => {
  const { run } = request;
  try {
    const result = await executeRun(run, {
      baseDir: request.baseDir,
      backendOptions: request.backendOptions,
      onEpoch: (_, record) => send({ type: 'epoch', runId: run.runId, record }),
    });
    send({ type: 'done', result });
  } catch (error) {
    send({
      type: 'failed',
      runId: run.runId,
      message: error instanceof Error ? error.message : String(error),
      problems: error instanceof ConfigError ? [...error.problems] : null,
    });
  }
});

send({ type: 'ready' });

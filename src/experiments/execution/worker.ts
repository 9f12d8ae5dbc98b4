/**
 * A sweep worker process: receives packs of planned runs from the parent over IPC, trains them one
 * pack at a time and sends back each epoch (for progress) and each finished result, with a heartbeat in between
 * (see watchdog.ts for what the parent concludes from each). The parent alone writes files.
 */
import { ConfigError } from '../../errors.js';
import { HEARTBEAT_MS, type WorkerReply, type WorkerRequest } from './protocol.js';
import { packLabel } from '../sweep/packs.js';
import { executePack } from './run-one.js';
import { injectFault, injectRunFault } from './test-fault.js';

// Once the parent is gone nobody reads: the message is dropped (a send error would print a stack
// trace on the user's terminal), and 'disconnect' below ends the process.
const send = (reply: WorkerReply) => process.connected && process.send!(reply, undefined, undefined, () => {});

// Ctrl-C in a terminal signals the whole process group; the parent decides how to stop.
process.on('SIGINT', () => {});
// The parent is gone (even after kill -9, which closes the IPC channel): nobody will write our
// results, so stop. Noticed when the event loop turns: between training steps at the latest.
process.on('disconnect', () => process.exit(0));
// Fires only when the event loop turns; unref'd, so it never keeps a worker alive by itself.
setInterval(() => send({ type: 'beat' }), HEARTBEAT_MS).unref();

// A failure is sent to the parent as a `failed` message: nothing is left to await.
process.on('message', (request: WorkerRequest) => void trainRequested(request));

async function trainRequested(request: WorkerRequest): Promise<void> {
  const { runs } = request;
  try {
    for (const run of runs) await injectRunFault(run.runId);
    const results = await executePack(runs, {
      baseDir: request.baseDir,
      backendOptions: request.backendOptions,
      onEpoch: (run, record) => {
        send({ type: 'epoch', runId: run.runId, record });
        injectFault('epoch', run.runId);
      },
    });
    for (const result of results) send({ type: 'done', result });
  } catch (error) {
    send({
      type: 'failed',
      runId: packLabel(runs),
      message: error instanceof Error ? error.message : String(error),
      problems: error instanceof ConfigError ? [...error.problems] : null,
    });
  }
}

// Every module a run needs is loaded by now; the backend itself loads with the first run.
injectFault('ready');
send({ type: 'ready' });

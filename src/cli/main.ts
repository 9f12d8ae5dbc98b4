/** The process edge: real stdout, stderr, clock and working folder; the exit code set, never forced. */
import { processIo } from './process/io.js';
import { runCli } from './program.js';

export async function main(): Promise<void> {
  // A reader that went away (a closed pipe, a parent that died) must not crash a sweep that is
  // saving its results: what could not be shown is lost, what is on disk is not.
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {});
  process.exitCode = await runCli(process.argv, processIo());
}

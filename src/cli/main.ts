/** The process edge: real stdout, stderr, clock and working folder; the exit code set, never forced. */
import { processIo } from './io.js';
import { runCli } from './program.js';

export async function main(): Promise<void> {
  process.exitCode = await runCli(process.argv, processIo());
}

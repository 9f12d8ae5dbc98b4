/**
 * The command-line program: registers the commands and turns every outcome into an exit code.
 * Tests call `runCli` with captured output; only bin/ touches process.exitCode.
 */
import { Command } from 'commander';
import { toolVersion } from '../output/results/manifest.js';
import { benchCommand } from './commands/bench.js';
import { compareCommand } from './commands/compare.js';
import { doctorCommand } from './commands/doctor.js';
import { inspectCommand } from './commands/inspect.js';
import { listCommand } from './commands/list.js';
import { mergeCommand } from './commands/merge.js';
import { reportCommand } from './commands/report.js';
import { reproduceCommand } from './commands/reproduce.js';
import { runCommand } from './commands/run.js';
import { schemaCommand } from './commands/schema.js';
import { setupCommand } from './commands/setup.js';
import { validateCommand } from './commands/validate.js';
import { EXIT_OK, handleError } from './process/errors.js';
import type { CliIo } from './process/io.js';

function createProgram(io: CliIo): Command {
  const program = new Command('dead-neurons')
    .description(
      'How many units of a deep network die, layer by layer, under ReLU versus Leaky ReLU and its relatives?',
    )
    .version(toolVersion().version)
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .exitOverride();
  for (const command of [
    runCommand(io),
    validateCommand(io),
    listCommand(io),
    schemaCommand(io),
    reportCommand(io),
    compareCommand(io),
    mergeCommand(io),
    reproduceCommand(io),
    inspectCommand(io),
    doctorCommand(io),
    setupCommand(io),
    benchCommand(io),
  ]) {
    program.addCommand(command.exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr }));
  }
  return program;
}

/** Parses `argv` (as process.argv: node, script, ...args) and runs the command; returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    await createProgram(io).parseAsync([...argv]);
    return EXIT_OK;
  } catch (error) {
    return handleError(error, io);
  }
}

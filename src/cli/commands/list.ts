/** `dead-neurons list`: what a config can name (views/list.ts builds the text). */
import { Command } from 'commander';
import { stdoutWidth, type CliIo } from '../process/io.js';
import { listText } from '../views/list.js';

export function listCommand(io: CliIo): Command {
  return new Command('list')
    .description('list datasets, activations, initialisers, optimizers, backends and config fields')
    .action(() => io.stdout(listText(stdoutWidth(io))));
}

/** `dead-neurons doctor`: which backends load on this machine, why not, and what `auto` picks. */
import { Command } from 'commander';
import type { CliIo } from '../process/io.js';

export function doctorCommand(io: CliIo): Command {
  return new Command('doctor')
    .alias('backends')
    .description('show which backends load here, why not, their versions and threads, and what auto picks')
    .action(async () => {
      const { diagnoseBackends } = await import('../actions/doctor.js');
      await diagnoseBackends(io);
    });
}

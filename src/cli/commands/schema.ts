/** `dead-neurons schema`: the config format as a JSON Schema (what configs/schema.json holds), for editors and validators. */
import { Command } from 'commander';
import { configJsonSchemaText } from '../../experiments/config/json-schema.js';
import type { CliIo } from '../process/io.js';

export function schemaCommand(io: CliIo): Command {
  return new Command('schema')
    .description('print the JSON Schema of config files (editors use it to complete and check configs)')
    .addHelpText(
      'after',
      '\nExample:\n  $ dead-neurons schema > schema.json   # then, in a config beside it: "$schema": "./schema.json"',
    )
    .action(() => io.stdout(configJsonSchemaText()));
}

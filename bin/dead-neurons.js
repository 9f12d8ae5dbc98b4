#!/usr/bin/env node
// The executable: loads the TypeScript sources through tsx and hands over to the program.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/cli/program.ts');
const { processIo } = await import('../src/cli/io.ts');
process.exitCode = await runCli(process.argv, processIo());

/** `dead-neurons setup`: native kernels for an installed dead-neurons, into a per-user cache. */
import { Command } from 'commander';
import type { CliIo } from '../process/io.js';

export function setupCommand(io: CliIo): Command {
  return new Command('setup')
    .description(
      "provide TensorFlow's native CPU kernels for @tensorflow/tfjs-node, into a per-user cache every later run finds",
    )
    .option('--force', 'download and compile again even if native kernels already load')
    .addHelpText(
      'after',
      `
Where npm ran no install script (npm 11 does not, for dependencies, unless approved) or cannot keep
one's output (npx, global installs), the native backend is missing and everything runs on
WebAssembly. setup downloads PyPI's tensorflow-cpu wheel with pip, keeps its C library in
$XDG_CACHE_HOME/dead-neurons/native (default ~/.cache/dead-neurons/native; DEAD_NEURONS_NATIVE_CACHE
overrides) and compiles tfjs-node's addon against it with npm's node-gyp. Later runs, from this
project or any other install of the same tfjs-node version, lay that build into their tfjs-node
before loading it. Needs python3 with pip, make and g++.

Examples:
  $ npx dead-neurons setup
  $ npx dead-neurons doctor`,
    )
    .action(async (rawOptions: { force?: boolean }) => {
      const { setupNative } = await import('../actions/setup.js');
      await setupNative(io, { force: rawOptions.force === true });
    });
}

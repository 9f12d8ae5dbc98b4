/** What `dead-neurons setup` does: run the provisioning script into the per-user cache, streaming its lines. */
import { RunError } from '../../errors.js';
import { provisionIntoUserCache } from '../../experiments/backend/native-cache.js';
import type { CliIo } from '../process/io.js';

export async function setupNative(io: CliIo, options: { force: boolean }): Promise<void> {
  const { code, cache } = await provisionIntoUserCache({ force: options.force, env: io.env }, io);
  if (code !== 0)
    throw new RunError(
      `setup: native kernels not provisioned (the line above says why; cache: ${cache}); everything still runs on WebAssembly`,
    );
  io.stdout(`native kernels cached in ${cache}; \`${io.invocation ?? 'dead-neurons'} doctor\` shows what loads\n`);
}

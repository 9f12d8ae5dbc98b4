/**
 * Native kernels for installed users: `dead-neurons setup` provisions them (scripts/native/
 * provision.mjs: TensorFlow's C library from PyPI's tensorflow-cpu wheel, tfjs-node's addon
 * compiled against it) into a per-user cache, and every later run whose tfjs-node lacks its addon
 * (a reinstall, another project, the npx cache, a global install) lays the cached build into that
 * tfjs-node before loading it: the same script, which downloads and compiles nothing when the
 * cache already holds this tfjs-node's build.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** scripts/native/provision.mjs of this package (it ships in the package: package.json `files`). */
export const PROVISION_SCRIPT = fileURLToPath(new URL('../../../scripts/native/provision.mjs', import.meta.url));

/** $DEAD_NEURONS_NATIVE_CACHE, else $XDG_CACHE_HOME/dead-neurons/native, else ~/.cache/dead-neurons/native. */
export function userNativeCache(env: Readonly<Record<string, string | undefined>> = process.env): string {
  if (env.DEAD_NEURONS_NATIVE_CACHE) return env.DEAD_NEURONS_NATIVE_CACHE;
  return join(env.XDG_CACHE_HOME || join(env.HOME || homedir(), '.cache'), 'dead-neurons', 'native');
}

/** The folder of the tfjs-node this package loads, and its version; null when it is not installed. */
function tfjsNode(): { dir: string; version: string } | null {
  try {
    const path = createRequire(import.meta.url).resolve('@tensorflow/tfjs-node/package.json');
    return { dir: dirname(path), version: (JSON.parse(readFileSync(path, 'utf8')) as { version: string }).version };
  } catch {
    return null;
  }
}

/** True when `cache` holds an addon built for this tfjs-node version (by setup or an earlier install). */
export function hasCachedAddon(cache: string, version: string): boolean {
  if (!existsSync(cache)) return false;
  return readdirSync(cache).some((entry) => {
    const addons = join(cache, entry, 'addon');
    return (
      existsSync(join(cache, entry, '.complete')) &&
      existsSync(addons) &&
      readdirSync(addons).some(
        (build) =>
          build.startsWith(`tfjs-node-${version}-napi-v`) && existsSync(join(addons, build, 'tfjs_binding.node')),
      )
    );
  });
}

/**
 * Lays a cached native build into the installed tfjs-node, when the per-user cache has one for its
 * version. Quiet; true if tfjs-node should now load. Called by the backend loader after tfjs-node
 * failed to load, so it costs nothing where native kernels already work.
 */
export function restoreFromUserCache(env: Readonly<Record<string, string | undefined>> = process.env): boolean {
  const installed = tfjsNode();
  const cache = userNativeCache(env);
  if (installed === null || !hasCachedAddon(cache, installed.version)) return false;
  const result = spawnSync(process.execPath, [PROVISION_SCRIPT, '--strict'], {
    env: { ...env, DEAD_NEURONS_NATIVE_CACHE: cache },
    encoding: 'utf8',
  });
  return result.status === 0;
}

/** `setup`: provisions into the per-user cache, streaming the script's lines; resolves to its exit code. */
export function provisionIntoUserCache(
  options: { force: boolean; env?: Readonly<Record<string, string | undefined>> },
  write: { stdout: (text: string) => void; stderr: (text: string) => void },
): Promise<{ code: number; cache: string }> {
  const env = options.env ?? process.env;
  const cache = userNativeCache(env);
  const child = spawn(process.execPath, [PROVISION_SCRIPT, '--strict', ...(options.force ? ['--force'] : [])], {
    env: { ...env, DEAD_NEURONS_NATIVE_CACHE: cache },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.setEncoding('utf8').on('data', write.stdout);
  child.stderr.setEncoding('utf8').on('data', write.stderr);
  return new Promise((resolve) => child.on('close', (code) => resolve({ code: code ?? 1, cache })));
}

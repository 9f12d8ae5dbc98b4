/**
 * How this program was started, as a prefix the user can paste to run it again the same way: what
 * the "resume with:" hints print. A pure function of argv and the environment; main.ts calls it.
 */
import { isAbsolute, relative } from 'node:path';

/**
 * `npx dead-neurons` when npx (or an install inside node_modules, which npx finds) started it;
 * `node bin/dead-neurons.js` when node ran the script file itself (relative to `cwd` when inside it);
 * `dead-neurons` otherwise (a global install, on the PATH).
 */
export function invocationPrefix(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
): string {
  const script = argv[1] ?? '';
  const installed = script.split(/[\\/]/).includes('node_modules');
  // npm's bin links are named like the command; a path ending in .js was given to node directly.
  if (/\.[cm]?js$/.test(script) && !installed) {
    const inside = relative(cwd, script);
    return `node ${shellQuote(inside && !inside.startsWith('..') && !isAbsolute(inside) ? inside : script)}`;
  }
  // npm 7 and later run npx as `npm exec`, which sets both (checked with npm 11.19: npm_command=exec,
  // npm_lifecycle_event=npx); `npm run` sets npm_command=run-script instead.
  if (env.npm_command === 'exec' || env.npm_lifecycle_event === 'npx' || installed) return 'npx dead-neurons';
  return 'dead-neurons';
}

/** `text` as one POSIX shell word: unchanged when it is safe bare, else in single quotes. */
export function shellQuote(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/** "npx dead-neurons run --resume results/x": pasteable as printed. */
export function resumeCommand(invocation: string | undefined, dir: string): string {
  return `${invocation ?? 'dead-neurons'} run --resume ${shellQuote(dir)}`;
}

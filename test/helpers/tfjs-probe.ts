/**
 * Which TF.js modules a command loads: it runs in a fresh process, where any TF.js module would
 * show in the CommonJS module cache (see test/cli/schema.test.ts, which checks the probe itself).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The exit code of `dead-neurons ...args` run in-process in a fresh Node, and how many TF.js modules it loaded. */
export function tfjsModulesLoadedBy(args: readonly string[], cwd: string): { code: number; tfjsModules: number } {
  const program = pathToFileURL(join(ROOT, 'src/cli/program.ts')).href;
  const script = `
    import { createRequire } from 'node:module';
    const require = createRequire(import.meta.url);
    const { runCli } = await import(${JSON.stringify(program)});
    const io = { stdout: () => {}, stderr: () => {}, stderrIsTTY: false, now: () => new Date(), cwd: ${JSON.stringify(cwd)} };
    const code = await runCli(['node', 'dead-neurons', ...${JSON.stringify(args)}], io);
    console.log(JSON.stringify({ code, tfjsModules: Object.keys(require.cache).filter((path) => path.includes('@tensorflow')).length }));
  `;
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (child.status !== 0) throw new Error(child.stderr);
  return JSON.parse(child.stdout) as { code: number; tfjsModules: number };
}

// The README's first example, made by a real run rather than typed: `run configs/deep.json` on the
// portable setting (backend wasm, whose files are the same bytes on every x86-64 and arm64 CPU:
// docs/reproducibility.md), pasted between the README's example:start and example:end markers
// with a header naming the backend and the CPU it was made on.
//   npm run docs:example            regenerate the README's block (builds first)
//   node scripts/docs/example.mjs --check   exit 1, naming the first differing line, if the
//                                           README's block is not what a run here prints
// The CPU line is left out of the check: on wasm it does not change the numbers.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const readmePath = join(root, 'README.md');
const START = '<!-- example:start -->';
const END = '<!-- example:end -->';
const COMMAND = 'npx dead-neurons run configs/deep.json --set backend=wasm';
const CPU_LINE = /^# made on .*$/m;

/** What `run` prints, stderr's header lines then stdout, run in a scratch copy of the configs. */
function runExample() {
  const scratch = mkdtempSync(join(tmpdir(), 'dead-neurons-example-'));
  try {
    mkdirSync(join(scratch, 'configs'));
    cpSync(join(root, 'configs/deep.json'), join(scratch, 'configs/deep.json'));
    cpSync(join(root, 'configs/schema.json'), join(scratch, 'configs/schema.json'));
    const args = COMMAND.split(' ').slice(2);
    const child = spawnSync(process.execPath, [join(root, 'bin/dead-neurons.js'), ...args, '--jobs', '1'], { cwd: scratch, encoding: 'utf8' });
    if (child.status !== 0) throw new Error(`dead-neurons ${args.join(' ')}: exit ${child.status}\n${child.stderr}`);
    const header = child.stderr.split('\n').filter((line) => /^(backend|data): /.test(line));
    // The results folder is named by the time of the run; the README shows its pattern.
    const results = child.stderr.split('\n').find((line) => line.startsWith('results: ')).replace(/\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ$/, '<UTC time>');
    const made = join(scratch, 'results/deep-relu-vs-leaky');
    const [folder, ...more] = readdirSync(made);
    if (more.length > 0) throw new Error(`expected one results folder in ${made}, found ${more.length + 1}`);
    const manifest = JSON.parse(readFileSync(join(made, folder, 'manifest.json'), 'utf8'));
    return { lines: [...header, child.stdout.trimEnd(), results], machine: manifest.machine };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function block({ lines, machine }) {
  const cpu = `${machine.cpu ?? 'unknown CPU'} (${machine.isa ?? 'level unknown'}), ${machine.os}-${machine.arch}`;
  return `${START}\n\n\`\`\`\n# made on ${cpu} by npm run docs:example; wasm gives the same numbers on any x86-64 or arm64 CPU\n$ ${COMMAND}\n${lines.join('\n')}\n\`\`\`\n\n${END}`;
}

const readme = readFileSync(readmePath, 'utf8');
const at = readme.indexOf(START);
const until = readme.indexOf(END);
if (at < 0 || until < at) throw new Error(`README.md: no ${START} ... ${END} block`);
const made = block(runExample());
if (process.argv.includes('--check')) {
  const committed = readme.slice(at, until + END.length).replace(CPU_LINE, '').split('\n');
  const fresh = made.replace(CPU_LINE, '').split('\n');
  const line = committed.findIndex((text, i) => text !== fresh[i]);
  if (line >= 0 || committed.length !== fresh.length) {
    const i = line >= 0 ? line : Math.min(committed.length, fresh.length);
    console.error(`README.md: the example differs from what \`${COMMAND}\` prints here, at its line ${i + 1}:\n  README: ${committed[i] ?? '(end)'}\n  run:    ${fresh[i] ?? '(end)'}\nrun npm run docs:example`);
    process.exit(1);
  }
  console.log('README.md: the example is what the run prints');
} else {
  writeFileSync(readmePath, readme.slice(0, at) + made + readme.slice(until + END.length));
  console.log('README.md: example regenerated');
}

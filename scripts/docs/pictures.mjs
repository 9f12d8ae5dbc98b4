// Regenerates the README's pictures from the committed example result (docs/pictures/):
//   report.png           the top of the HTML report, screenshotted in headless Chromium
//   terminal-charts.txt  the terminal charts as `report --charts all` draws them (80 columns, no colour)
// and the README's excerpt of the latter, between its pictures:terminal markers.
// Run with `npm run docs:pictures` (builds first); needs Chromium (apt-get install chromium, or
// DEAD_NEURONS_CHROMIUM=/path/to/chrome). The result itself is regenerated with
//   npx dead-neurons run docs/pictures/example.yaml --out docs/pictures/example-result
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const root = fileURLToPath(new URL('../..', import.meta.url));
const pictures = join(root, 'docs/pictures');
const result = 'docs/pictures/example-result';
const chromiumPath = process.env.DEAD_NEURONS_CHROMIUM ?? '/usr/bin/chromium';

function cli(args, env = {}) {
  const child = spawnSync(process.execPath, [join(root, 'bin/dead-neurons.js'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  if (child.status !== 0) throw new Error(`dead-neurons ${args.join(' ')}: exit ${child.status}\n${child.stderr}`);
  return child;
}

// The terminal charts, as a reader with an 80-column terminal and NO_COLOR would see them.
const charts = cli(['report', result, '--charts', 'all', '--format', 'csv'], { COLUMNS: '80', NO_COLOR: '1' }).stderr.replace(/^\n/, '');
writeFileSync(join(pictures, 'terminal-charts.txt'), charts);

// The README shows the line chart and the heat maps of the two ends of the sweep.
const sections = charts.trimEnd().split('\n\n');
const excerpt = [sections[0], sections[1], sections[sections.length - 1]].join('\n\n');
const readmePath = join(root, 'README.md');
const readme = readFileSync(readmePath, 'utf8');
const start = '<!-- pictures:terminal:start -->';
const end = '<!-- pictures:terminal:end -->';
if (readme.includes(start) && readme.includes(end)) {
  const block = `${start}\n\n\`\`\`\n$ dead-neurons report ${result} --charts all\n${excerpt}\n\`\`\`\n\n${end}`;
  writeFileSync(readmePath, readme.replace(new RegExp(`${start}[\\s\\S]*?${end}`), () => block));
}

// The HTML report's first screen and a half: heat maps and the curves over epochs.
const scratch = mkdtempSync(join(tmpdir(), 'dead-neurons-pictures-'));
try {
  const page = join(scratch, 'report.html');
  cli(['report', result, '--html', page, '--no-charts', '--format', 'csv']);
  const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
  try {
    const tab = await browser.newPage({ viewport: { width: 1200, height: 1400 } });
    await tab.goto(pathToFileURL(page).href, { waitUntil: 'load' });
    await tab.screenshot({ path: join(pictures, 'report.png'), type: 'png' });
  } finally {
    await browser.close();
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
console.log('wrote docs/pictures/report.png, docs/pictures/terminal-charts.txt and the README excerpt');

/**
 * The HTML report in a real browser: headless Chromium (Debian's, driven by playwright-core) opens
 * it with every network request refused, logs no console error, draws the number of marks the run
 * records call for (counted here from the records with plain loops, not with the report's code),
 * keeps every 95% band inside its plot and above 0 and outlines each in its line's colour, and its
 * screenshot has the expected size and is not blank. .ci/run installs Chromium and sets
 * DEAD_NEURONS_REQUIRE_BROWSER=1, so there a missing browser fails instead of skipping.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { cli, workspace } from '../../../helpers/cli.js';
import { decodePng } from '../../../helpers/png.js';

const EXAMPLE = fileURLToPath(new URL('../../../../docs/pictures/example-result', import.meta.url));
const CHROMIUM = process.env.DEAD_NEURONS_CHROMIUM ?? '/usr/bin/chromium';
const required = process.env.DEAD_NEURONS_REQUIRE_BROWSER === '1';
const skip =
  existsSync(CHROMIUM) || required
    ? false
    : `no Chromium at ${CHROMIUM} (apt-get install chromium, or set DEAD_NEURONS_CHROMIUM)`;
const VIEWPORT = { width: 1280, height: 900 };

interface Record {
  swept: { [path: string]: unknown };
  epochs: { testAccuracy: number | null; loss: number; layers: unknown[] }[];
}

/** The run records of a results folder, grouped by their swept values without the seed. */
function configurations(folder: string): Record[][] {
  const groups = new Map<string, Record[]>();
  for (const file of readdirSync(join(folder, 'runs')).sort()) {
    const record = JSON.parse(readFileSync(join(folder, 'runs', file), 'utf8')) as Record;
    const key = JSON.stringify(Object.entries(record.swept).filter(([path]) => path !== 'seed'));
    groups.set(key, [...(groups.get(key) ?? []), record]);
  }
  return [...groups.values()];
}

interface Opened {
  page: Page;
  problems: string[];
  timings: { load: number; screenshot: number };
  screenshot: Buffer;
}

describe('the HTML report in headless Chromium', { skip }, () => {
  let browser: Browser;
  let launchMs = 0;

  before(async () => {
    const start = performance.now();
    // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    launchMs = performance.now() - start;
  });
  after(async () => browser?.close());

  async function open(file: string): Promise<Opened> {
    const page = await browser.newPage({ viewport: VIEWPORT });
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning')
        problems.push(`console ${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    const url = pathToFileURL(file).href;
    await page.route('**/*', (route) => {
      if (route.request().url() === url) return route.continue();
      problems.push(`request: ${route.request().url()}`);
      return route.abort();
    });
    let start = performance.now();
    await page.goto(url, { waitUntil: 'load' });
    const load = performance.now() - start;
    start = performance.now();
    const screenshot = await page.screenshot({ fullPage: true, type: 'png' });
    return { page, problems, timings: { load, screenshot: performance.now() - start }, screenshot };
  }

  const marks = (page: Page, chart: string, mark: string) =>
    page.locator(`figure[data-chart="${chart}"] ${mark}`).count();

  /** Each band of a chart as the browser lays it out: its extent, the plot's, and the colours of its fill, outline and line. */
  function bandGeometry(page: Page, chart: string) {
    return page.locator(`figure[data-chart="${chart}"] svg`).evaluate((svg: SVGSVGElement) => {
      const [xAxis, yAxis] = [...svg.querySelectorAll('line.axis')] as SVGLineElement[];
      const yTicks = [...svg.querySelectorAll('text.tick[text-anchor="end"]')].map((tick) =>
        Number.parseFloat(tick.textContent ?? ''),
      );
      return [...svg.querySelectorAll('path.band')].map((band) => {
        // Epoch charts tag their marks data-config, sweep charts data-line. No named functions in
        // here: tsx wraps them in a helper the page does not have.
        const tag = band.hasAttribute('data-config') ? 'data-config' : 'data-line';
        const index = band.getAttribute(tag);
        const box = (band as SVGPathElement).getBBox();
        return {
          index,
          top: box.y,
          bottom: box.y + box.height,
          plotTop: yAxis.y1.baseVal.value,
          axisY: xAxis.y1.baseVal.value,
          yTicks,
          fillOpacity: Number(getComputedStyle(band).fillOpacity),
          edgeColor: getComputedStyle(svg.querySelector(`path.band-edge[${tag}="${index}"]`)!).stroke,
          lineColor: getComputedStyle(svg.querySelector(`path.line[${tag}="${index}"]`)!).stroke,
        };
      });
    });
  }

  test('alpha sweep: heat-map cells, lines, bands and points as the records call for; no error; a screenshot of the right size', async (t) => {
    const dir = workspace();
    const outcome = await cli(['report', EXAMPLE, '--html', 'report.html'], dir);
    assert.equal(outcome.code, 0, outcome.stderr);
    const { page, problems, timings, screenshot } = await open(join(dir, 'report.html'));
    assert.deepEqual(problems, []);

    const groups = configurations(EXAMPLE);
    const depth = groups[0][0].epochs[0].layers.length;
    const epochs = Math.max(...groups.flat().map((run) => run.epochs.length));
    assert.equal(await page.locator('figure[data-chart="heatmap"]').count(), groups.length);
    assert.equal(await marks(page, 'heatmap', 'rect.cell'), groups.length * depth * epochs);
    for (const chart of ['epochs-dead-fraction', 'epochs-loss', 'epochs-test-accuracy']) {
      assert.equal(await marks(page, chart, 'path.line'), groups.length, `${chart}: a line per configuration`);
      assert.equal(await marks(page, chart, 'path.band'), groups.length, `${chart}: three seeds give a band each`);
      assert.equal(await marks(page, chart, 'path.band-edge'), groups.length, `${chart}: each band outlined`);
      assert.equal(await marks(page, chart, 'circle.point'), groups.length * epochs, `${chart}: a point per epoch`);
    }
    for (const chart of ['epochs-dead-fraction', 'epochs-loss', 'epochs-test-accuracy', 'sweep-alpha-loss']) {
      const bands = await bandGeometry(page, chart);
      // In range: every band inside the plot, above the x axis (0), below its top; no tick under 0.
      for (const band of bands) {
        assert.ok(
          band.top >= band.plotTop - 0.5 && band.bottom <= band.axisY + 0.5,
          `${chart}: band ${band.index} spans ${band.top}-${band.bottom}, the plot ${band.plotTop}-${band.axisY}`,
        );
      }
      assert.ok(
        bands[0].yTicks.every((tick) => tick >= 0),
        `${chart}: y ticks ${bands[0].yTicks.join(', ')}`,
      );
      // Tellable apart: a light fill, and an outline in the colour of its own line, a different colour for each.
      for (const band of bands) {
        assert.ok(
          band.fillOpacity > 0 && band.fillOpacity <= 0.1,
          `${chart}: band ${band.index} fill-opacity ${band.fillOpacity}`,
        );
        assert.equal(band.edgeColor, band.lineColor, `${chart}: band ${band.index}'s outline has its line's colour`);
      }
      assert.equal(
        new Set(bands.map((band) => band.edgeColor)).size,
        bands.length,
        `${chart}: one outline colour per configuration`,
      );
    }
    for (const chart of ['sweep-alpha-dead-final', 'sweep-alpha-loss', 'sweep-alpha-test-accuracy']) {
      assert.equal(await marks(page, chart, 'path.line'), 1, `${chart}: one line (nothing else is swept)`);
      assert.equal(await marks(page, chart, 'circle.point'), groups.length, `${chart}: a point per alpha`);
    }
    assert.equal(await page.locator('figure[data-chart^="sweep-depth"]').count(), 0);
    assert.equal(
      await page.locator('#summary tbody tr').count(),
      groups.length + groups.length - 1,
      'summary and comparison rows',
    );

    const image = decodePng(screenshot);
    const saved = join(tmpdir(), 'dead-neurons-report.png');
    writeFileSync(saved, screenshot);
    assert.equal(image.width, VIEWPORT.width);
    // Loose bounds: a layout change that drops a section or stacks charts one per row moves the height out of them.
    assert.ok(image.height > 2500 && image.height < 6000, `page height ${image.height} (screenshot: ${saved})`);
    let inked = 0;
    const colours = new Set<number>();
    for (let i = 0; i < image.pixels.length; i += 4) {
      const [r, g, b] = [image.pixels[i], image.pixels[i + 1], image.pixels[i + 2]];
      if (r + g + b < 3 * 245) inked++;
      colours.add((r << 16) | (g << 8) | b);
    }
    const share = inked / (image.width * image.height);
    assert.ok(share > 0.03 && share < 0.6, `share of non-white pixels ${share.toFixed(3)} (screenshot: ${saved})`);
    assert.ok(colours.size > 100, `${colours.size} distinct colours: the heat maps and bands are drawn`);
    t.diagnostic(
      `chromium launch ${launchMs.toFixed(0)} ms, load ${timings.load.toFixed(0)} ms, full-page screenshot ${timings.screenshot.toFixed(0)} ms (${image.width}×${image.height})`,
    );
    await page.close();
  });

  test('depth sweep: final values and the born-dead share against depth, a line per width', async () => {
    const dir = workspace({
      'depths.json': JSON.stringify({
        name: 'depths',
        backend: 'cpu',
        dataset: { kind: 'gaussian', samples: 60 },
        model: { width: 2 },
        training: { epochs: 1, batchSize: 30 },
        metrics: { probeSize: 30 },
        sweep: { 'model.depth': [2, 6, 12], 'model.width': [2, 3], seed: [1, 2, 3] },
      }),
    });
    const run = await cli(['run', 'depths.json', '--out', 'out', '--html', '-q', '--jobs', '1'], dir);
    assert.equal(run.code, 0, run.stderr);
    const { page, problems } = await open(join(dir, 'out/report.html'));
    assert.deepEqual(problems, []);
    const groups = configurations(join(dir, 'out'));
    const cells = groups.reduce((sum, group) => sum + group[0].epochs[0].layers.length * group[0].epochs.length, 0);
    assert.equal(await marks(page, 'heatmap', 'rect.cell'), cells);
    assert.equal(await marks(page, 'sweep-depth-born-dead', 'path.line'), 2, 'a line per width');
    assert.equal(await marks(page, 'sweep-depth-born-dead', 'circle.point'), 6, 'a point per depth and width');
    assert.equal(await marks(page, 'sweep-width-dead-final', 'path.line'), 3, 'against width: a line per depth');
    await page.close();
  });
});

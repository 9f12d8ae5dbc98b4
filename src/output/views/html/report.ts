/**
 * The HTML report of a results folder: one self-contained file (inline CSS, charts drawn to SVG
 * here, no script, nothing fetched), so it opens anywhere, offline, and can be attached to an issue.
 * A pure function from the folder's contents to text; every piece of text in it is escaped.
 */
import type { RunResult } from '../../../experiments/types.js';
import { configurationSeries, type ConfigurationSeries } from '../charts/series.js';
import { sweepAxes, type SweepAxis } from '../charts/sweep-series.js';
import { COMPARISON_HEADINGS, comparisonRow, comparisonTitle } from '../comparisons.js';
import { toJson, type ReportData, type ResolvedConfigFile } from '../../results/folder.js';
import { SUMMARY_HEADINGS, summaryRow } from '../summary-row.js';
import { epochChartSvg, type EpochMetric } from './epoch-chart.js';
import { escapeHtml } from './escape.js';
import { heatMapSvg } from './heatmap.js';
import { REPORT_CSS } from './style.js';
import { RAMP_GRADIENT, seriesStyle } from './svg.js';
import { sweepChartSvg, type SweepMetric } from './sweep-chart.js';

export interface HtmlReportInput {
  /** The results folder as the user named it, shown in the title. */
  folder: string;
  report: ReportData;
  results: readonly RunResult[];
  resolved: ResolvedConfigFile;
  manifest: unknown;
}

const BANDS =
  'Band: the 95% interval of the mean over seeds (logit-scale t for shares, log-scale t for the loss, so neither leaves its range), as in the summary table, outlined dashed in its line\u2019s colour; none for one seed.';

const EPOCH_METRICS: (EpochMetric & { id: string })[] = [
  {
    id: 'dead-fraction',
    title: 'dead fraction (all hidden units)',
    points: (series) => series.deadFraction,
    share: true,
  },
  { id: 'loss', title: 'training loss', points: (series) => series.loss, share: false },
  { id: 'test-accuracy', title: 'test accuracy', points: (series) => series.testAccuracy, share: true },
];

const SWEEP_METRICS: (SweepMetric & { id: string })[] = [
  { id: 'dead-final', title: 'final dead fraction', value: (point) => point.deadFinal, share: true },
  { id: 'loss', title: 'final training loss', value: (point) => point.loss, share: false },
  { id: 'test-accuracy', title: 'final test accuracy', value: (point) => point.testAccuracy, share: true },
];

const BORN_DEAD: SweepMetric & { id: string } = {
  id: 'born-dead',
  title: 'born-dead share of runs',
  value: (point) => ({
    mean: point.bornDead.count / point.runs,
    low: point.bornDead.interval?.low ?? null,
    high: point.bornDead.interval?.high ?? null,
  }),
  share: true,
};

const e = escapeHtml;

function figure(chart: string, caption: string, attributes: string): string {
  return `<figure class="chart" ${attributes}>${chart}<figcaption>${e(caption)}</figcaption></figure>`;
}

function legend(labels: readonly string[]): string {
  const items = labels.map((label, i) => {
    const { color, dash } = seriesStyle(i);
    return `<li><span class="swatch${dash ? ' dashed' : ''}" style="border-color:${color}"></span>${e(label)}</li>`;
  });
  return `<ul class="legend">${items.join('')}</ul>`;
}

function heatMaps(series: readonly ConfigurationSeries[]): string {
  const key = `<p class="key"><span class="ramp" style="background:${RAMP_GRADIENT}"></span> 0% to 100% of the layer\u2019s units dead (mean over seeds); grey: no seed reached that epoch.</p>`;
  const figures = series.map((item, i) =>
    figure(
      heatMapSvg(item, i),
      `${item.label} (${item.runs} run${item.runs === 1 ? '' : 's'})`,
      `data-chart="heatmap" data-config="${i}"`,
    ),
  );
  return `<section id="layers"><h2>Dead fraction per layer over epochs</h2>${key}<div class="grid small">${figures.join('')}</div></section>`;
}

function overEpochs(series: readonly ConfigurationSeries[]): string {
  const epochs = Math.max(...series.map((item) => item.deadFraction.length));
  if (epochs < 2) {
    return `<section id="epochs"><h2>Over epochs</h2><p>These runs train no epochs (training.epochs = 0): there is nothing to draw over epochs.</p></section>`;
  }
  const figures = EPOCH_METRICS.filter((metric) => series.some((item) => metric.points(item).length > 0)).map(
    (metric) =>
      figure(epochChartSvg(series, metric), `${metric.title}, mean over seeds`, `data-chart="epochs-${metric.id}"`),
  );
  return `<section id="epochs"><h2>Over epochs</h2>${legend(series.map((item) => item.label))}<p class="note">${e(BANDS)}</p><div class="grid">${figures.join('')}</div></section>`;
}

function sweepSection(axis: SweepAxis): string {
  const name = axis.path.split('.').pop()!;
  const metrics = [...SWEEP_METRICS, ...(axis.path === 'model.depth' ? [BORN_DEAD] : [])].filter((metric) =>
    axis.lines.some((line) => line.points.some((point) => Number.isFinite(metric.value(point).mean))),
  );
  const figures = metrics.map((metric) =>
    figure(sweepChartSvg(axis, metric), `${metric.title} against ${name}`, `data-chart="sweep-${name}-${metric.id}"`),
  );
  const labels = axis.lines.map((line) => line.label || 'all configurations');
  const without = axis.without.length > 0 ? ` Not drawn (no ${name}): ${axis.without.join(', ')}.` : '';
  const wilson = axis.path === 'model.depth' ? ' Born-dead band: Wilson\u2019s 95% interval of the share of runs.' : '';
  return `<section id="sweep-${e(name)}"><h2>Against ${e(name)}</h2>${legend(labels)}<p class="note">${e(`${BANDS}${wilson}${without}`)}</p><div class="grid">${figures.join('')}</div></section>`;
}

function table(headings: readonly string[], rows: readonly string[][]): string {
  const head = headings.map((heading) => `<th>${e(heading)}</th>`).join('');
  const body = rows.map((row) => `<tr>${row.map((cell) => `<td>${e(cell)}</td>`).join('')}</tr>`).join('');
  return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

function summary(report: ReportData): string {
  const columns = Object.keys(SUMMARY_HEADINGS) as (keyof typeof SUMMARY_HEADINGS)[];
  const rows = report.configurations.map((configuration) => {
    const row = summaryRow(configuration, report.name);
    return columns.map((column) => row[column]);
  });
  let html = table(
    columns.map((column) => SUMMARY_HEADINGS[column]),
    rows,
  );
  if (report.comparisons.length > 0) {
    const comparisonColumns = Object.keys(COMPARISON_HEADINGS) as (keyof typeof COMPARISON_HEADINGS)[];
    const comparisonRows = report.comparisons.map((comparison) => {
      const row = comparisonRow(comparison, report.name);
      return comparisonColumns.map((column) => row[column]);
    });
    html += `<p class="note">${e(comparisonTitle(report.comparisons, report.name, report.baseline))}</p>${table(
      comparisonColumns.map((column) => COMPARISON_HEADINGS[column]),
      comparisonRows,
    )}`;
  }
  return `<section id="summary"><h2>Summary</h2>${html}</section>`;
}

function configSection(resolved: ResolvedConfigFile): string {
  const { runs, ...config } = resolved;
  const planned = table(
    ['run', 'swept values'],
    runs.map((run) => [
      run.runId,
      Object.entries(run.swept)
        .map(([path, value]) => `${path}=${String(value)}`)
        .join(' '),
    ]),
  );
  return (
    `<section id="config"><h2>Resolved config</h2><pre>${e(toJson(config))}</pre>` +
    `<details><summary>${runs.length} planned run${runs.length === 1 ? '' : 's'}</summary>${planned}</details></section>`
  );
}

/** The whole page. */
export function htmlReport(input: HtmlReportInput): string {
  const { report, results, resolved } = input;
  const series = configurationSeries(results, report.name);
  const axes = sweepAxes(report.configurations, report.name);
  const sections = [
    heatMaps(series),
    overEpochs(series),
    ...axes.map(sweepSection),
    summary(report),
    configSection(resolved),
    `<section id="manifest"><h2>Manifest</h2><pre>${e(toJson(input.manifest))}</pre></section>`,
  ];
  const nav = [
    ['layers', 'layers'],
    ['epochs', 'over epochs'],
    ...axes.map((axis) => {
      const name = axis.path.split('.').pop()!;
      return [`sweep-${name}`, `against ${name}`];
    }),
    ['summary', 'summary'],
    ['config', 'config'],
    ['manifest', 'manifest'],
  ]
    .map(([id, text]) => `<a href="#${e(id)}">${e(text)}</a>`)
    .join(' · ');
  const title = `dead-neurons: ${report.name}`;
  const subtitle = `${input.folder} · ${results.length} of ${resolved.runs.length} runs finished · ${series.length} configuration${series.length === 1 ? '' : 's'}`;
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    `<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${e(title)}</title><style>${REPORT_CSS}</style></head>`,
    `<body><header><h1>${e(title)}</h1><p class="subtitle">${e(subtitle)}</p><nav>${nav}</nav></header>`,
    `<main>${sections.join('\n')}</main>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

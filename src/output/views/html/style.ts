/** The report's stylesheet, inlined into the page: system fonts, a grid of charts, readable tables. */
export const REPORT_CSS = `
:root { color-scheme: light; --ink: #1f2328; --muted: #59636e; --rule: #d1d9e0; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: #fff; }
header, main { max-width: 1320px; margin: 0 auto; padding: 0 20px; }
header { padding-top: 18px; border-bottom: 1px solid var(--rule); }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 28px 0 8px; }
.subtitle, .note, .key, figcaption { color: var(--muted); }
nav { margin: 8px 0 12px; }
nav a { color: #0969da; text-decoration: none; }
.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(420px, 1fr)); gap: 12px 20px; }
.grid.small { grid-template-columns: repeat(auto-fill, minmax(300px, 1fr)); }
figure.chart { margin: 0; }
figure.chart svg { width: 100%; height: auto; display: block; }
figcaption { font-size: 12px; text-align: center; }
svg text { font: 11px system-ui, sans-serif; fill: var(--ink); }
svg .title { fill: var(--muted); }
svg .axis { stroke: #6e7781; stroke-width: 1; }
svg .gridline { stroke: #eaeef2; stroke-width: 1; }
.legend { list-style: none; padding: 0; margin: 4px 0; display: flex; flex-wrap: wrap; gap: 4px 16px; }
.swatch { display: inline-block; width: 22px; height: 0; border-top: 3px solid; vertical-align: middle; margin-right: 6px; }
.swatch.dashed { border-top-style: dashed; }
.ramp { display: inline-block; width: 160px; height: 12px; vertical-align: middle; border: 1px solid var(--rule); }
table { border-collapse: collapse; margin: 6px 0 12px; font-variant-numeric: tabular-nums; }
th, td { border: 1px solid var(--rule); padding: 3px 8px; text-align: left; white-space: nowrap; }
th { background: #f6f8fa; }
pre { background: #f6f8fa; padding: 10px; overflow: auto; max-height: 480px; font-size: 12px; }
details { margin-bottom: 12px; }
`;

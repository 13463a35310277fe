// Per-metric dot plot: each policy's mean over replications with its 95%
// confidence interval (Student t; percentile bootstrap for quantile metrics,
// as the CLI's compare table shows), and the replications themselves as
// faint ticks, so a reader sees both the estimate and the spread behind it.

import * as d3 from 'd3';
import { bottomAxis, emptyChart, frame, paddedExtent, title, type G } from '../lib/chartKit.js';
import { formatNumber, metricDescription, metricLabel } from '../lib/format.js';
import { policyColor } from '../lib/palette.js';
import { ciLines, policyRows } from './policyRows.js';

export interface DotPlotRow {
  policy: string;
  mean: number;
  lo: number;
  hi: number;
  n: number;
  /** Which interval lo/hi are. */
  interval?: 't' | 'bootstrap';
  /** Replication values (optional). */
  runs?: number[];
}

export interface DotPlotOptions {
  metric: string;
  rows: DotPlotRow[];
  /** Every policy of the experiment, for stable colours. */
  policies?: string[];
  baseline?: string;
  width?: number;
}

/**
 * @example
 * container.append(dotPlot({ metric: 'accuracy', rows: [{ policy: 'fifo', mean: 0.8, lo: 0.78, hi: 0.82, n: 10 }] }));
 */
export function dotPlot(options: DotPlotOptions): SVGSVGElement {
  const { metric, rows, policies = rows.map((r) => r.policy), baseline, width = 360 } = options;
  const shown = rows.filter((r) => r.n > 0);
  if (shown.length === 0) {
    return emptyChart('dotplot', `No finished runs report ${metric} yet: run a comparison or load results.`, { width, heading: metricLabel(metric) });
  }
  const rowHeight = 22;
  const margin = { top: 26, right: 14, bottom: 42, left: 104 };
  const innerWidth = width - margin.left - margin.right;
  const innerHeight = shown.length * rowHeight;
  const height = margin.top + innerHeight + margin.bottom;
  const svg = frame('dotplot', width, height, `${metric}: mean and 95% CI per policy`);
  svg.attr('data-metric', metric);
  title(svg, metricLabel(metric), metricDescription(metric));
  const g: G = svg.append('g').attr('transform', `translate(${margin.left},${margin.top})`);

  const values: number[] = [];
  for (const r of shown) values.push(r.mean, r.lo, r.hi, ...(r.runs ?? []));
  const x = d3.scaleLinear().domain(paddedExtent(values, 0.06)).nice().range([0, innerWidth]);
  const y = d3
    .scaleBand<string>()
    .domain(shown.map((r) => r.policy))
    .range([0, innerHeight])
    .padding(0.2);
  g.append('g')
    .attr('class', 'grid')
    .selectAll('line')
    .data(x.ticks(5))
    .join('line')
    .attr('x1', (d) => x(d))
    .attr('x2', (d) => x(d))
    .attr('y1', 0)
    .attr('y2', innerHeight)
    .attr('stroke', '#eee');
  bottomAxis(g, x, innerWidth, innerHeight, metricLabel(metric), 5);

  const row = policyRows(g, shown, y, {
    className: 'row-label',
    bold: (r) => r.policy === baseline,
    text: (r) => (r.policy === baseline ? `${r.policy} ★` : r.policy),
  });
  row
    .selectAll('line.mark-run')
    .data((r) => (r.runs ?? []).filter(Number.isFinite).map((v) => ({ v, policy: r.policy })))
    .join('line')
    .attr('class', 'mark-run')
    .attr('x1', (d) => x(d.v))
    .attr('x2', (d) => x(d.v))
    .attr('y1', -6)
    .attr('y2', 6)
    .attr('stroke', (d) => policyColor(d.policy, policies))
    .attr('stroke-opacity', 0.35);
  const ci = ciLines(row, x, policies, 2.5);
  for (const end of ['lo', 'hi'] as const) {
    ci.append('line')
      .attr('class', 'mark-ci-cap')
      .attr('x1', (r) => x(r[end]))
      .attr('x2', (r) => x(r[end]))
      .attr('y1', -5)
      .attr('y2', 5)
      .attr('stroke', (r) => policyColor(r.policy, policies))
      .attr('stroke-width', 1.5);
  }
  row
    .filter((r) => Number.isFinite(r.mean))
    .append('circle')
    .attr('class', 'mark-dot')
    .attr('cx', (r) => x(r.mean))
    .attr('r', 4.5)
    .attr('fill', (r) => policyColor(r.policy, policies))
    .attr('stroke', '#fff')
    .attr('data-policy', (r) => r.policy)
    .attr('data-value', (r) => String(r.mean))
    .attr(
      'data-tip',
      (r) =>
        `${r.policy} · ${metric}: mean ${formatNumber(r.mean)}` +
        (Number.isFinite(r.lo) ? `, 95% CI ${formatNumber(r.lo)} … ${formatNumber(r.hi)} (${r.interval === 'bootstrap' ? 'bootstrap' : 't'})` : ', CI needs 2 runs') +
        ` · n = ${r.n}`,
    );
  return svg.node()!;
}

// Paired difference against a baseline: for each other policy, the mean of
// (policy − baseline) over replications that share a seed, with its 95%
// paired-t interval (bootstrap for quantile metrics) and p-value. An interval
// that misses the zero line is a difference the replications support.

import * as d3 from 'd3';
import { bottomAxis, emptyChart, frame, paddedExtent, title, type G } from '../lib/chartKit.js';
import { formatNumber, formatP, formatSigned, metricDescription, unitOf } from '../lib/format.js';
import { policyColor } from '../lib/palette.js';
import { ciLines, policyRows } from './policyRows.js';

export interface DifferenceRow {
  policy: string;
  mean: number;
  lo: number;
  hi: number;
  p: number;
  n: number;
  interval?: 't' | 'bootstrap';
}

export interface PairedDifferenceOptions {
  metric: string;
  baseline: string;
  rows: DifferenceRow[];
  policies?: string[];
  width?: number;
}

/**
 * @example
 * pairedDifference({ metric: 'accuracy', baseline: 'fifo', rows: [{ policy: 'random', mean: -0.02, lo: -0.03, hi: -0.01, p: 0.001, n: 10 }] });
 */
export function pairedDifference(options: PairedDifferenceOptions): SVGSVGElement {
  const { metric, baseline, rows, policies = [baseline, ...rows.map((r) => r.policy)], width = 560 } = options;
  const unit = unitOf(metric);
  const heading = `Δ ${metric} vs ${baseline}${unit ? ` (${unit})` : ''}`;
  const shown = rows.filter((r) => r.n > 0 && Number.isFinite(r.mean));
  if (shown.length === 0) {
    return emptyChart(
      'difference',
      rows.length === 0
        ? 'Pick at least two policies: the paired difference compares each policy with the baseline.'
        : 'No paired replications yet: each policy needs runs with the same seeds as the baseline.',
      { width, heading },
    );
  }
  const rowHeight = 26;
  const margin = { top: 26, right: 170, bottom: 42, left: 104 };
  const innerWidth = width - margin.left - margin.right;
  const innerHeight = shown.length * rowHeight;
  const height = margin.top + innerHeight + margin.bottom;
  const svg = frame('difference', width, height, `${heading}: paired differences with 95% CIs`);
  svg.attr('data-metric', metric);
  title(svg, heading, `${metricDescription(metric)} — policy − ${baseline}, paired by seed (common random numbers)`);
  const g: G = svg.append('g').attr('transform', `translate(${margin.left},${margin.top})`);
  const x = d3
    .scaleLinear()
    .domain(paddedExtent(shown.flatMap((r) => [r.mean, r.lo, r.hi]), 0.08, true))
    .nice()
    .range([0, innerWidth]);
  const y = d3
    .scaleBand<string>()
    .domain(shown.map((r) => r.policy))
    .range([0, innerHeight])
    .padding(0.25);
  bottomAxis(g, x, innerWidth, innerHeight, `policy − ${baseline}${unit ? ` (${unit})` : ''}`, 5);
  g.append('line')
    .attr('class', 'zero-line')
    .attr('x1', x(0))
    .attr('x2', x(0))
    .attr('y1', -4)
    .attr('y2', innerHeight)
    .attr('stroke', '#444')
    .attr('stroke-dasharray', '3 3');
  const row = policyRows(g, shown, y, { text: (r) => r.policy });
  ciLines(row, x, policies, 3);
  row
    .append('rect')
    .attr('class', 'mark-diff')
    .attr('x', (r) => x(r.mean) - 4)
    .attr('y', -4)
    .attr('width', 8)
    .attr('height', 8)
    .attr('fill', (r) => policyColor(r.policy, policies))
    .attr('stroke', '#fff')
    .attr('data-policy', (r) => r.policy)
    .attr('data-value', (r) => String(r.mean))
    .attr(
      'data-tip',
      (r) =>
        `${r.policy} − ${baseline}: ${formatSigned(r.mean)}` +
        (Number.isFinite(r.lo) ? `, 95% CI ${formatNumber(r.lo)} … ${formatNumber(r.hi)} (${r.interval === 'bootstrap' ? 'bootstrap' : 'paired t'})` : '') +
        `, ${formatP(r.p)}, ${r.n} pairs`,
    );
  row
    .append('text')
    .attr('class', 'diff-label')
    .attr('x', innerWidth + 8)
    .attr('y', 4)
    .attr('fill', '#333')
    .attr('font-weight', (r) => (r.p < 0.05 ? 700 : 400))
    .text((r) => `${formatSigned(r.mean)}  ${formatP(r.p)}`);
  return svg.node()!;
}

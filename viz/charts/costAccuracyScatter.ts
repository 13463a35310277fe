// Cost against accuracy: every run as a point (colour and symbol by policy),
// each policy's Pareto frontier over its runs (no other run of that policy is
// both cheaper and more accurate), each policy's mean with 95% CIs on both
// axes, and the frontier of the policy means — the policies worth choosing.

import * as d3 from 'd3';
import { bottomAxis, emptyChart, frame, leftAxis, legend, paddedExtent, symbolPath, title, yGrid, type G } from '../lib/chartKit.js';
import { formatNumber, metricLabel } from '../lib/format.js';
import { policyColor, policyIndex, SYMBOLS } from '../lib/palette.js';

export interface ScatterRun {
  policy: string;
  seed: number;
  x: number;
  y: number;
  index?: number;
}

export interface ScatterMean {
  policy: string;
  x: number;
  xLo: number;
  xHi: number;
  y: number;
  yLo: number;
  yHi: number;
}

export interface CostAccuracyOptions {
  runs: ScatterRun[];
  means: ScatterMean[];
  policies?: string[];
  xMetric?: string;
  yMetric?: string;
  width?: number;
  height?: number;
}

/**
 * The Pareto frontier of points where lower x and higher y are better, sorted
 * by x: each point on it has no other point at most as costly and at least as
 * accurate with one of the two strictly better.
 *
 * @example
 * paretoFrontier([{ x: 1, y: 0.5 }, { x: 2, y: 0.4 }, { x: 3, y: 0.9 }]); // [{1, .5}, {3, .9}]
 */
export function paretoFrontier<T extends { x: number; y: number }>(points: readonly T[]): T[] {
  const finite = points.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
  const sorted = [...finite].sort((a, b) => a.x - b.x || b.y - a.y);
  const out: T[] = [];
  let best = -Infinity;
  for (const p of sorted) {
    if (p.y > best) {
      out.push(p);
      best = p.y;
    }
  }
  return out;
}

const symbolOf = (policy: string, policies: string[]): string => SYMBOLS[policyIndex(policy, policies) % SYMBOLS.length]!;

/** A step path through frontier points (accuracy holds until the next, cheaper-to-better point). */
function stepPath(points: { x: number; y: number }[], x: (v: number) => number, y: (v: number) => number): string {
  return d3
    .line<{ x: number; y: number }>()
    .x((p) => x(p.x))
    .y((p) => y(p.y))
    .curve(d3.curveStepAfter)(points) ?? '';
}

/**
 * @example
 * costAccuracyScatter({ runs, means, xMetric: 'costPerGoal', yMetric: 'accuracy' });
 */
export function costAccuracyScatter(options: CostAccuracyOptions): SVGSVGElement {
  const { runs, means, xMetric = 'costPerGoal', yMetric = 'accuracy', width = 560, height = 380 } = options;
  const policies = options.policies ?? [...new Set([...means.map((m) => m.policy), ...runs.map((r) => r.policy)])];
  const heading = `${yMetric} vs ${xMetric}`;
  const finiteRuns = runs.filter((r) => Number.isFinite(r.x) && Number.isFinite(r.y));
  const finiteMeans = means.filter((m) => Number.isFinite(m.x) && Number.isFinite(m.y));
  if (finiteRuns.length === 0 && finiteMeans.length === 0) {
    return emptyChart('scatter', `No runs with both ${xMetric} and ${yMetric} yet: run a comparison or load results.`, { width, heading });
  }
  const legendItems = [
    ...policies.filter((p) => finiteRuns.some((r) => r.policy === p) || finiteMeans.some((m) => m.policy === p)).map((p) => ({
      label: p,
      color: policyColor(p, policies),
      mark: symbolOf(p, policies),
    })),
    { label: 'frontier of policy means', color: '#555', mark: 'dash', tip: 'No policy mean is both cheaper and more accurate than a point on this line' },
  ];
  const margin = { top: 26, right: 16, bottom: 48, left: 58 };
  const svg = frame('scatter', width, height, `${heading}: runs, policy means and Pareto frontiers`);
  title(svg, `${metricLabel(yMetric)} vs ${metricLabel(xMetric)}`, 'Up and to the left is better: more accurate for less');
  const legendHeight = legend(svg, legendItems, margin.left, height - 14, width - margin.left - margin.right);
  const bottom = margin.bottom + legendHeight;
  const innerWidth = width - margin.left - margin.right;
  const innerHeight = height - margin.top - bottom;
  svg.select('g.legend').attr('transform', `translate(${margin.left},${height - legendHeight + 4})`);
  const g: G = svg.append('g').attr('transform', `translate(${margin.left},${margin.top})`);

  const xs = [...finiteRuns.map((r) => r.x), ...finiteMeans.flatMap((m) => [m.x, m.xLo, m.xHi])];
  const ys = [...finiteRuns.map((r) => r.y), ...finiteMeans.flatMap((m) => [m.y, m.yLo, m.yHi])];
  const x = d3.scaleLinear().domain(paddedExtent(xs, 0.06)).nice().range([0, innerWidth]);
  const y = d3.scaleLinear().domain(paddedExtent(ys, 0.06)).nice().range([innerHeight, 0]);
  yGrid(g, y, innerWidth);
  bottomAxis(g, x, innerWidth, innerHeight, metricLabel(xMetric));
  leftAxis(g, y, innerHeight, metricLabel(yMetric), 5, 44);

  // Each policy's frontier over its own runs.
  for (const policy of policies) {
    const own = finiteRuns.filter((r) => r.policy === policy);
    if (own.length < 2) continue;
    g.append('path')
      .attr('class', 'mark-frontier')
      .attr('data-policy', policy)
      .attr('d', stepPath(paretoFrontier(own), x, y))
      .attr('fill', 'none')
      .attr('stroke', policyColor(policy, policies))
      .attr('stroke-width', 1.2)
      .attr('stroke-opacity', 0.7)
      .attr('data-tip', `${policy}: Pareto frontier of its ${own.length} runs`);
  }
  g.append('g')
    .attr('class', 'runs')
    .selectAll('path')
    .data(finiteRuns)
    .join('path')
    .attr('class', 'mark-run')
    .attr('transform', (r) => `translate(${x(r.x)},${y(r.y)})`)
    .attr('d', (r) => symbolPath(symbolOf(r.policy, policies), 36))
    .attr('fill', (r) => policyColor(r.policy, policies))
    .attr('fill-opacity', 0.55)
    .attr('data-policy', (r) => r.policy)
    .attr('data-seed', (r) => String(r.seed))
    .attr('data-index', (r) => (r.index === undefined ? null : String(r.index)))
    .attr('data-tip', (r) => `${r.policy} · seed ${r.seed}: ${xMetric} ${formatNumber(r.x)}, ${yMetric} ${formatNumber(r.y)} — click to explore`);

  const frontier = paretoFrontier(finiteMeans);
  if (frontier.length > 0) {
    g.append('path')
      .attr('class', 'mark-mean-frontier')
      .attr('d', stepPath(frontier, x, y))
      .attr('fill', 'none')
      .attr('stroke', '#555')
      .attr('stroke-width', 2)
      .attr('stroke-dasharray', '6 3');
  }
  const mean = g
    .append('g')
    .attr('class', 'means')
    .selectAll<SVGGElement, ScatterMean>('g')
    .data(finiteMeans)
    .join('g')
    .attr('class', 'mean');
  mean
    .filter((m) => Number.isFinite(m.xLo) && Number.isFinite(m.xHi))
    .append('line')
    .attr('class', 'mark-mean-ci')
    .attr('x1', (m) => x(m.xLo))
    .attr('x2', (m) => x(m.xHi))
    .attr('y1', (m) => y(m.y))
    .attr('y2', (m) => y(m.y))
    .attr('stroke', (m) => policyColor(m.policy, policies))
    .attr('stroke-width', 2);
  mean
    .filter((m) => Number.isFinite(m.yLo) && Number.isFinite(m.yHi))
    .append('line')
    .attr('class', 'mark-mean-ci')
    .attr('x1', (m) => x(m.x))
    .attr('x2', (m) => x(m.x))
    .attr('y1', (m) => y(m.yLo))
    .attr('y2', (m) => y(m.yHi))
    .attr('stroke', (m) => policyColor(m.policy, policies))
    .attr('stroke-width', 2);
  mean
    .append('path')
    .attr('class', 'mark-mean')
    .attr('transform', (m) => `translate(${x(m.x)},${y(m.y)})`)
    .attr('d', (m) => symbolPath(symbolOf(m.policy, policies), 130))
    .attr('fill', (m) => policyColor(m.policy, policies))
    .attr('stroke', '#111')
    .attr('stroke-width', 1.2)
    .attr('data-policy', (m) => m.policy)
    .attr('data-tip', (m) => {
      const onFrontier = frontier.includes(m) ? ' · on the frontier' : '';
      return `${m.policy} mean: ${xMetric} ${formatNumber(m.x)} (95% CI ${formatNumber(m.xLo)} … ${formatNumber(m.xHi)}), ${yMetric} ${formatNumber(m.y)} (95% CI ${formatNumber(m.yLo)} … ${formatNumber(m.yHi)})${onFrontier}`;
    });
  return svg.node()!;
}

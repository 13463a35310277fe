// Makespan CDFs, one per policy: the share of completed goals delivered
// within x minutes. For runs made in the page each worker computes the
// run's exact makespan quantile function from every completed goal's arrival
// and end (levels 0, 0.01, …, 1); a policy's curve averages those quantile
// functions over its replications (Vincent averaging). Results loaded from
// files carry only per-run p50/p95/p99, so the chart then plots those
// quantile points (means over replications) joined by lines, and says so.

import * as d3 from 'd3';
import { bottomAxis, emptyChart, frame, leftAxis, legend, paddedExtent, title, yGrid, type G } from '../lib/chartKit.js';
import { formatNumber } from '../lib/format.js';
import { policyColor } from '../lib/palette.js';

export interface CdfCurve {
  policy: string;
  /** Quantile function: value at level j / (length − 1). */
  quantiles: ArrayLike<number>;
  runs: number;
}

export interface CdfPoints {
  policy: string;
  /** (probability, makespan) pairs, e.g. the mean p50/p95/p99 over replications. */
  points: { p: number; value: number }[];
  runs: number;
}

export interface MakespanCdfOptions {
  curves?: CdfCurve[];
  points?: CdfPoints[];
  policies?: string[];
  width?: number;
  height?: number;
}

/** Averages quantile functions of equal length (Vincent averaging); NaN rows are skipped. */
export function averageQuantiles(functions: readonly ArrayLike<number>[]): Float64Array {
  const usable = functions.filter((q) => q.length > 0 && Number.isFinite(q[0] as number));
  const n = usable[0]?.length ?? 0;
  const out = new Float64Array(n);
  if (usable.length === 0) return out;
  for (const q of usable) for (let j = 0; j < n; j++) out[j]! += (q[j] as number) / usable.length;
  return out;
}

/**
 * @example
 * makespanCdf({ curves: [{ policy: 'fifo', quantiles, runs: 10 }] });
 */
export function makespanCdf(options: MakespanCdfOptions): SVGSVGElement {
  const { curves = [], points = [], width = 560, height = 340 } = options;
  const policies = options.policies ?? [...new Set([...curves.map((c) => c.policy), ...points.map((p) => p.policy)])];
  const heading = 'Makespan CDF (min)';
  const usableCurves = curves.filter((c) => c.quantiles.length > 1 && Number.isFinite(c.quantiles[0] as number));
  const usablePoints = points.filter((c) => c.points.some((p) => Number.isFinite(p.value)));
  if (usableCurves.length === 0 && usablePoints.length === 0) {
    return emptyChart('cdf', 'No completed goals to draw makespans from yet: run a comparison or load results.', { width, heading });
  }
  const mode = usableCurves.length > 0 ? 'curves' : 'points';
  const margin = { top: 26, right: 16, bottom: 48, left: 52 };
  const svg = frame('cdf', width, height, 'Makespan CDF per policy');
  svg.attr('data-mode', mode);
  title(
    svg,
    heading,
    mode === 'curves'
      ? 'Share of completed goals delivered within x minutes; quantile functions averaged over replications'
      : 'Only per-run p50, p95 and p99 are in the results: the points are their means over replications',
  );
  const legendItems = policies
    .filter((p) => usableCurves.some((c) => c.policy === p) || usablePoints.some((c) => c.policy === p))
    .map((p) => ({ label: p, color: policyColor(p, policies), mark: 'line' }));
  const legendHeight = legend(svg, legendItems, margin.left, 0, width - margin.left - margin.right);
  svg.select('g.legend').attr('transform', `translate(${margin.left},${height - legendHeight + 4})`);
  const innerWidth = width - margin.left - margin.right;
  const innerHeight = height - margin.top - margin.bottom - legendHeight;
  const g: G = svg.append('g').attr('transform', `translate(${margin.left},${margin.top})`);

  // The tail beyond the 99th percentile would squash the body of the curves: cut the axis there.
  const level99 = (q: ArrayLike<number>): number => q[Math.round(0.99 * (q.length - 1))] as number;
  const xMax = mode === 'curves' ? d3.max(usableCurves, (c) => level99(c.quantiles)) ?? 1 : d3.max(usablePoints.flatMap((c) => c.points.map((p) => p.value))) ?? 1;
  const xMin = mode === 'curves' ? d3.min(usableCurves, (c) => c.quantiles[0] as number) ?? 0 : 0;
  const x = d3
    .scaleLinear()
    .domain(paddedExtent([Math.min(0, xMin), xMax], 0.02))
    .nice()
    .range([0, innerWidth])
    .clamp(true);
  const y = d3.scaleLinear().domain([0, 1]).range([innerHeight, 0]);
  yGrid(g, y, innerWidth);
  bottomAxis(g, x, innerWidth, innerHeight, mode === 'curves' ? 'makespan (min), axis cut at the largest 99th percentile' : 'makespan (min)');
  leftAxis(g, y, innerHeight, 'share of completed goals', 5, 36);

  if (mode === 'curves') {
    g.selectAll('path.mark-cdf')
      .data(usableCurves)
      .join('path')
      .attr('class', 'mark-cdf')
      .attr('data-policy', (c) => c.policy)
      .attr('d', (c) => {
        const q = Array.from(c.quantiles);
        return (
          d3
            .line<number>()
            .x((v) => x(v))
            .y((_, j) => y(j / (q.length - 1)))(q) ?? ''
        );
      })
      .attr('fill', 'none')
      .attr('stroke', (c) => policyColor(c.policy, policies))
      .attr('stroke-width', 2)
      .attr('data-tip', (c) => {
        const q = c.quantiles;
        const at = (p: number): string => formatNumber(q[Math.round(p * (q.length - 1))] as number);
        return `${c.policy} (${c.runs} runs): median ${at(0.5)} min, p90 ${at(0.9)} min, p95 ${at(0.95)} min, p99 ${at(0.99)} min`;
      });
  } else {
    const line = d3
      .line<{ p: number; value: number }>()
      .x((d) => x(d.value))
      .y((d) => y(d.p));
    for (const c of usablePoints) {
      const pts = c.points.filter((p) => Number.isFinite(p.value)).sort((a, b) => a.p - b.p);
      g.append('path')
        .attr('class', 'mark-cdf')
        .attr('data-policy', c.policy)
        .attr('d', line(pts) ?? '')
        .attr('fill', 'none')
        .attr('stroke', policyColor(c.policy, policies))
        .attr('stroke-width', 1.5)
        .attr('stroke-dasharray', '4 3');
      g.selectAll(null)
        .data(pts)
        .join('circle')
        .attr('class', 'mark-quantile')
        .attr('cx', (d) => x(d.value))
        .attr('cy', (d) => y(d.p))
        .attr('r', 4)
        .attr('fill', policyColor(c.policy, policies))
        .attr('data-tip', (d) => `${c.policy}: p${Math.round(d.p * 100)} makespan ${formatNumber(d.value)} min (mean of ${c.runs} runs)`);
    }
  }
  return svg.node()!;
}

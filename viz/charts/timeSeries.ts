// A time series of one run: one or more lines over simulated minutes (the
// recorder's samples), with optional shaded spans for scheduled events such
// as a family shock or an outage, so a reader can tie a spike to its cause.

import * as d3 from 'd3';
import { bottomAxis, emptyChart, frame, leftAxis, legend, paddedExtent, title, yGrid, type G } from '../lib/chartKit.js';
import { formatNumber } from '../lib/format.js';

export interface SeriesLine {
  name: string;
  color: string;
  y: ArrayLike<number>;
  dashed?: boolean;
}

export interface TimeSeriesOptions {
  /** Identifies the chart (class `chart-series`, data-series). */
  id: string;
  heading: string;
  tip?: string;
  time: ArrayLike<number>;
  lines: SeriesLine[];
  yLabel: string;
  /** Shaded spans of simulated time, e.g. failure windows. */
  spans?: { from: number; to: number; label: string }[];
  yMin?: number;
  width?: number;
  height?: number;
}

/** Every k-th index so that a line has at most `max` points (first and last kept). */
export function thin(length: number, max = 600): number[] {
  if (length <= max) return Array.from({ length }, (_, i) => i);
  const step = (length - 1) / (max - 1);
  const out: number[] = [];
  for (let i = 0; i < max; i++) out.push(Math.round(i * step));
  return out;
}

/**
 * @example
 * timeSeries({ id: 'backlog', heading: 'Backlog', time, lines: [{ name: 'ready tasks', color: '#0072B2', y: backlog }], yLabel: 'tasks' });
 */
export function timeSeries(options: TimeSeriesOptions): SVGSVGElement {
  const { id, heading, tip, time, lines, yLabel, spans = [], yMin, width = 460, height = 200 } = options;
  if (time.length < 2) return emptyChart('series', `${heading}: the run recorded fewer than two samples.`, { width, heading });
  const margin = { top: 26, right: 14, bottom: 44, left: 50 };
  const svg = frame('series', width, height, `${heading} over simulated time`);
  svg.attr('data-series', id);
  title(svg, heading, tip);
  let legendHeight = 0;
  if (lines.length > 1) {
    legendHeight = legend(svg, lines.map((l) => ({ label: l.name, color: l.color, mark: l.dashed ? 'dash' : 'line' })), margin.left, 0, width - margin.left - margin.right);
    svg.select('g.legend').attr('transform', `translate(${margin.left},${height - legendHeight + 4})`);
  }
  const innerWidth = width - margin.left - margin.right;
  const innerHeight = height - margin.top - margin.bottom - legendHeight;
  const g: G = svg.append('g').attr('transform', `translate(${margin.left},${margin.top})`);
  const idx = thin(time.length);
  const x = d3
    .scaleLinear()
    .domain([time[0] as number, time[time.length - 1] as number])
    .range([0, innerWidth]);
  const ys: number[] = [];
  for (const l of lines) for (const i of idx) ys.push(l.y[i] as number);
  const [lo, hi] = paddedExtent(ys, 0.05);
  const y = d3
    .scaleLinear()
    .domain([yMin ?? lo, hi])
    .nice()
    .range([innerHeight, 0]);
  for (const s of spans) {
    const x0 = x(Math.max(s.from, x.domain()[0]!));
    const x1 = x(Math.min(s.to, x.domain()[1]!));
    if (!(x1 > x0)) continue;
    g.append('rect')
      .attr('class', 'span')
      .attr('x', x0)
      .attr('y', 0)
      .attr('width', x1 - x0)
      .attr('height', innerHeight)
      .attr('fill', '#000')
      .attr('fill-opacity', 0.06)
      .attr('data-tip', `${s.label}: minutes ${formatNumber(s.from)}–${formatNumber(s.to)}`);
  }
  yGrid(g, y, innerWidth, 4);
  bottomAxis(g, x, innerWidth, innerHeight, 'simulated time (min)', 6);
  leftAxis(g, y, innerHeight, yLabel, 4, 38);
  for (const l of lines) {
    const path = d3
      .line<number>()
      .defined((i) => Number.isFinite(l.y[i] as number))
      .x((i) => x(time[i] as number))
      .y((i) => y(l.y[i] as number))(idx);
    let peak = -Infinity;
    for (const i of idx) if ((l.y[i] as number) > peak) peak = l.y[i] as number;
    g.append('path')
      .attr('class', 'mark-line')
      .attr('data-name', l.name)
      .attr('d', path ?? '')
      .attr('fill', 'none')
      .attr('stroke', l.color)
      .attr('stroke-width', 1.6)
      .attr('stroke-dasharray', l.dashed ? '5 3' : null)
      .attr('data-tip', `${l.name}: peak ${formatNumber(peak)} ${yLabel}`);
  }
  hoverReadout(g, x, innerWidth, innerHeight, time, (i) =>
    `t = ${formatNumber(time[i] as number)} min · ` + lines.map((l) => `${l.name} ${formatNumber(l.y[i] as number)}`).join(' · '),
  );
  return svg.node()!;
}

/**
 * An invisible layer over the plot that, under the pointer, moves a rule to
 * the nearest sample and sets its own `data-tip` to that sample's readout
 * (the page's tooltip shows it).
 */
export function hoverReadout(
  g: G,
  x: d3.ScaleLinear<number, number>,
  innerWidth: number,
  innerHeight: number,
  time: ArrayLike<number>,
  readout: (i: number) => string,
): void {
  const rule = g.append('line').attr('class', 'hover-rule').attr('y1', 0).attr('y2', innerHeight).attr('stroke', '#888').attr('visibility', 'hidden');
  const bisect = d3.bisector((i: number) => time[i] as number).center;
  const all = Array.from({ length: time.length }, (_, i) => i);
  g.append('rect')
    .attr('class', 'hover')
    .attr('width', innerWidth)
    .attr('height', innerHeight)
    .attr('fill', 'transparent')
    .attr('data-tip', 'move along the chart to read values')
    .on('pointermove', function (event: PointerEvent) {
      const [px] = d3.pointer(event, g.node());
      const i = all[bisect(all, x.invert(px))] ?? 0;
      rule.attr('x1', x(time[i] as number)).attr('x2', x(time[i] as number)).attr('visibility', 'visible');
      this.setAttribute('data-tip', readout(i));
    })
    .on('pointerleave', () => rule.attr('visibility', 'hidden'));
}

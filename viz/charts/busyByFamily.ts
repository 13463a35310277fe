// Busy slots by model family over one run, stacked: how much of the work
// each family carried, and what happened when one was shocked or degraded
// (its band thins while the others take its work or the backlog grows).

import * as d3 from 'd3';
import { bottomAxis, emptyChart, frame, leftAxis, legend, title, yGrid, type G } from '../lib/chartKit.js';
import { formatNumber } from '../lib/format.js';
import { seriesColor } from '../lib/palette.js';
import { hoverReadout, thin } from './timeSeries.js';

export interface BusyByFamilyOptions {
  time: ArrayLike<number>;
  families: string[];
  /** Sample-major: busy[sample · families + family]. */
  busy: ArrayLike<number>;
  /** Total slots per family, shown in the legend's tooltips. */
  capacity?: number[];
  width?: number;
  height?: number;
}

/**
 * @example
 * busyByFamily({ time, families: ['atlas', 'borealis'], busy });
 */
export function busyByFamily(options: BusyByFamilyOptions): SVGSVGElement {
  const { time, families, busy, capacity, width = 460, height = 220 } = options;
  const heading = 'Busy slots by family';
  const F = families.length;
  if (time.length < 2 || F === 0) return emptyChart('busy', `${heading}: the run recorded fewer than two samples.`, { width, heading });
  const margin = { top: 26, right: 14, bottom: 44, left: 50 };
  const svg = frame('busy', width, height, 'Busy slots by model family, stacked');
  title(svg, heading, 'Slots working at each sample, stacked by model family');
  const legendHeight = legend(
    svg,
    families.map((f, i) => ({
      label: f,
      color: seriesColor(i),
      mark: 'area',
      tip: capacity?.[i] === undefined ? f : `${f}: ${capacity[i]} slots`,
    })),
    margin.left,
    0,
    width - margin.left - margin.right,
  );
  svg.select('g.legend').attr('transform', `translate(${margin.left},${height - legendHeight + 4})`);
  const innerWidth = width - margin.left - margin.right;
  const innerHeight = height - margin.top - margin.bottom - legendHeight;
  const g: G = svg.append('g').attr('transform', `translate(${margin.left},${margin.top})`);
  const idx = thin(time.length);
  const at = (i: number, f: number): number => (busy[i * F + f] as number) || 0;
  const stacked = d3
    .stack<number, number>()
    .keys(d3.range(F))
    .value((i, f) => at(i, f))(idx);
  const top = d3.max(stacked[F - 1] ?? [], (d) => d[1]) ?? 1;
  const x = d3
    .scaleLinear()
    .domain([time[0] as number, time[time.length - 1] as number])
    .range([0, innerWidth]);
  const y = d3
    .scaleLinear()
    .domain([0, Math.max(1, top)])
    .nice()
    .range([innerHeight, 0]);
  yGrid(g, y, innerWidth, 4);
  const area = d3
    .area<d3.SeriesPoint<number>>()
    .x((d) => x(time[d.data] as number))
    .y0((d) => y(d[0]))
    .y1((d) => y(d[1]));
  g.selectAll('path.mark-area')
    .data(stacked)
    .join('path')
    .attr('class', 'mark-area')
    .attr('data-family', (s) => families[s.key]!)
    .attr('d', (s) => area(s) ?? '')
    .attr('fill', (s) => seriesColor(s.key))
    .attr('fill-opacity', 0.85);
  bottomAxis(g, x, innerWidth, innerHeight, 'simulated time (min)', 6);
  leftAxis(g, y, innerHeight, 'busy slots', 4, 38);
  hoverReadout(g, x, innerWidth, innerHeight, time, (i) =>
    `t = ${formatNumber(time[i] as number)} min · ` + families.map((f, k) => `${f} ${formatNumber(at(i, k))}`).join(' · '),
  );
  return svg.node()!;
}

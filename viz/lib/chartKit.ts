// What every chart shares: an SVG frame sized by viewBox, axes with labels
// that carry units, a wrapping legend, tooltips as `data-tip` attributes (one
// floating tooltip for the whole page, see tooltip.ts), and the empty or
// error state a chart shows instead of going blank.

import * as d3 from 'd3';

export type Svg = d3.Selection<SVGSVGElement, undefined, null, undefined>;
export type G = d3.Selection<SVGGElement, undefined, null, undefined>;

export interface Margin {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** An SVG chart frame: `chart chart-<kind>` classes, a viewBox and an accessible label. */
export function frame(kind: string, width: number, height: number, label: string): Svg {
  return d3
    .create('svg')
    .attr('class', `chart chart-${kind}`)
    .attr('data-chart', kind)
    .attr('viewBox', `0 0 ${width} ${height}`)
    .attr('width', width)
    .attr('height', height)
    .attr('role', 'img')
    .attr('aria-label', label)
    .attr('font-family', 'system-ui, sans-serif')
    .attr('font-size', 11);
}

/** A chart's title line at the top left. */
export function title(svg: Svg, text: string, tip?: string): void {
  const t = svg.append('text').attr('class', 'chart-title').attr('x', 4).attr('y', 14).attr('font-weight', 600).attr('font-size', 12).text(text);
  if (tip !== undefined && tip !== '') t.attr('data-tip', tip);
}

/** A bottom axis with its label centred below. */
export function bottomAxis(g: G, scale: d3.AxisScale<number>, innerWidth: number, innerHeight: number, label: string, ticks = 5): void {
  const axis = g
    .append('g')
    .attr('class', 'axis axis-x')
    .attr('transform', `translate(0,${innerHeight})`)
    .call(d3.axisBottom(scale).ticks(Math.max(2, ticks)));
  axis.selectAll('text').attr('font-size', 10);
  g.append('text')
    .attr('class', 'axis-label axis-label-x')
    .attr('x', innerWidth / 2)
    .attr('y', innerHeight + 32)
    .attr('text-anchor', 'middle')
    .attr('fill', '#333')
    .text(label);
}

/** A left axis with its label rotated alongside. */
export function leftAxis(g: G, scale: d3.AxisScale<number>, innerHeight: number, label: string, ticks = 5, offset = 40): void {
  const axis = g.append('g').attr('class', 'axis axis-y').call(d3.axisLeft(scale).ticks(Math.max(2, ticks)));
  axis.selectAll('text').attr('font-size', 10);
  g.append('text')
    .attr('class', 'axis-label axis-label-y')
    .attr('transform', `translate(${-offset},${innerHeight / 2}) rotate(-90)`)
    .attr('text-anchor', 'middle')
    .attr('fill', '#333')
    .text(label);
}

/** Light horizontal grid lines at the y ticks. */
export function yGrid(g: G, scale: d3.ScaleLinear<number, number>, innerWidth: number, ticks = 5): void {
  g.append('g')
    .attr('class', 'grid')
    .selectAll('line')
    .data(scale.ticks(ticks))
    .join('line')
    .attr('x1', 0)
    .attr('x2', innerWidth)
    .attr('y1', (d) => scale(d))
    .attr('y2', (d) => scale(d))
    .attr('stroke', '#e6e6e6');
}

export interface LegendItem {
  label: string;
  color: string;
  /** 'line', 'dash', 'area', or a d3 symbol name ('circle', 'square', …). */
  mark?: string;
  tip?: string;
}

const SYMBOL_TYPES: Record<string, d3.SymbolType> = {
  circle: d3.symbolCircle,
  square: d3.symbolSquare,
  triangle: d3.symbolTriangle,
  diamond: d3.symbolDiamond,
  star: d3.symbolStar,
  cross: d3.symbolCross,
  wye: d3.symbolWye,
};

/** The d3 symbol path of a named symbol, `size` in square pixels. */
export function symbolPath(name: string, size = 48): string {
  return d3.symbol(SYMBOL_TYPES[name] ?? d3.symbolCircle, size)() ?? '';
}

/** Approximate text width at 11px, for laying out legends without measuring (works in detached documents). */
export const textWidth = (text: string): number => text.length * 6.2;

/** A legend that wraps into rows of at most `width`; returns its height. */
export function legend(svg: Svg | G, items: LegendItem[], x: number, y: number, width: number): number {
  const g = svg.append('g').attr('class', 'legend').attr('transform', `translate(${x},${y})`);
  let cx = 0;
  let cy = 0;
  for (const item of items) {
    const w = 18 + textWidth(item.label) + 12;
    if (cx > 0 && cx + w > width) {
      cx = 0;
      cy += 16;
    }
    const entry = g.append('g').attr('class', 'legend-item').attr('transform', `translate(${cx},${cy})`);
    if (item.tip !== undefined) entry.attr('data-tip', item.tip);
    const mark = item.mark ?? 'circle';
    if (mark === 'line' || mark === 'dash') {
      entry
        .append('line')
        .attr('x1', 0)
        .attr('x2', 14)
        .attr('y1', 0)
        .attr('y2', 0)
        .attr('stroke', item.color)
        .attr('stroke-width', 2.5)
        .attr('stroke-dasharray', mark === 'dash' ? '4 2' : null);
    } else if (mark === 'area') {
      entry.append('rect').attr('x', 0).attr('y', -5).attr('width', 14).attr('height', 10).attr('fill', item.color);
    } else {
      entry.append('path').attr('transform', 'translate(7,0)').attr('d', symbolPath(mark, 50)).attr('fill', item.color);
    }
    entry.append('text').attr('x', 18).attr('y', 4).attr('fill', '#222').text(item.label);
    cx += w;
  }
  return cy + 16;
}

/**
 * A chart that has nothing to show says why and what to do, in the chart's
 * own frame (class `chart-empty`, or `chart-error` for failures).
 */
export function emptyChart(kind: string, message: string, options: { width?: number; height?: number; error?: boolean; heading?: string } = {}): SVGSVGElement {
  const { width = 420, height = 120, error = false, heading } = options;
  const svg = frame(kind, width, height, message);
  svg.classed(error ? 'chart-error' : 'chart-empty', true);
  svg
    .append('rect')
    .attr('x', 0.5)
    .attr('y', 0.5)
    .attr('width', width - 1)
    .attr('height', height - 1)
    .attr('rx', 6)
    .attr('fill', error ? '#fff4f0' : '#fafafa')
    .attr('stroke', error ? '#D55E00' : '#ccc')
    .attr('stroke-dasharray', error ? null : '4 3');
  if (heading !== undefined) title(svg, heading);
  const lines = wrap(message, Math.floor((width - 32) / 6.2));
  const top = height / 2 - ((lines.length - 1) * 15) / 2 + 4;
  svg
    .append('text')
    .attr('class', 'empty-message')
    .attr('text-anchor', 'middle')
    .attr('fill', error ? '#8a2f00' : '#555')
    .selectAll('tspan')
    .data(lines)
    .join('tspan')
    .attr('x', width / 2)
    .attr('y', (_, i) => top + i * 15)
    .text((d) => d);
  return svg.node()!;
}

/** Splits text into lines of at most `max` characters at spaces. */
export function wrap(text: string, max: number): string[] {
  const words = text.split(/\s+/);
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    if (line !== '' && line.length + 1 + word.length > max) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** A finite-aware extent with padding; [0, 1] when nothing is finite. */
export function paddedExtent(values: Iterable<number>, pad = 0.05, includeZero = false): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (includeZero) {
    lo = Math.min(lo, 0);
    hi = Math.max(hi, 0);
  }
  if (!(lo <= hi)) return [0, 1];
  if (lo === hi) {
    const d = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    return [lo - d, hi + d];
  }
  const d = (hi - lo) * pad;
  return [lo - d, hi + d];
}

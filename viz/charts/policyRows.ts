// Rows of per-policy marks on a shared x scale, as the dot plot and the
// paired-difference chart draw them: one `g.row` per policy centred in its
// band, the policy's name to the left, and a horizontal CI line in the
// policy's colour where the interval is defined.

import type * as d3 from 'd3';
import type { G } from '../lib/chartKit.js';
import { policyColor } from '../lib/palette.js';

export interface PolicyRow {
  policy: string;
  lo: number;
  hi: number;
}

export type RowSelection<R> = d3.Selection<SVGGElement, R, SVGGElement, undefined>;

export interface RowLabel<R> {
  text: (row: R) => string;
  /** A class for the label (none if omitted). */
  className?: string;
  /** Bold labels (e.g. the baseline); plain if omitted. */
  bold?: (row: R) => boolean;
}

/** One `g.row` per row, at the centre of its band of `y`, labelled at the left. */
export function policyRows<R extends PolicyRow>(g: G, rows: R[], y: d3.ScaleBand<string>, label: RowLabel<R>): RowSelection<R> {
  const row = g
    .selectAll<SVGGElement, R>('g.row')
    .data(rows)
    .join('g')
    .attr('class', 'row')
    .attr('transform', (r) => `translate(0,${y(r.policy)! + y.bandwidth() / 2})`);
  const text = row.append('text');
  if (label.className !== undefined) text.attr('class', label.className);
  text.attr('x', -8).attr('y', 4).attr('text-anchor', 'end').attr('fill', '#222'); // the marks carry the colour; dark text reads on any
  if (label.bold !== undefined) text.attr('font-weight', (r) => (label.bold!(r) ? 700 : 400));
  text.text(label.text);
  return row;
}

/** The `line.mark-ci` from lo to hi of every row whose interval is defined; returns those rows. */
export function ciLines<R extends PolicyRow>(
  row: RowSelection<R>,
  x: d3.ScaleLinear<number, number>,
  policies: string[],
  strokeWidth: number,
): RowSelection<R> {
  const ci = row.filter((r) => Number.isFinite(r.lo) && Number.isFinite(r.hi));
  ci.append('line')
    .attr('class', 'mark-ci')
    .attr('x1', (r) => x(r.lo))
    .attr('x2', (r) => x(r.hi))
    .attr('stroke', (r) => policyColor(r.policy, policies))
    .attr('stroke-width', strokeWidth);
  return ci;
}

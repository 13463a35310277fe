// The cascade view of one goal: its task DAG laid out in layers (a task sits
// one layer right of its deepest input), each task coloured and shaped by
// what became of it — correct, the origin of a silent defect, contaminated
// by a defect upstream, failed, or never run — so a reader can follow a
// defect from where it was made to where it was delivered.

import * as d3 from 'd3';
import type { GoalTrace, TaskTrace } from '../../sim/metrics/goalTrace.js';
import { emptyChart, frame, legend, title, type G } from '../lib/chartKit.js';
import { formatNumber } from '../lib/format.js';
import { STATUS_COLORS } from '../lib/palette.js';

export type TaskStatus = 'ok' | 'origin' | 'contaminated' | 'failed' | 'idle';

/** What became of a task, for colour and shape. */
export function taskStatus(t: TaskTrace): TaskStatus {
  if (t.defective && t.defectOrigin === t.node) return 'origin';
  if (t.defective) return 'contaminated';
  if (t.state === 'failed') return 'failed';
  if (t.state !== 'done' || t.attempts === 0) return 'idle';
  return 'ok';
}

export const STATUS_LABELS: Record<TaskStatus, string> = {
  ok: 'correct',
  origin: 'silent defect (origin)',
  contaminated: 'contaminated',
  failed: 'failed',
  idle: 'not run / cancelled',
};

/** Layer of each node: 0 for tasks without inputs, else 1 + the deepest input's layer. */
export function layers(size: number, edges: readonly [number, number][]): number[] {
  const layer = new Array<number>(size).fill(0);
  const indegree = new Array<number>(size).fill(0);
  const out: number[][] = Array.from({ length: size }, () => []);
  for (const [a, b] of edges) {
    out[a]!.push(b);
    indegree[b]!++;
  }
  const queue: number[] = [];
  for (let i = 0; i < size; i++) if (indegree[i] === 0) queue.push(i);
  for (let k = 0; k < queue.length; k++) {
    const a = queue[k]!;
    for (const b of out[a]!) {
      layer[b] = Math.max(layer[b]!, layer[a]! + 1);
      if (--indegree[b]! === 0) queue.push(b);
    }
  }
  return layer;
}

export interface CascadeDagOptions {
  trace: GoalTrace | undefined;
  width?: number;
}

/**
 * @example
 * cascadeDag({ trace: explored.traces[0] });
 */
export function cascadeDag(options: CascadeDagOptions): SVGSVGElement {
  const { trace, width: minWidth = 720 } = options;
  if (trace === undefined || trace.tasks.length === 0) {
    return emptyChart('cascade', 'No goal traced: explore a run (click a run in the comparison) to see a goal’s task DAG.', { width: minWidth, heading: 'Cascade view' });
  }
  const size = trace.tasks.length;
  const layer = layers(size, trace.edges);
  const depth = Math.max(...layer) + 1;
  const byLayer: number[][] = Array.from({ length: depth }, () => []);
  for (let i = 0; i < size; i++) byLayer[layer[i]!]!.push(i);
  const tallest = Math.max(...byLayer.map((l) => l.length));
  const nodeW = 100;
  const nodeH = 34;
  const gapX = 22;
  const gapY = 14;
  const margin = { top: 34, right: 16, bottom: 10, left: 16 };
  // Wide enough that layers never overlap; the page scrolls a very deep DAG sideways.
  const width = Math.max(minWidth, margin.left + margin.right + depth * (nodeW + gapX) - gapX);
  const legendItems = (Object.keys(STATUS_LABELS) as TaskStatus[]).map((s) => ({ label: STATUS_LABELS[s], color: STATUS_COLORS[s], mark: 'area' }));
  const innerHeight = tallest * (nodeH + gapY) - gapY;
  const legendTop = margin.top + innerHeight + 18;
  const height = legendTop + 28;
  const innerWidth = width - margin.left - margin.right;
  const svg = frame('cascade', width, height, `Task DAG of goal ${trace.seq} (${trace.template}, ${trace.state})`);
  svg.attr('data-goal', String(trace.seq));
  const defects = trace.tasks.filter((t) => t.defective).length;
  title(
    svg,
    `Goal #${trace.seq} · ${trace.template} · ${trace.state} · ${size} tasks, ${defects} defective · makespan ${formatNumber(trace.end - trace.arrival)} min`,
  );
  legend(svg, legendItems, margin.left, legendTop, innerWidth);
  const g: G = svg.append('g').attr('transform', `translate(${margin.left},${margin.top})`);
  const colX = depth > 1 ? Math.min(nodeW + 100, Math.max(nodeW + gapX, (innerWidth - nodeW) / (depth - 1))) : 0;
  const pos = new Array<{ x: number; y: number }>(size);
  byLayer.forEach((nodes, l) => {
    const offset = ((tallest - nodes.length) * (nodeH + gapY)) / 2;
    nodes.forEach((n, k) => (pos[n] = { x: depth > 1 ? l * colX : (innerWidth - nodeW) / 2, y: offset + k * (nodeH + gapY) }));
  });
  const status = trace.tasks.map(taskStatus);
  const link = d3
    .linkHorizontal<{ source: [number, number]; target: [number, number] }, [number, number]>()
    .source((d) => d.source)
    .target((d) => d.target);
  g.append('g')
    .attr('class', 'edges')
    .selectAll('path')
    .data(trace.edges)
    .join('path')
    .attr('class', 'mark-edge')
    .attr('d', ([a, b]) => link({ source: [pos[a]!.x + nodeW, pos[a]!.y + nodeH / 2], target: [pos[b]!.x, pos[b]!.y + nodeH / 2] }) ?? '')
    .attr('fill', 'none')
    .attr('stroke', ([a, b]) => (trace.tasks[b]!.defective && trace.tasks[a]!.defective ? STATUS_COLORS.origin : '#999'))
    .attr('stroke-width', ([a, b]) => (trace.tasks[b]!.defective && trace.tasks[a]!.defective ? 2.2 : 1.2));
  const node = g
    .append('g')
    .attr('class', 'nodes')
    .selectAll<SVGGElement, TaskTrace>('g')
    .data(trace.tasks)
    .join('g')
    .attr('class', (t) => `mark-task task-${status[t.node]}`)
    .attr('data-status', (t) => status[t.node]!)
    .attr('transform', (t) => `translate(${pos[t.node]!.x},${pos[t.node]!.y})`)
    .attr(
      'data-tip',
      (t) =>
        `task ${t.node} · ${t.skill} · ${STATUS_LABELS[status[t.node]!]}` +
        (t.defective && t.defectOrigin !== t.node && t.defectOrigin >= 0 ? ` (from task ${t.defectOrigin})` : '') +
        ` · state ${t.state} · agent ${t.agent < 0 ? '–' : `${t.family}#${t.agent}`} · ${t.attempts} attempt${t.attempts === 1 ? '' : 's'}` +
        ` · started ${t.start >= 0 ? formatNumber(t.start) : '–'} min · criticality ${formatNumber(t.criticality)} · verifiability ${formatNumber(t.verifiability)}`,
    );
  node
    .append('rect')
    .attr('width', nodeW)
    .attr('height', nodeH)
    .attr('rx', 5)
    .attr('fill', (t) => STATUS_COLORS[status[t.node]!])
    .attr('fill-opacity', (t) => (status[t.node] === 'ok' || status[t.node] === 'idle' ? 0.25 : 0.9))
    .attr('stroke', (t) => STATUS_COLORS[status[t.node]!])
    .attr('stroke-width', (t) => (status[t.node] === 'origin' ? 3 : 1.5))
    .attr('stroke-dasharray', (t) => (status[t.node] === 'contaminated' ? '4 2' : status[t.node] === 'idle' ? '2 2' : null));
  // A glyph repeats the status for readers who cannot tell the colours apart.
  const glyph: Record<TaskStatus, string> = { ok: '✓', origin: '✹', contaminated: '!', failed: '✕', idle: '·' };
  node
    .append('text')
    .attr('x', 6)
    .attr('y', 14)
    .attr('font-weight', 600)
    .attr('fill', (t) => (status[t.node] === 'origin' || status[t.node] === 'failed' ? '#fff' : '#111'))
    .text((t) => `${glyph[status[t.node]!]} ${t.node}: ${t.skill}`);
  node
    .append('text')
    .attr('x', 6)
    .attr('y', 27)
    .attr('font-size', 10)
    .attr('fill', (t) => (status[t.node] === 'origin' || status[t.node] === 'failed' ? '#fff' : '#333'))
    .text((t) => (t.agent < 0 ? 'no agent' : `${t.family}#${t.agent} · ${t.attempts}×`));
  return svg.node()!;
}

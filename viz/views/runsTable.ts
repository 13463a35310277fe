// The runs of an experiment as a table: one row per run with its seed, stop
// cause, headline metrics and output hash (equal to the CLI's manifest hash
// for the same RunSpec), and a row per failed run with its seed and error.
// Cells carry the exact value in `data-value` (String(x) round-trips a
// double), which is what the browser test compares with the CLI.

import type { Experiment } from '../lib/types.js';
import { formatNumber, metricDescription, unitOf } from '../lib/format.js';
import { policyColor } from '../lib/palette.js';
import { el } from './dom.js';

export const TABLE_METRICS = ['accuracy', 'costPerGoal', 'meanMakespan', 'p95Makespan', 'meanCascadeSize', 'failures'];
const MAX_ROWS = 400;

/**
 * @example
 * container.replaceChildren(runsTable(experiment, (index) => explore(index)));
 */
export function runsTable(experiment: Experiment, onPick?: (index: number) => void, point?: number): HTMLElement {
  const metrics = TABLE_METRICS.filter((m) => experiment.names.includes(m));
  const columns = metrics.map((m) => experiment.names.indexOf(m));
  const table = el('table', { class: 'runs', 'data-testid': 'runs-table' });
  const head = el('tr', {}, el('th', { text: '#' }), el('th', { text: 'policy' }), el('th', { text: 'seed' }), el('th', { text: 'stop' }));
  for (const m of metrics) {
    const unit = unitOf(m);
    head.append(el('th', { class: 'num', 'data-tip': metricDescription(m) }, m, unit === '' ? undefined : el('br'), unit === '' ? undefined : el('span', { class: 'unit', text: unit })));
  }
  head.append(el('th', { text: 'hash', 'data-tip': 'SHA-256 of the RunSpec and its output, computed as the CLI’s manifest.json does' }));
  table.append(el('thead', {}, head));
  const body = el('tbody');
  type Line = { index: number; node: HTMLTableRowElement };
  const lines: Line[] = [];
  const rows = point === undefined ? experiment.rows : experiment.rows.filter((r) => r.point === point);
  for (const row of rows.slice(0, MAX_ROWS)) {
    const tr = el(
      'tr',
      { class: 'run', 'data-index': row.index, 'data-policy': row.policy, 'data-seed': row.seed, tabindex: onPick ? 0 : undefined },
      el('td', { text: row.index }),
      el('td', {}, el('span', { class: 'swatch', style: `background:${policyColor(row.policy, experiment.plan.policies)}` }), row.policy),
      el('td', { text: row.seed }),
      el('td', { text: row.stopCause }),
    );
    columns.forEach((j, k) => {
      const v = row.values[j]!;
      tr.append(el('td', { class: 'num', 'data-metric': metrics[k], 'data-value': String(v), text: formatNumber(v) }));
    });
    tr.append(el('td', { class: 'mono', 'data-hash': row.hash ?? '', text: row.hash ?? '…' }));
    lines.push({ index: row.index, node: tr });
  }
  for (const failure of experiment.failures) {
    if (point !== undefined) continue;
    const tr = el(
      'tr',
      { class: 'run failed', 'data-index': failure.index, 'data-seed': failure.seed },
      el('td', { text: failure.index }),
      el('td', { text: failure.policy }),
      el('td', { text: failure.seed }),
      el('td', { colspan: metrics.length + 2, class: 'error', text: `failed: ${failure.error}` }),
    );
    lines.push({ index: failure.index, node: tr });
  }
  lines.sort((a, b) => a.index - b.index);
  for (const line of lines) body.append(line.node);
  table.append(body);
  if (onPick !== undefined) {
    const pick = (event: Event): void => {
      const tr = (event.target as Element).closest('tr.run:not(.failed)');
      if (tr !== null) onPick(Number(tr.getAttribute('data-index')));
    };
    body.addEventListener('click', pick);
    body.addEventListener('keydown', (event) => {
      if ((event as KeyboardEvent).key === 'Enter') pick(event);
    });
  }
  const wrap = el('div', { class: 'table-wrap' }, table);
  if (rows.length > MAX_ROWS) wrap.append(el('p', { class: 'hint', text: `Showing the first ${MAX_ROWS} of ${rows.length} runs.` }));
  return wrap;
}

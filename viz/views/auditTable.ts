// The delegation table of one run: who did which task of each traced goal,
// in how many attempts, and what became of it — filterable by agent and by
// task. Built from the run's goal traces (sim/metrics/goalTrace.ts) for now;
// the tamper-evident audit log (sim/model/audit) can replace the source
// later without changing the view.

import type { GoalTrace } from '../../sim/metrics/goalTrace.js';
import { STATUS_LABELS, taskStatus, type TaskStatus } from '../charts/cascadeDag.js';
import { formatNumber } from '../lib/format.js';
import { STATUS_COLORS } from '../lib/palette.js';
import { el } from './dom.js';

/** One delegation: a task of a traced goal and the agent that did it. */
export interface AuditRow {
  goal: number;
  template: string;
  node: number;
  skill: string;
  agent: number;
  family: string;
  /** `family#id`, or '–' for a task no agent took. */
  agentLabel: string;
  attempts: number;
  start: number;
  state: string;
  status: TaskStatus;
  /** Task whose silent defect reached this one, or -1. */
  defectOrigin: number;
}

/** Every task of the traced goals as a row, in goal then node order. */
export function auditRows(traces: readonly GoalTrace[]): AuditRow[] {
  const rows: AuditRow[] = [];
  for (const trace of traces) {
    for (const t of trace.tasks) {
      rows.push({
        goal: trace.seq,
        template: trace.template,
        node: t.node,
        skill: t.skill,
        agent: t.agent,
        family: t.family,
        agentLabel: t.agent < 0 ? '–' : `${t.family}#${t.agent}`,
        attempts: t.attempts,
        start: t.start,
        state: t.state,
        status: taskStatus(t),
        defectOrigin: t.defectOrigin,
      });
    }
  }
  return rows;
}

export interface AuditFilter {
  /** Matches the agent label (`atlas#12`), the family or the agent id. */
  agent: string;
  /** Matches the skill, the goal template, `#<goal>` or `<goal>.<node>`. */
  task: string;
  status: TaskStatus | '';
}

/** Rows that pass the filter (empty fields pass everything). */
export function filterAudit(rows: readonly AuditRow[], filter: AuditFilter): AuditRow[] {
  const agent = filter.agent.trim().toLowerCase();
  const task = filter.task.trim().toLowerCase();
  return rows.filter((r) => {
    if (filter.status !== '' && r.status !== filter.status) return false;
    if (agent !== '') {
      const label = r.agentLabel.toLowerCase();
      if (!(label === agent || r.family.toLowerCase() === agent || String(r.agent) === agent || label.startsWith(agent))) return false;
    }
    if (task !== '') {
      const id = `${r.goal}.${r.node}`;
      if (!(r.skill.toLowerCase().includes(task) || r.template.toLowerCase().includes(task) || `#${r.goal}` === task || id === task || String(r.goal) === task)) return false;
    }
    return true;
  });
}

const MAX_ROWS = 300;

/**
 * @example
 * container.replaceChildren(auditTable(filterAudit(auditRows(traces), filter), (goal) => showGoal(goal)));
 */
export function auditTable(rows: readonly AuditRow[], total: number, onGoal?: (goal: number) => void): HTMLElement {
  const table = el('table', { class: 'audit', 'data-testid': 'audit-table' });
  table.append(
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        ...['goal', 'template', 'task', 'skill', 'agent', 'attempts', 'start (min)', 'state', 'outcome'].map((h) => el('th', { text: h })),
      ),
    ),
  );
  const body = el('tbody');
  for (const r of rows.slice(0, MAX_ROWS)) {
    body.append(
      el(
        'tr',
        { class: `audit-row status-${r.status}`, 'data-goal': r.goal, 'data-agent': r.agentLabel },
        el('td', {}, el('button', { type: 'button', class: 'link', 'data-goal': r.goal, text: `#${r.goal}`, 'data-tip': 'show this goal in the cascade view' })),
        el('td', { text: r.template }),
        el('td', { text: r.node }),
        el('td', { text: r.skill }),
        el('td', { class: 'mono', text: r.agentLabel }),
        el('td', { class: 'num', text: r.attempts }),
        el('td', { class: 'num', text: r.agent >= 0 && r.start >= 0 ? formatNumber(r.start) : '–' }),
        el('td', { text: r.state }),
        el(
          'td',
          {},
          el('span', { class: 'swatch', style: `background:${STATUS_COLORS[r.status]}` }),
          STATUS_LABELS[r.status] + (r.status === 'contaminated' && r.defectOrigin >= 0 ? ` (from task ${r.defectOrigin})` : ''),
        ),
      ),
    );
  }
  table.append(body);
  if (onGoal !== undefined) {
    body.addEventListener('click', (event) => {
      const button = (event.target as Element).closest('button[data-goal]');
      if (button !== null) onGoal(Number(button.getAttribute('data-goal')));
    });
  }
  const caption =
    rows.length === 0
      ? 'No delegation matches the filters: clear them, or try a family name (atlas), an agent (atlas#12), a skill (coding) or a goal (#412).'
      : `${rows.length} of ${total} delegations${rows.length > MAX_ROWS ? ` (first ${MAX_ROWS} shown)` : ''}.`;
  return el('div', {}, el('p', { class: 'hint', 'data-testid': 'audit-count', text: caption }), rows.length === 0 ? '' : el('div', { class: 'table-wrap scroll' }, table));
}

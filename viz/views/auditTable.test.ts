// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { GoalTrace, TaskTrace } from '../../sim/metrics/goalTrace.js';
import { auditRows, auditTable, filterAudit } from './auditTable.js';

const task = (node: number, agent: number, family: string, over: Partial<TaskTrace> = {}): TaskTrace => ({
  node, skill: node === 0 ? 'research' : 'coding', state: 'done', defective: false, defectOrigin: -1, agent, family, attempts: 1, start: 3, criticality: 0.2, verifiability: 0.5, ...over,
});
const traces: GoalTrace[] = [
  { seq: 7, template: 'report', arrival: 0, end: 9, state: 'completed-correct', tasks: [task(0, 12, 'atlas'), task(1, 3, 'cirrus')], edges: [[0, 1]] },
  { seq: 9, template: 'feature', arrival: 2, end: 20, state: 'completed-defective', tasks: [task(0, 12, 'atlas', { defective: true, defectOrigin: 0 }), task(1, 40, 'dazzle', { defective: true, defectOrigin: 0 }), task(2, -1, '', { state: 'cancelled', attempts: 0 })], edges: [[0, 1], [1, 2]] },
];

describe('filterAudit', () => {
  const rows = auditRows(traces);
  it('auditRows makes one row per task of every traced goal', () => {
    expect(rows.map((r) => `${r.goal}.${r.node} ${r.agentLabel} ${r.status}`)).toEqual(['7.0 atlas#12 ok', '7.1 cirrus#3 ok', '9.0 atlas#12 origin', '9.1 dazzle#40 contaminated', '9.2 – idle']);
  });
  it('filterAudit filters by agent (family, family#id or id) and by task (skill, template, #goal, goal.task)', () => {
    const f = (agent: string, task: string, status: '' | 'origin' = '') => filterAudit(rows, { agent, task, status }).map((r) => `${r.goal}.${r.node}`);
    expect(f('atlas', '')).toEqual(['7.0', '9.0']);
    expect(f('atlas#12', 'feature')).toEqual(['9.0']);
    expect(f('40', '')).toEqual(['9.1']);
    expect(f('', 'coding')).toEqual(['7.1', '9.1', '9.2']);
    expect(f('', '#9')).toEqual(['9.0', '9.1', '9.2']);
    expect(f('', '9.2')).toEqual(['9.2']);
    expect(f('', '', 'origin')).toEqual(['9.0']);
  });
  it('auditTable says how to widen the filters when nothing matches', () => {
    const node = auditTable([], rows.length);
    expect(node.querySelector('table')).toBeNull();
    expect(node.textContent).toContain('No delegation matches the filters');
    expect(auditTable(rows, rows.length).querySelectorAll('tbody tr')).toHaveLength(5);
  });
});

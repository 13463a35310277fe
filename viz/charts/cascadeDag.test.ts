// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { GoalTrace, TaskTrace } from '../../sim/metrics/goalTrace.js';
import { cascadeDag, layers, taskStatus } from './cascadeDag.js';
import { domSnapshot } from '../lib/domSnapshot.js';

const task = (node: number, over: Partial<TaskTrace> = {}): TaskTrace => ({
  node,
  skill: ['research', 'data', 'writing', 'review'][node % 4]!,
  state: 'done',
  defective: false,
  defectOrigin: -1,
  agent: 10 + node,
  family: 'atlas',
  attempts: 1,
  start: node * 5,
  criticality: 0.3,
  verifiability: 0.6,
  ...over,
});

// gather → analyse → draft → check, with a side task failing: the defect made at 1 reaches 2 and 3.
const trace: GoalTrace = {
  seq: 412,
  template: 'report',
  arrival: 100,
  end: 131.5,
  state: 'completed-defective',
  tasks: [
    task(0),
    task(1, { defective: true, defectOrigin: 1 }),
    task(2, { defective: true, defectOrigin: 1 }),
    task(3, { defective: true, defectOrigin: 1, attempts: 2 }),
    task(4, { state: 'failed', attempts: 4 }),
    task(5, { state: 'cancelled', attempts: 0, agent: -1, family: '' }),
  ],
  edges: [
    [0, 1],
    [1, 2],
    [2, 3],
    [0, 4],
    [4, 5],
  ],
};

describe('layers', () => {
  it('layers puts a task one layer right of its deepest input', () => {
    expect(layers(4, [[0, 1], [1, 3], [0, 2], [2, 3]])).toEqual([0, 1, 1, 2]);
    expect(layers(3, [[0, 2], [1, 2], [0, 1]])).toEqual([0, 1, 2]);
    expect(layers(2, [])).toEqual([0, 0]);
  });
});

describe('taskStatus', () => {
  it('taskStatus tells the origin of a silent defect from the tasks it contaminated', () => {
    expect(trace.tasks.map(taskStatus)).toEqual(['ok', 'origin', 'contaminated', 'contaminated', 'failed', 'idle']);
  });
});

describe('cascadeDag', () => {
  it('cascadeDag draws every task and edge and marks defective and contaminated tasks', () => {
    const svg = cascadeDag({ trace });
    expect(svg.querySelectorAll('.mark-task')).toHaveLength(6);
    expect(svg.querySelectorAll('.mark-edge')).toHaveLength(5);
    expect(svg.querySelectorAll('.task-origin')).toHaveLength(1);
    expect(svg.querySelectorAll('.task-contaminated')).toHaveLength(2);
    expect(svg.querySelector('.task-contaminated')?.getAttribute('data-tip')).toContain('contaminated (from task 1)');
    expect(svg.querySelector('.chart-title')?.textContent).toBe('Goal #412 · report · completed-defective · 6 tasks, 3 defective · makespan 31.5 min');
  });

  it('cascadeDag matches its DOM snapshot', () => {
    expect(domSnapshot(cascadeDag({ trace }))).toMatchSnapshot();
  });

  it('cascadeDag says how to get a goal when none is traced', () => {
    expect(cascadeDag({ trace: undefined }).getAttribute('aria-label')).toContain('explore a run');
  });
});

// The goal factory's characteristics: fixed ones (plain numbers) are written
// once into their template's draws, drawn ones are drawn per goal — and one
// template's fixed values never leak into another's goals.

import { describe, expect, it } from 'vitest';
import { parseScenario } from '../scenario/parse.js';
import type { ScenarioInput } from '../scenario/schema.js';
import { createStream } from '../engine/random.js';
import { GoalFactory } from './goalFactory.js';
import { GoalTable } from './goals.js';
import { TaskTable } from './tasks.js';

const scenario = parseScenario({
  name: 'two-templates',
  horizon: { goals: 100 },
  skills: ['work'],
  population: [{ name: 'pool', kind: 'ai', count: 2, skills: { work: {} } }],
  arrivals: { process: 'poisson', rate: 1 },
  goals: [
    {
      name: 'fixed-high',
      skill: 'work',
      weight: 1,
      characteristics: { duration: 3, criticality: 0.9, cost: 7, verifiability: { dist: 'uniform', min: 0, max: 1 } },
    },
    {
      name: 'fixed-low',
      skill: 'work',
      weight: 1,
      characteristics: { duration: { dist: 'exponential', mean: 2 }, criticality: 0.1, cost: 1, verifiability: 0.25 },
    },
  ],
} as ScenarioInput);

describe('GoalFactory', () => {
  it('create gives each task its own template\'s fixed characteristics and draws the others per goal', () => {
    const factory = new GoalFactory(scenario);
    const goals = new GoalTable();
    const tasks = new TaskTable();
    const rng = createStream(7, 'goals');
    const seen = { high: new Set<number>(), low: new Set<number>() };
    for (let seq = 0; seq < 400; seq++) {
      const g = factory.create(seq, seq, rng, goals, tasks);
      const t = goals.firstTask[g]!;
      if (goals.template[g] === 0) {
        expect([tasks.duration(t), tasks.criticality(t), tasks.cost(t)]).toEqual([3, 0.9, 7]);
        seen.high.add(tasks.verifiability(t));
      } else {
        expect([tasks.criticality(t), tasks.cost(t), tasks.verifiability(t)]).toEqual([0.1, 1, 0.25]);
        seen.low.add(tasks.duration(t));
      }
      tasks.release(t, 1);
      goals.release(g);
    }
    // Both templates came up, and what each draws was drawn anew (not one value kept).
    expect(seen.high.size).toBeGreaterThan(150);
    expect(seen.low.size).toBeGreaterThan(150);
  });
});

// Reputation farming (MODEL.md §4: public reputation is "open to gaming
// (accepting only easy tasks)"): a farmer declines high-stakes tasks until
// its public record is long enough, and the difficulty-blind ledger then
// oversells it. Scenarios are built here; every size is stated in its test.

import { describe, expect, it } from 'vitest';
import { parseScenario } from '../scenario/parse.js';
import type { ScenarioInput } from '../scenario/schema.js';
import { simulate } from '../runner/simulate.js';
import { World } from './world.js';
import { Behaviour } from './agents.js';
import { AuditOutcome, AuditReason } from './audit/auditRecord.js';
import { TaskState } from './tasks.js';
import { GoalState } from './goals.js';
import type { AuditLog } from './audit/auditLog.js';
import { meanInterval } from '../metrics/statistics.js';
import { summarize } from '../metrics/summarize.js';

/**
 * One skill, single-task goals with complexity and criticality uniform on
 * [0, 1], 50 farmers and 50 honest agents of capacity 1. Skill level 0.2
 * makes success depend on complexity (a fully skilled agent succeeds with
 * its reliability whatever the task, and farming would gain nothing).
 */
function farmingScenario(o: { farmers?: number; honest?: number; goals?: number; farmUntil?: number; trust?: object; policyParams?: object } = {}): ScenarioInput {
  return {
    name: 'farming',
    horizon: { goals: o.goals ?? 6000 },
    skills: ['work'],
    population: [
      { name: 'farmers', kind: 'ai', family: 'f', count: 50, behaviour: 'farmer', skills: { work: { level: 0.2, reliability: o.farmers ?? 0.9 } } },
      { name: 'honest', kind: 'ai', family: 'h', count: 50, skills: { work: { level: 0.2, reliability: o.honest ?? 0.9 } } },
    ],
    arrivals: { process: 'poisson', rate: 10 },
    goals: [
      {
        name: 'g',
        skill: 'work',
        characteristics: {
          duration: { dist: 'exponential', mean: 4 },
          complexity: { dist: 'uniform', min: 0, max: 1 },
          criticality: { dist: 'uniform', min: 0, max: 1 },
        },
      },
    ],
    adversaries: { farmUntil: o.farmUntil ?? 40, farmEasyMax: 0.5 },
    trust: o.trust ?? {},
    policyParams: o.policyParams ?? {},
  } as ScenarioInput;
}

/** Every attempt started, seen at the moment it starts: the agent, whether the task is easy, the agent's record length then and how long the task waited. */
interface Start {
  agent: number;
  easy: boolean;
  record: number;
  /** Minutes the task waited since it last became ready. */
  wait: number;
}

/** Runs a world with an audit log that reads the world at each start (the log is written in World.startAttempt, before the attempt runs). */
function recordStarts(input: ScenarioInput, policy: string, seed: number): { world: World; starts: Start[] } {
  const starts: Start[] = [];
  let world: World | undefined;
  const probe: AuditLog = {
    enabled: true,
    record(_time, _delegator, delegatee, task, _goal, _token, reason, outcome) {
      // An attempt's end is logged as an Assign with its outcome: only the Pending record is its start.
      if ((reason !== AuditReason.Assign && reason !== AuditReason.Redelegate && reason !== AuditReason.Award) || outcome !== AuditOutcome.Pending) return -1;
      const w = world as World;
      const easy = w.tasks.criticality(task) <= 0.5 && w.tasks.complexity(task) <= 0.5;
      starts.push({
        agent: delegatee,
        easy,
        record: w.reputation.count(w.agents.skillSlot(delegatee, w.tasks.skill(task))),
        wait: w.sim.now - w.tasks.readyTime(task),
      });
      return -1;
    },
    flush() {},
    close() {},
  };
  world = new World(parseScenario(input), { seed, policy, audit: probe });
  world.run();
  return { world, starts };
}

/**
 * Steps a world event by event and counts the events after which a farmable
 * task waited (`easySeen`), and those of them after which a farmer had room
 * all the same (`idleBesideEasyWork`) — while no outage stops the skill.
 */
function idleFarmerEvents(world: World): { easySeen: number; idleBesideEasyWork: number } {
  const { tasks, goals, agents, factory } = world;
  const outages = (world as unknown as { outages: Int32Array }).outages;
  const easyWaiting = (): number => {
    let n = 0;
    for (let g = 0; g < goals.seq.length; g++) {
      if (goals.state[g] !== GoalState.InFlight || goals.tasksLeft[g]! <= 0 || tasks.goal(goals.firstTask[g]!) !== g) continue;
      const first = goals.firstTask[g]!;
      for (let t = first; t < first + factory.plans[goals.plan[g]!]!.size; t++) {
        if (tasks.state(t) === TaskState.Ready && tasks.criticality(t) <= 0.5 && tasks.complexity(t) <= 0.5) n++;
      }
    }
    return n;
  };
  world.start();
  let idleBesideEasyWork = 0;
  let easySeen = 0;
  while (!world.advance(1)) {
    if (outages.some((n) => n > 0) || easyWaiting() === 0) continue;
    easySeen++;
    for (let a = 0; a < agents.count; a++) {
      if (agents.behaviour[a] === Behaviour.Farmer && agents.hasRoom(a)) {
        idleBesideEasyWork++;
        break;
      }
    }
  }
  return { easySeen, idleBesideEasyWork };
}

describe('World with reputation farmers', () => {
  it('declines: a farmer starts no task above farmEasyMax while its record is short, and takes them once it is long', () => {
    // 6,000 goals, random policy: the farmers' starts split by the record they had when each started.
    const { world, starts } = recordStarts(farmingScenario(), 'random', 1);
    const farmer = starts.filter((s) => world.agents.behaviour[s.agent] === Behaviour.Farmer);
    const hardWhileShort = farmer.filter((s) => !s.easy && s.record < 40).length;
    const easyWhileShort = farmer.filter((s) => s.easy && s.record < 40).length;
    const hardOnceLong = farmer.filter((s) => !s.easy && s.record >= 40).length;
    expect(hardWhileShort).toBe(0);
    expect(easyWhileShort).toBeGreaterThan(1000); // 50 farmers × up to 40 easy outcomes each (measured 1,858)
    expect(hardOnceLong).toBeGreaterThan(100);
    // Honest agents take hard tasks from their first outcome on.
    expect(starts.some((s) => world.agents.behaviour[s.agent] === Behaviour.Honest && !s.easy && s.record === 0)).toBe(true);
  });

  it('declines without failing: a farmer that only ever declines leaves no attempt, failure, trust or reputation behind', () => {
    // 2,000 goals; every task is hard (criticality 0.9), farmUntil is never reached, and every agent
    // is fully skilled with reliability 1: any failure or record of a farmer could only come from declining.
    const input = farmingScenario({ goals: 2000, farmUntil: 1_000_000, farmers: 1, honest: 1 });
    input.goals[0]!.characteristics.criticality = 0.9;
    for (const g of input.population) g.skills = { work: { level: 1, reliability: 1 } };
    input.arrivals = { process: 'poisson', rate: 5 }; // the 50 honest agents alone carry the load
    const { world, starts } = recordStarts(input, 'trust-aware', 2);
    const m = summarize(world).metrics;
    expect(starts.filter((s) => world.agents.behaviour[s.agent] === Behaviour.Farmer)).toEqual([]);
    expect(m.goalsCompleted).toBe(m.goalsCounted);
    expect(m.failures).toBe(0);
    expect(m.reassignments).toBe(0);
    expect(m.underDelegations).toBe(0);
    expect(m.highStakesToFarmers).toBe(0);
    for (let a = 0; a < 50; a++) {
      const k = world.agents.skillSlot(a, 0);
      expect(world.reputation.count(k)).toBe(0);
      expect(world.trust.evidence(0, k, world.sim.now)).toBe(0);
    }
  });

  it('seeks easy work: a farmer that frees up takes a farmable task waiting behind hard ones instead of idling', () => {
    // 20 farmers that farm for ever (farmUntil out of reach) and 20 honest agents, capacity 1, 9 goals
    // a minute: the honest agents cannot keep up with the hard tasks, which pile up at the front of the
    // backlog, and easy tasks queue behind them whenever every farmer is busy. After every event, no
    // farmer may have room while a farmable task waits (one skill, no outages, and the random policy
    // never declines). The old pull offered a freed farmer only the oldest task, which it turned down:
    // 1,000 goals, seed 1, then had 538 of 6,325 events end with a farmer idle beside easy work (now 0
    // of 5,954; easy work still waits after 36 of them, while every farmer is busy).
    const input = farmingScenario({ goals: 1000, farmUntil: 1_000_000 });
    input.population[1]!.count = 20;
    input.population[0]!.count = 20;
    input.arrivals = { process: 'poisson', rate: 9 };
    const { easySeen, idleBesideEasyWork } = idleFarmerEvents(new World(parseScenario(input), { seed: 1, policy: 'random' }));
    expect(easySeen).toBeGreaterThan(10); // easy work did wait, for the check to mean something
    expect(idleBesideEasyWork).toBe(0);
    // What it buys: easy tasks no longer wait behind hard ones. Mean wait of easy tasks, 3 seeds × 2,000
    // goals: measured 0.10 minutes (5.99 with the old pull).
    let wait = 0;
    let n = 0;
    for (const seed of [1, 2, 3]) {
      const { world: w, starts } = recordStarts({ ...input, horizon: { goals: 2000 } }, 'random', seed);
      const easy = starts.filter((s) => s.easy);
      for (const s of easy) wait += s.wait;
      n += easy.length;
      expect(easy.some((s) => w.agents.behaviour[s.agent] === Behaviour.Farmer)).toBe(true);
    }
    expect(wait / n).toBeLessThan(1);
  });

  it('seeks easy work after an outage: when a skill comes back, free farmers take the farmable tasks waiting behind hard ones', () => {
    // As above, with the skill down for 5 minutes every 30: tasks pile up during each outage, and when
    // it ends the backlog is offered to the free agents (drainBacklog). Its oldest task is often one
    // the farmers turn down, and a farmer freed during the outage asked nobody since: without the
    // easy-view pass that follows, 1,000 goals, seed 1, end 2,099 events with a farmer idle beside easy
    // work (checked only while no outage is on).
    const input = farmingScenario({ goals: 1000, farmUntil: 1_000_000 });
    input.population[1]!.count = 20;
    input.population[0]!.count = 20;
    input.arrivals = { process: 'poisson', rate: 9 };
    input.failures = [{ type: 'outage', skill: 'work', every: 30, lasts: 5 }];
    const { easySeen, idleBesideEasyWork } = idleFarmerEvents(new World(parseScenario(input), { seed: 1, policy: 'random' }));
    expect(easySeen).toBeGreaterThan(10);
    expect(idleBesideEasyWork).toBe(0);
  });

  it('inflates reputation: farmers end with a higher public reputation than honest agents of the same hidden reliability', () => {
    // 3 seeds × 6,000 goals, random policy (routing does not look at reputation), 50 farmers and
    // 50 honest agents, all of reliability 0.9 and level 0.2. The farmers' first 40 outcomes are on
    // easy tasks (complexity ≤ 0.5, where they succeed more often); measured ≈ 0.80 vs 0.70.
    for (const seed of [1, 2, 3]) {
      const { world } = recordStarts(farmingScenario(), 'random', seed);
      const farmers: number[] = [];
      const honest: number[] = [];
      for (let k = 0; k < world.agents.skillId.length; k++) {
        (world.agents.behaviour[world.agents.slotAgent[k]!] === Behaviour.Farmer ? farmers : honest).push(world.reputation.mean(k));
      }
      const f = meanInterval(farmers);
      const h = meanInterval(honest);
      expect(f.lo).toBeGreaterThan(h.hi); // the two 95% intervals (50 agents each) do not overlap
      expect(f.mean - h.mean).toBeGreaterThan(0.04);
      // The metric says the same: on high-stakes work the ledger oversells farmers more than honest agents.
      expect(summarize(world).metrics.farmerOverrating).toBeGreaterThan(0.03);
    }
  });

  it('routes high-stakes work to mediocre farmers: trust-aware leaning on reputation gives them more than on private trust, mostly through exploration', () => {
    // Farmers 0.8, honest agents 0.9 hidden reliability; 10 seeds × 6,000 goals per arm, paired
    // (common random numbers). trust.reputationWeight 1: the policy sees reputation only (its
    // Thompson sample is then the ledger's mean, no exploration); 0: private trust only,
    // weighted by criticality and decaying. Measured (20 seeds): 0.233 vs 0.190 with the
    // default Thompson exploration; 0.233 vs 0.226 when both are greedy.
    const share = (reputationWeight: number, exploration: string, seed: number) =>
      simulate(parseScenario(farmingScenario({ farmers: 0.8, honest: 0.9, trust: { reputationWeight }, policyParams: { exploration } })), {
        policy: 'trust-aware',
        seed,
      }).metrics.highStakesToFarmers as number;
    const seeds = Array.from({ length: 10 }, (_, i) => i + 1);
    const thompson = meanInterval(seeds.map((s) => share(1, 'thompson', s) - share(0, 'thompson', s)));
    const greedy = meanInterval(seeds.map((s) => share(1, 'greedy', s) - share(0, 'greedy', s)));
    expect(thompson.lo).toBeGreaterThan(0);
    expect(thompson.mean).toBeGreaterThan(0.02);
    // Criticality weighting alone barely corrects farming: greedy on private trust is nearly as fooled.
    expect(Math.abs(greedy.mean)).toBeLessThan(0.02);
    // Either way the farmers, the worse agents, get a large share of the high-stakes work.
    expect(share(0, 'greedy', 1)).toBeGreaterThan(0.15);
  });
});

describe('a run nobody can finish', () => {
  const stuck = (extra: Record<string, unknown> = {}): ScenarioInput =>
    ({
      name: 'stuck',
      horizon: { goals: 50 },
      skills: ['work'],
      population: [{ name: 'f', kind: 'ai', count: 5, capacity: 1, behaviour: 'farmer', skills: { work: {} } }],
      arrivals: { process: 'poisson', rate: 1 },
      goals: [{ name: 'g', skill: 'work', characteristics: { duration: 1, criticality: 0.9 } }],
      trust: { enabled: false }, // the farmers' record never grows: they farm for ever
      ...extra,
    }) as unknown as ScenarioInput;

  it('stops as stalled when every goal has arrived and nobody takes the work for ten times the expected span', () => {
    // Only farmers, every task high-stakes: no task ever starts. Without the stall check the
    // periodic samples kept the run going for ever (the CLI never returned).
    const r = simulate(parseScenario(stuck({ horizon: { goals: 50, maxEvents: 1_000_000 } })), { seed: 1 });
    expect(r.stopCause).toBe('stalled');
    expect(r.metrics.goalsInFlight).toBe(50);
    expect(r.metrics.taskStarts).toBe(0);
    // Expected span 50 goals / 1 per minute: stopped just past 10 × 50 minutes, not at the event cap.
    expect(r.metrics.simMinutes).toBeGreaterThan(500);
    expect(r.metrics.simMinutes).toBeLessThan(510);
  });

  it('is not stalled while an agent is down: a repair may bring back the work', () => {
    // The same stuck farmers, plus an honest agent that is down (crashed, repair far away) most of the time.
    const input = stuck({
      horizon: { goals: 50, maxEvents: 200_000 },
      population: [
        { name: 'f', kind: 'ai', count: 5, capacity: 1, behaviour: 'farmer', skills: { work: {} } },
        { name: 'h', kind: 'ai', count: 1, capacity: 1, skills: { work: {} } },
      ],
      failures: [{ type: 'crash', target: { group: 'h' }, mtbf: 1, mttr: 2000 }],
    });
    const r = simulate(parseScenario(input), { seed: 1 });
    expect(r.stopCause).not.toBe('stalled');
  });
});

// Human oversight and adversaries (issue #5): alarm fatigue above the span of
// control, context-aware vs blanket friction, de-skilling and the reserve,
// whitewashing sybils and graduated authority.

import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../scenario/parse.js';
import type { ScenarioInput } from '../../scenario/schema.js';
import { simulate, simulateWorld } from '../../runner/simulate.js';
import { effectiveAccuracy } from './oversight.js';
import { EventKind, World } from '../world.js';
import { summarize } from '../../metrics/summarize.js';
import { TaskState } from '../tasks.js';
import { GoalState } from '../goals.js';

function base(overrides: Record<string, unknown> = {}): ScenarioInput {
  return {
    name: 'oversight',
    horizon: { goals: 3000 },
    skills: ['work'],
    population: [
      { name: 'good', kind: 'ai', family: 'g', count: 10, capacity: 2, skills: { work: { level: 0.8, reliability: 0.97 } } },
      { name: 'poor', kind: 'ai', family: 'p', count: 10, capacity: 2, skills: { work: { level: 0.9, reliability: 0.5 } } },
    ],
    arrivals: { process: 'poisson', rate: 2 },
    goals: [{ name: 'g', skill: 'work', characteristics: { duration: { dist: 'exponential', mean: 3 }, criticality: { dist: 'uniform', min: 0, max: 1 } } }],
    ...overrides,
  } as ScenarioInput;
}

describe('oversight', () => {
  it('effectiveAccuracy is flat up to the span of control and falls above it', () => {
    const o = parseScenario(base({ oversight: { overseers: 2, span: 3, accuracy: 0.9, fatigue: 1 } })).oversight;
    expect(effectiveAccuracy(o, 1)).toBe(0.9);
    expect(effectiveAccuracy(o, 6)).toBe(0.9);
    expect(effectiveAccuracy(o, 12)).toBeCloseTo(0.9 * Math.exp(-1), 10);
  });

  it('every start of a task that needs approval is on the agent a human approved for it', () => {
    // Few overseers and busy agents: the approved agent is often full by the time the review ends,
    // and failures re-delegate; neither may start the task on an agent nobody reviewed.
    const scenario = parseScenario(base({ arrivals: { process: 'poisson', rate: 5 }, oversight: { mode: 'blanket', overseers: 1, span: 2, reviewTime: 0.5 } }));
    const world = new World(scenario, { seed: 2, policy: 'random' });
    const internals = world as unknown as { startAttempt: (t: number, a: number, slot: number) => void; needsApproval: (t: number) => boolean };
    const start = internals.startAttempt.bind(world);
    let gated = 0;
    let unreviewed = 0;
    internals.startAttempt = (t, a, slot) => {
      if (internals.needsApproval.call(world, t)) {
        gated++;
        if (world.tasks.approved(t) !== 1 || world.tasks.proposed(t) !== a) unreviewed++;
      }
      start(t, a, slot);
    };
    world.run();
    expect(gated).toBeGreaterThan(1000);
    expect(unreviewed).toBe(0);
  });

  it('onApprovalDone never starts a second review of one request: a request withdrawn with its goal leaves no queue entry behind', () => {
    // Three busy overseers, long reviews and half the goals cancelled soon after arrival: many
    // requests are cancelled while queued, and single-task goals reuse their task slot at once.
    const scenario = parseScenario(
      base({
        horizon: { goals: 1000 },
        arrivals: { process: 'poisson', rate: 0.5 },
        population: [{ name: 'pool', kind: 'ai', count: 10, capacity: 2, skills: { work: { reliability: 0.9 } } }],
        oversight: { mode: 'blanket', overseers: 3, span: 4, reviewTime: 6 },
        failures: [{ type: 'cancellation', probability: 0.5, meanDelay: 3 }],
      }),
    );
    const world = new World(scenario, { seed: 1, policy: 'random' });
    const internals = world as unknown as { startReview: (t: number) => void; handlers: ((t: number, token: number) => void)[] };
    // Reviews in flight per request: a task slot and its token (ending a goal bumps the tokens of its
    // tasks, so a review still under way for a withdrawn request is not this slot's new request).
    const inReview = new Map<string, number>();
    let reviews = 0;
    let duplicates = 0;
    const startReview = internals.startReview.bind(world);
    internals.startReview = (t) => {
      reviews++;
      const request = `${t}:${world.tasks.token(t)}`;
      const n = inReview.get(request) ?? 0;
      if (n > 0) duplicates++;
      inReview.set(request, n + 1);
      startReview(t);
    };
    const approvalDone = internals.handlers[EventKind.ApprovalDone]!;
    internals.handlers[EventKind.ApprovalDone] = (t, token) => {
      inReview.set(`${t}:${token}`, inReview.get(`${t}:${token}`)! - 1);
      approvalDone(t, token);
    };
    world.run();
    const m = summarize(world).metrics;
    expect(m.cancellations).toBeGreaterThan(300);
    expect(reviews).toBeGreaterThan(500);
    expect(duplicates).toBe(0);
  });

  it(
    'decideApproval counts a refusal against the retry limit: a task nobody acceptable will take fails instead of cycling forever',
    { timeout: 30_000 },
    () => {
      // A perfect, never-tired overseer reviews every delegation, and every policy here ranks the
      // unreliable agents first (the cheapest bid, the cheapest price, the best advertised skill, the
      // registry's untested priors), with one on every shortlist. Each proposal is refused; before
      // refusals counted, the task went back to the next unreliable agent forever and the run never
      // ended. The event cap turns such a hang into a failure: a test timeout cannot stop a
      // synchronous loop. Without a market, with an auction and with the registry alike.
      const goals = 100;
      const retryLimit = 3;
      const scenario = parseScenario(
        base({
          horizon: { goals, maxEvents: 500_000 },
          arrivals: { process: 'poisson', rate: 1 },
          population: [
            { name: 'good', kind: 'ai', family: 'g', count: 10, capacity: 2, pricePerMinute: 2, skills: { work: { level: 0.8, reliability: 0.97 } } },
            { name: 'poor', kind: 'ai', family: 'p', count: 10, capacity: 2, pricePerMinute: 0.5, skills: { work: { level: 0.9, reliability: 0.5 } } },
          ],
          oversight: { mode: 'blanket', overseers: 4, span: 4, reviewTime: 1, accuracy: 1, fatigue: 0 },
          trust: { badBelow: 0.9 },
          assignment: { retryLimit },
          policyParams: { award: 'lowest-price' },
        }),
      );
      for (const policy of ['contract-net', 'cheapest', 'static-skill', 'registry']) {
        const world = new World(scenario, { seed: 1, policy });
        const internals = world as unknown as { requestApproval: (t: number, a: number) => void };
        const request = internals.requestApproval.bind(world);
        let reproposed = 0; // the agent just refused, proposed again at once
        internals.requestApproval = (t, a) => {
          if (world.tasks.lastAgent(t) === a) reproposed++;
          request(t, a);
        };
        expect(world.run(), policy).toBe('drained');
        const m = summarize(world).metrics;
        expect(m.goalsFailed, policy).toBe(goals);
        expect(world.counters.approvals, policy).toBe(0);
        expect(m.approvalRejections, policy).toBe(goals * (retryLimit + 1)); // one task per goal
        expect(reproposed, policy).toBe(0);
      }
    },
  );

  it('endGoal frees an overseer reviewing a request of the goal: the next waiting request is reviewed at once', () => {
    // One overseer, ten-minute reviews, two single-task goals at minutes 0 and 1: the first request
    // is under review, the second waits. The first goal is cancelled at minute 1; its review is moot,
    // so the second request's review starts then and is decided at minute 11, not at 20.
    const scenario = parseScenario(
      base({
        horizon: { goals: 2 },
        arrivals: { process: 'trace', times: [0, 1] },
        population: [{ name: 'pool', kind: 'ai', count: 4, capacity: 1, skills: { work: { reliability: 0.99 } } }],
        goals: [{ name: 'g', skill: 'work', characteristics: { duration: 3 } }],
        oversight: { mode: 'blanket', overseers: 1, span: 4, reviewTime: 10 },
      }),
    );
    const world = new World(scenario, { seed: 1, policy: 'random' });
    const internals = world as unknown as { decideApproval: (t: number) => void };
    const decide = internals.decideApproval.bind(world);
    const decidedAt: number[] = [];
    internals.decideApproval = (t) => {
      decidedAt.push(world.sim.now);
      decide(t);
    };
    world.start();
    while (world.goalsArrived < 2) world.advance(1);
    expect(world.sim.now).toBe(1);
    const first = world.goals.seq.indexOf(0);
    world.cancelGoal(first, 0);
    expect(world.advance()).toBe(true);
    expect(world.goalsEnded).toBe(2);
    expect(decidedAt).toEqual([11]);
    expect(world.counters.approvalDelayMinutes).toBe(10);
  });

  it('advance keeps every overseer either reviewing a live request or free, with goals cancelled and failing under review', () => {
    // Long reviews, cancellations, irreversible failures and refusals ending goals while their other
    // tasks' requests wait or are under review: no overseer may stay busy with a withdrawn request.
    const scenario = parseScenario(
      base({
        horizon: { goals: 800 },
        arrivals: { process: 'poisson', rate: 0.5 },
        goals: [
          {
            name: 'g',
            skill: 'work',
            characteristics: { duration: { dist: 'exponential', mean: 3 }, reversibility: { dist: 'uniform', min: 0.5, max: 1 } },
            steps: [{ name: 'a', skill: 'work' }, { name: 'b', skill: 'work' }, { name: 'c', skill: 'work', dependsOn: ['a', 'b'] }],
          },
        ],
        oversight: { mode: 'blanket', overseers: 3, span: 2, reviewTime: 6 },
        failures: [{ type: 'cancellation', probability: 0.3, meanDelay: 5 }],
      }),
    );
    const world = new World(scenario, { seed: 3, policy: 'random' });
    const internals = world as unknown as { overseersBusy: number; approvalsWaiting: number };
    world.start();
    let checks = 0;
    let busySeen = 0;
    const problems: string[] = [];
    for (let done = false; !done; ) {
      done = world.advance(5);
      let awaiting = 0; // requests of live goals (released task slots keep their last state)
      for (let g = 0; g < world.goals.seq.length; g++) {
        const first = world.goals.firstTask[g]!;
        if (world.goals.state[g] !== GoalState.InFlight || world.tasks.goal(first) !== g) continue;
        for (let t = first; t < first + 3; t++) if (world.tasks.state(t) === TaskState.AwaitingApproval) awaiting++;
      }
      if (internals.overseersBusy + internals.approvalsWaiting !== awaiting) problems.push(`at ${world.sim.now}: ${internals.overseersBusy} reviewing + ${internals.approvalsWaiting} waiting ≠ ${awaiting} requests`);
      if (internals.approvalsWaiting > 0 && internals.overseersBusy < scenario.oversight.overseers) problems.push(`at ${world.sim.now}: an overseer idles while requests wait`);
      busySeen += internals.overseersBusy;
      checks++;
    }
    const m = summarize(world).metrics;
    expect(m.cancellations).toBeGreaterThan(100);
    expect(m.goalsFailed).toBeGreaterThan(50);
    expect(checks).toBeGreaterThan(1000);
    expect(busySeen).toBeGreaterThan(checks);
    expect(problems.slice(0, 5)).toEqual([]);
  });

  it('simulate shows a rising rubber-stamp rate as overseers are pushed past their span of control', () => {
    // The same review demand (blanket review, random assignment) on fewer and fewer overseers.
    const rate = (overseers: number) =>
      simulate(parseScenario(base({ oversight: { mode: 'blanket', overseers, span: 2, reviewTime: 1, fatigue: 0.8 } })), {
        policy: 'random',
        seed: 1,
      }).metrics;
    const relaxed = rate(8);
    const stretched = rate(3);
    const swamped = rate(2);
    expect(relaxed.badDelegationsReviewed).toBeGreaterThan(300);
    expect(relaxed.rubberStampRate).toBeLessThan(0.2);
    expect(stretched.rubberStampRate).toBeGreaterThan(relaxed.rubberStampRate! + 0.1);
    expect(swamped.rubberStampRate).toBeGreaterThan(stretched.rubberStampRate!);
    expect(swamped.meanApprovalDelay).toBeGreaterThan(relaxed.meanApprovalDelay!);
  });

  it('simulate with context-aware friction asks for fewer approvals and rubber-stamps less than blanket review', () => {
    const run = (mode: 'blanket' | 'context-aware') =>
      simulate(parseScenario(base({ oversight: { mode, overseers: 2, span: 2, reviewTime: 1, criticalityAbove: 0.7 } })), {
        policy: 'random',
        seed: 2,
      }).metrics;
    const blanket = run('blanket');
    const context = run('context-aware');
    expect(context.approvalRequests).toBeLessThan(blanket.approvalRequests! / 2);
    expect(context.rubberStampRate).toBeLessThan(blanket.rubberStampRate!);
  });

  it('simulate keeps human skill up when a share of tasks is reserved for humans', () => {
    const skill = (reserveShare: number) =>
      simulate(
        parseScenario(
          base({
            population: [
              { name: 'ai', kind: 'ai', count: 10, capacity: 2, skills: { work: { level: 0.9, reliability: 0.95 } } },
              { name: 'people', kind: 'human', count: 4, skills: { work: { level: 0.8, reliability: 0.97 } } },
            ],
            oversight: { reserveShare, skillDecay: 0.002, practiceGain: 0.05 },
          }),
        ),
        { policy: 'static-skill', seed: 3 },
      ).metrics;
    const none = skill(0);
    const reserve = skill(0.3);
    expect(none.humanTasks).toBe(0); // static-skill always prefers the higher advertised level
    expect(none.humanSkill).toBeLessThan(0.3);
    expect(reserve.reservedForHumans).toBeGreaterThan(100);
    expect(reserve.humanSkill).toBeGreaterThan(0.7);
  });
});

describe('adversaries', () => {
  const sybils = (graduatedAuthority: boolean, seed: number) =>
    simulateWorld(
      parseScenario(
        base({
          population: [
            { name: 'honest', kind: 'ai', family: 'h', count: 15, capacity: 2, skills: { work: { level: 0.8, reliability: 0.95 } } },
            { name: 'sybil', kind: 'ai', family: 's', behaviour: 'sybil', count: 5, capacity: 2, skills: { work: { level: 0.95, reliability: 0.4 } } },
          ],
          // Partly irreversible work: a failure of a critical task does criticality-weighted harm.
          goals: [
            {
              name: 'g',
              skill: 'work',
              characteristics: {
                duration: { dist: 'exponential', mean: 3 },
                criticality: { dist: 'uniform', min: 0, max: 1 },
                reversibility: { dist: 'uniform', min: 0.3, max: 1 },
              },
            },
          ],
          adversaries: { whitewashEvery: 60 },
          policyParams: { graduatedAuthority },
          costs: { lossPerCriticality: 100 },
        }),
      ),
      { policy: 'intelligent', seed },
    );

  it('onWhitewash resets a sybil identity: its reputation starts over', () => {
    const { world, result } = sybils(true, 4);
    expect(result.metrics.whitewashes).toBeGreaterThan(50);
    // Honest agents accumulate a long record; a sybil's record is only as old as its last identity.
    const records = (family: string) => {
      let sum = 0;
      let n = 0;
      for (let k = 0; k < world.agents.skillId.length; k++) {
        const a = world.agents.slotAgent[k]!;
        if (world.agents.familyNames[world.agents.family[a]!] !== family) continue;
        sum += world.reputation.count(k);
        n++;
      }
      return sum / n;
    };
    expect(records('s')).toBeLessThan(records('h') / 4);
  });

  it('watches every identity a sybil takes: each one that gets work counts in the identification metrics', () => {
    const { result } = sybils(true, 4);
    // 5 sybil slots (one skill each) and > 50 whitewashes: an identity's slot must be watched afresh after
    // a whitewash, or only the first 5 identities would count. Measured: 118 identities with work after
    // 119 whitewashes (5 without the fresh watch).
    expect(result.metrics.adversaryPairs).toBeGreaterThan(25);
  });

  it('graduated authority caps the damage whitewashing sybils do (paired over seeds)', () => {
    const harm = (graduated: boolean) => [5, 6, 7].map((seed) => sybils(graduated, seed).result.metrics.costHarm!);
    const capped = harm(true);
    const uncapped = harm(false);
    capped.forEach((h, i) => expect(h).toBeLessThan(uncapped[i]!));
  });
});

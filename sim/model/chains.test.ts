// Sub-delegation chains, capability tokens, markets and the audit log, checked
// inside whole runs (issue #5).

import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseScenario } from '../scenario/parse.js';
import type { ScenarioInput } from '../scenario/schema.js';
import { simulate } from '../runner/simulate.js';
import { summarize } from '../metrics/summarize.js';
import { openAuditFile, verifyAuditFile } from './audit/auditFile.js';
import { createStream } from '../engine/random.js';
import { AgentTable } from './agents.js';
import { Chains } from './chains.js';
import { World } from './world.js';
import { AuditReason } from './audit/auditRecord.js';
import type { AuditLog } from './audit/auditLog.js';

function base(overrides: Record<string, unknown> = {}): ScenarioInput {
  return {
    name: 'chains',
    horizon: { goals: 2000 },
    skills: ['work'],
    population: [
      { name: 'good', kind: 'ai', family: 'g', count: 20, capacity: 2, skills: { work: { level: 0.8, reliability: 0.95 } } },
      { name: 'bad', kind: 'ai', family: 'b', behaviour: 'saboteur', count: 5, capacity: 2, skills: { work: { level: 0.8, reliability: 0.95 } } },
    ],
    arrivals: { process: 'poisson', rate: 3 },
    goals: [{ name: 'g', skill: 'work', characteristics: { duration: { dist: 'exponential', mean: 3 }, complexity: 0.8, criticality: 0.5 } }],
    ...overrides,
  } as ScenarioInput;
}

const metrics = (input: ScenarioInput, policy = 'random', seed = 1) => simulate(parseScenario(input), { policy, seed }).metrics;

describe('permissions', () => {
  it('simulate runs skills named like Object.prototype members with permissions on', () => {
    // chains.ts looked up permissions.needs[skill] on a plain object: `toString` found the inherited function.
    const skills = ['toString', 'hasOwnProperty', 'valueOf'];
    const input = base({
      skills,
      population: [{ name: 'p', kind: 'ai', count: 10, capacity: 2, skills: Object.fromEntries(skills.map((k) => [k, {}])) }],
      goals: skills.map((skill) => ({ name: skill, skill, characteristics: { duration: 1 } })),
      horizon: { goals: 50 },
      permissions: { enabled: true, needs: { valueOf: ['data:read'] } },
    });
    expect(metrics(input).goalsArrived).toBe(50);
  });

  it('simulate with attenuation gives compromised agents a smaller blast radius and blocks their misuse', () => {
    const run = (mode: 'attenuate' | 'pass-through') =>
      metrics(base({ permissions: { enabled: true, mode, misuseRate: 0.5 }, chains: { probability: 0.5, maxDepth: 3 } }));
    const attenuated = run('attenuate');
    const passThrough = run('pass-through');
    expect(attenuated.tokensIssued).toBeGreaterThan(1000);
    expect(attenuated.meanOverPrivilege).toBe(0);
    expect(passThrough.meanOverPrivilege).toBeGreaterThan(0);
    expect(attenuated.meanBlastRadius).toBeLessThan(passThrough.meanBlastRadius!);
    expect(attenuated.violationsUnblocked).toBe(0);
    expect(attenuated.violationsBlocked).toBeGreaterThan(50);
    expect(passThrough.violationsBlocked).toBe(0);
    expect(passThrough.violationsUnblocked).toBeGreaterThan(50);
  });

  it('simulate trips the circuit breaker on agents whose trust collapses', () => {
    const m = metrics(
      base({
        population: [
          { name: 'good', kind: 'ai', count: 10, capacity: 2, skills: { work: { reliability: 0.97 } } },
          { name: 'flaky', kind: 'ai', count: 5, capacity: 2, skills: { work: { reliability: 0.2 } } },
        ],
        permissions: { enabled: true, circuitBreaker: 0.5 },
        trust: { reputationWeight: 0 },
      }),
    );
    expect(m.breakerTrips).toBeGreaterThan(0);
    expect(m.tokensRevoked).toBeGreaterThanOrEqual(m.breakerTrips!);
  });

  it('simulate with the circuit breaker on lets fewer misuses through and does less adversary damage, paired by seed', () => {
    // Revoking alone did nothing: the next delegation issued the tripped agent a
    // fresh pass-through token and its misuse went through as before.
    const run = (circuitBreaker: number, seed: number) =>
      metrics(
        base({
          horizon: { goals: 1500 },
          population: [
            { name: 'good', kind: 'ai', family: 'g', count: 20, capacity: 2, skills: { work: { level: 0.8, reliability: 0.95 } } },
            { name: 'bad', kind: 'ai', family: 'b', behaviour: 'saboteur', count: 5, capacity: 2, skills: { work: { level: 0.8, reliability: 0.5 } } },
          ],
          permissions: { enabled: true, mode: 'pass-through', misuseRate: 0.5, circuitBreaker },
          chains: { probability: 0.5, maxDepth: 3 },
          trust: { reputationWeight: 0 },
        }),
        'trust-aware',
        seed,
      );
    for (const seed of [1, 2, 3]) {
      const off = run(0, seed);
      const on = run(0.7, seed);
      expect(off.violationsUnblocked).toBeGreaterThan(80);
      expect(on.breakerTrips).toBeGreaterThan(0);
      // Measured: 143/144/126 unblocked off, 30/55/30 on; damage 5,225/5,250/4,400 off, 2,400/3,025/2,000 on.
      // The breaker acts on the delegator's trust in the agent it chose: a saboteur hidden down a chain is
      // cut off only when its delegatee's trust falls (its tokens derive from the delegatee's). When trust
      // still learned about the executor (the old rule) it caught them directly: 122/115/113 off, 5/7/11 on.
      expect(on.violationsUnblocked).toBeLessThan(off.violationsUnblocked! / 2);
      expect(on.violationsBlocked).toBeGreaterThan(off.violationsBlocked! + 50);
      expect(on.adversaryDamage).toBeLessThan(off.adversaryDamage! * 0.6);
      expect(on.meanBlastRadius).toBeLessThan(off.meanBlastRadius! / 2);
    }
  });
});

describe('circuit breaker rule', () => {
  // Two honest agents and a saboteur that always tries a misuse; chains hop once when asked.
  const setup = (probability: number) => {
    const scenario = parseScenario(
      base({
        population: [
          { name: 'good', kind: 'ai', count: 2, capacity: 2, skills: { work: {} } },
          { name: 'bad', kind: 'ai', behaviour: 'saboteur', count: 1, capacity: 2, skills: { work: {} } },
        ],
        permissions: { enabled: true, mode: 'pass-through', misuseRate: 1, circuitBreaker: 0.5 },
        chains: { probability, maxDepth: 2, coarseAbove: 0, garble: 0 },
      }),
    );
    const agents = new AgentTable(scenario, createStream(1, 'population'));
    const chains = new Chains(scenario, agents, createStream(1, 'chains'));
    return { agents, chains };
  };
  const delegate = (chains: Chains, a: number, next = -1) => ({ ...chains.delegate(0, a, 0, 0.5, 0.1, 0, () => next, () => {}) });

  it('trips below the threshold, refuses new tokens while tripped, and re-arms when trust recovers', () => {
    const { agents, chains } = setup(0);
    const slot = agents.skillSlot(0, 0);
    const first = delegate(chains, 0).permit;
    expect(first).toBeGreaterThanOrEqual(0);
    expect(chains.checkBreaker(0, slot, 0.6)).toBe(0); // trust above the threshold: nothing happens
    expect(chains.checkBreaker(0, slot, 0.3)).toBe(1); // trips: the token it held is revoked
    expect(chains.tokens!.isLive(first, 0)).toBe(false);
    expect(chains.isTripped(slot)).toBe(true);
    const issued = chains.counters.tokensIssued;
    expect(delegate(chains, 0).permit).toBe(-1); // no fresh token while tripped
    expect(chains.counters.tokensIssued).toBe(issued);
    expect(delegate(chains, 1).permit).toBeGreaterThanOrEqual(0); // other agents are unaffected
    expect(chains.checkBreaker(0, slot, 0.2)).toBe(0); // still down: not a second trip
    expect(chains.counters.breakerTrips).toBe(1);
    chains.rearm(slot, 0.45); // a success, trust still below: stays tripped
    expect(delegate(chains, 0).permit).toBe(-1);
    chains.rearm(slot, 0.5); // trust back at the threshold: re-armed
    expect(chains.isTripped(slot)).toBe(false);
    expect(delegate(chains, 0).permit).toBeGreaterThanOrEqual(0);
    expect(chains.checkBreaker(0, slot, 0.4)).toBeGreaterThan(0); // trips again
    expect(chains.checkBreaker(0, slot, 0.55)).toBe(0); // a failure that leaves trust above re-arms too
    expect(chains.isTripped(slot)).toBe(false);
    expect(chains.counters.breakerTrips).toBe(2);
    chains.rearm(agents.skillSlot(1, 0), 0.1); // a success never trips, even below the threshold
    expect(chains.isTripped(agents.skillSlot(1, 0))).toBe(false);
  });

  it('blocks a tripped compromised agent’s misuse, and nobody down its chain gets a token', () => {
    const { agents, chains } = setup(1);
    const bad = 2;
    expect(delegate(chains, bad).misuseHarm).toBeGreaterThan(0); // pass-through: the misuse gets through
    chains.checkBreaker(bad, agents.skillSlot(bad, 0), 0);
    const blocked = chains.counters.misuseBlocked;
    const d = delegate(chains, bad);
    expect(d.permit).toBe(-1);
    expect(d.misuseHarm).toBe(0);
    expect(chains.counters.misuseBlocked).toBe(blocked + 1);
    expect(delegate(chains, bad, 0)).toMatchObject({ executor: 0, depth: 2, permit: -1 }); // it can pass on only what it holds: nothing
    expect(delegate(chains, 0, bad)).toMatchObject({ executor: bad, depth: 2, permit: -1, misuseHarm: 0 }); // a hop to it is refused too
    expect(delegate(chains, 0, 1).permit).toBeGreaterThanOrEqual(0);
  });
});

describe('chains', () => {
  it('simulate with a liability firebreak leaves no failure of chained work unattributable', () => {
    const run = (firebreak: 'none' | 'liability' | 'reauthorize') =>
      metrics(base({ chains: { probability: 0.7, maxDepth: 4, firebreakDepth: 2, firebreak, garble: 0.2 } }));
    const none = run('none');
    const liable = run('liability');
    const reauth = run('reauthorize');
    expect(none.chainedTasks).toBeGreaterThan(500);
    expect(none.maxChainDepth).toBe(4);
    expect(none.unattributableFailures).toBeGreaterThan(0);
    expect(liable.unattributableFailures).toBe(0);
    expect(reauth.unattributableFailures).toBe(0);
    expect(reauth.reauthorisations).toBeGreaterThan(0);
    expect(reauth.meanMakespan).toBeGreaterThan(liable.meanMakespan!);
  });

  it('simulate turns unchallenged garbled intent into defects, and challenges prevent them', () => {
    const run = (challenge: number) => metrics(base({ chains: { probability: 0.7, garble: 0.5, challenge } }));
    const never = run(0);
    const always = run(1);
    expect(never.garbledIntents).toBeGreaterThan(200);
    expect(always.garbledIntents).toBe(0);
    expect(always.challenges).toBeGreaterThan(200);
    expect(never.goalsDefective).toBeGreaterThan(always.goalsDefective!);
  });
});

describe('markets', () => {
  const market = (policy: string, goals = 3000, rate = 4, agents = 30) =>
    simulate(
      parseScenario({
        ...base({
          horizon: { goals },
          arrivals: { process: 'poisson', rate },
          population: [
            { name: 'honest', kind: 'ai', count: agents, capacity: 2, pricePerMinute: 0.5, skills: { work: { level: 0.7, reliability: 0.95 } } },
            { name: 'liars', kind: 'ai', behaviour: 'overconfident', count: agents / 2, capacity: 2, pricePerMinute: 0.4, skills: { work: { level: 0.7, reliability: 0.55 } } },
          ],
          market: { orchestratorRate: 10 },
        }),
      } as ScenarioInput),
      { policy, seed: 2 },
    );

  it('simulate makes strategic liars lose market share under contract-net as evidence accumulates', () => {
    const { metrics: m } = market('contract-net');
    expect(m.awards).toBeGreaterThan(2000);
    // (the series is checked through the world in the explorer; here the run-level share is below the liars' headcount share)
    expect(m.liarAwardShare).toBeLessThan(1 / 3);
    expect(m.defaults).toBeGreaterThan(0);
    expect(m.defaulterPayments).toBeGreaterThanOrEqual(0);
  });

  it('simulate shows the centralized registry bottleneck that contract-net avoids as load grows', () => {
    const small = (p: string) => market(p, 1500, 4, 30).metrics.meanWait!;
    const large = (p: string) => market(p, 1500, 16, 120).metrics.meanWait!;
    expect(large('registry')).toBeGreaterThan(small('registry') * 3);
    expect(large('contract-net')).toBeLessThan(small('contract-net') * 2);
  });
});

describe('audit log of a run', () => {
  it('simulate --audit writes a chain that verifies, and an edited record is caught', () => {
    const dir = mkdtempSync(join(tmpdir(), 'delegsim-audit-'));
    const file = join(dir, 'audit.jsonl');
    const log = openAuditFile(file);
    simulate(parseScenario(base({ chains: { probability: 0.5 }, horizon: { goals: 300 } })), { policy: 'random', seed: 3, audit: log });
    log.close();
    const ok = verifyAuditFile(file);
    expect(ok.ok).toBe(true);
    expect(ok.records).toBeGreaterThan(600);
    const lines = readFileSync(file, 'utf8').split('\n');
    lines[100] = lines[100]!.replace(/"delegatee":(\d+)/, (_m, d) => `"delegatee":${Number(d) + 1}`);
    writeFileSync(file, lines.join('\n'));
    const bad = verifyAuditFile(file);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.line).toBe(101);
  });
});

describe('trust along a chain', () => {
  // A → B → C: one reliable hub (agent 0, reliability 1) that the delegator always picks (static-skill,
  // ties to the lower id, every agent on the shortlist) and that hands every task on to one of ten
  // unreliable agents (reliability 0.3). Without retries (retryLimit 0) the delegator never picks one
  // of them itself. 500 goals, 1 a minute, seed 1.
  const hubAndFlaky = (extra: Record<string, unknown> = {}) =>
    parseScenario(
      base({
        horizon: { goals: 500 },
        population: [
          { name: 'hub', kind: 'ai', count: 1, capacity: 50, skills: { work: { level: 1, reliability: 1 } } },
          { name: 'flaky', kind: 'ai', count: 10, capacity: 1, skills: { work: { level: 1, reliability: 0.3 } } },
        ],
        arrivals: { process: 'poisson', rate: 1 },
        goals: [{ name: 'g', skill: 'work', characteristics: { duration: 1, complexity: 0.8, criticality: 0.5, reversibility: 1 } }],
        chains: { probability: 1, maxDepth: 2, coarseAbove: 0, garble: 0 },
        assignment: { retryLimit: 0 },
        ...extra,
      }),
    );

  it('the delegator learns about the agent it chose, which answers for its sub-delegate; the sub-delegate it never saw keeps no record', () => {
    // The old rule put every chained outcome on C: the hub's trust stayed at its own (perfect) record
    // and each flaky agent gathered trust and reputation from a delegator that never chose it.
    const world = new World(hubAndFlaky(), { seed: 1, policy: 'static-skill' });
    world.run();
    const m = summarize(world).metrics;
    expect(m.chainedTasks).toBeGreaterThan(400);
    const hub = world.agents.skillSlot(0, 0);
    expect(world.reputation.count(hub)).toBeGreaterThan(450); // every outcome, chained or not, is the hub's
    expect(world.trust.mean(0, hub, world.sim.now)).toBeLessThan(0.5); // what it delivered (measured 0.35; 0.67 before)
    expect(world.reputation.mean(hub)).toBeLessThan(0.5); // measured 0.34
    for (let a = 1; a <= 10; a++) {
      const k = world.agents.skillSlot(a, 0);
      expect(world.reputation.count(k)).toBe(0);
      expect(world.trust.observations(0, k)).toBe(0);
    }
    // The flaky agents did work, so they count as bad identities, and nobody identified them: no
    // delegator saw them (the old rule identified all ten from observations it could not have made).
    expect(m.badAgents).toBe(10);
    expect(m.badAgentsIdentified).toBe(0);
  });

  it('the circuit breaker trips on the delegatee whose trust fell, and revokes its tokens down the chain', () => {
    // The same chain with tokens and a breaker at 0.5: every trip is the hub's (the old rule tripped
    // the flaky executors, whose trust the delegator had no business holding).
    const tripped: number[] = [];
    const probe: AuditLog = {
      enabled: true,
      record(_time, _delegator, delegatee, _task, _goal, _token, reason) {
        if (reason === AuditReason.CircuitBreaker) tripped.push(delegatee);
        return -1;
      },
      flush() {},
      close() {},
    };
    const world = new World(hubAndFlaky({ permissions: { enabled: true, circuitBreaker: 0.5 } }), { seed: 1, policy: 'static-skill', audit: probe });
    world.run();
    expect(tripped.length).toBeGreaterThan(0);
    expect(new Set(tripped)).toEqual(new Set([0]));
    expect(summarize(world).metrics.tokensRevoked).toBeGreaterThan(0);
  });
});

import { describe, expect, it } from 'vitest';
import { ScenarioError } from './errors.js';
import { parseScenario } from './parse.js';
import { MAX_GOALS } from './schema.js';
import { policyNames } from '../policies/registry.js';

/** The canonical example: an M/M/c queue (10 servers, λ = 9, μ = 1). */
const MMC = {
  name: 'mmc',
  horizon: { goals: 1000000, warmupGoals: 10000 },
  skills: ['work'],
  population: [{ name: 'server', kind: 'ai', count: 10, capacity: 1, skills: { work: {} } }],
  arrivals: { process: 'poisson', rate: 9 },
  goals: [{ name: 'job', skill: 'work', characteristics: { duration: { dist: 'exponential', mean: 1 } } }],
  policy: 'fifo',
};

type Json = Record<string, any>;
const mmc = (edit: (s: Json) => void = () => {}): Json => {
  const s = structuredClone(MMC) as Json;
  edit(s);
  return s;
};

describe('parseScenario', () => {
  it('parseScenario fills every default of the minimal M/M/c scenario', () => {
    const s = parseScenario(JSON.stringify(MMC));
    // The mechanism sections are all defaulted (and switched off where that is the default).
    expect(s.trust).toMatchObject({ delegators: 1, prior: { alpha: 2, beta: 1 }, damping: 1 });
    expect(s.monitoring).toMatchObject({ target: 'outcome', cadence: 'periodic' });
    expect(s.verification).toMatchObject({ policy: 'none', method: 'inspection' });
    expect(s.settlement).toMatchObject({ mode: 'escrow' });
    expect(s.adaptation).toMatchObject({ enabled: true, cooldown: 0 });
    expect(s.costs).toEqual({ lossPerCriticality: 100 });
    expect(s.oversight).toMatchObject({ mode: 'none', reserveShare: 0 });
    expect(s.chains).toMatchObject({ probability: 0 });
    expect(s.permissions).toMatchObject({ enabled: false });
    const { trust, monitoring, verification, settlement, adaptation, costs, adversaries, oversight, market, chains, permissions, ...core } = s;
    expect(core).toEqual({
      name: 'mmc',
      seed: 1,
      horizon: { goals: 1000000, warmupGoals: 10000 },
      skills: ['work'],
      population: [
        {
          name: 'server', kind: 'ai', count: 10, capacity: 1, family: 'server', speed: 1, pricePerMinute: 0,
          behaviour: 'honest', skills: { work: { level: 1, reliability: 1 } },
        },
      ],
      arrivals: { process: 'poisson', rate: 9 },
      goals: [
        {
          name: 'job', weight: 1, skill: 'work', subtaskSkills: ['work'],
          characteristics: {
            duration: { dist: 'exponential', mean: 1 }, complexity: 0, criticality: 0, uncertainty: 0,
            verifiability: 1, reversibility: 1, contextuality: 0, subjectivity: 0, cost: 0,
          },
        },
      ],
      decomposition: { strategy: 'none' },
      assignment: { shortlist: 16, retryLimit: 3 },
      execution: { noise: 0.5, complexityWork: 1, timeoutFactor: 4, stallProbability: 0 },
      cascade: { contamination: 0.5 },
      failures: [],
      policy: 'fifo',
      policyParams: {},
      record: {},
    });
  });

  it('parseScenario accepts data as well as text and never mutates it', () => {
    const data = mmc();
    const before = structuredClone(data);
    const s = parseScenario(data, { overrides: ['arrivals.rate=8'] });
    expect(s.arrivals).toEqual({ process: 'poisson', rate: 8 });
    expect(data).toEqual(before);
  });

  it('parseScenario fills defaults of nested variants and keeps step overrides partial', () => {
    const s = parseScenario(
      mmc((x) => {
        x.$schema = './scenario.schema.json';
        x.decomposition = { strategy: 'contract-first', verifiabilityThreshold: 0.8 };
        x.goals[0].steps = [
          { name: 'draft', skill: 'work' },
          { name: 'review', skill: 'work', dependsOn: ['draft'], characteristics: { criticality: 0.9 } },
        ];
        x.failures = [{ type: 'degradation', every: 100, lasts: 10, reliabilityFactor: 0.5 }];
        x.arrivals = { process: 'schedule', segments: [{ until: 60, rate: 0 }, { until: 120, rate: 3 }] };
      }),
    );
    expect(s.decomposition).toEqual({
      strategy: 'contract-first', verifiabilityThreshold: 0.8, fanOut: 2, maxDepth: 3, verifiabilityGain: 0.5, overheadCost: 1,
    });
    expect(s.goals[0]?.steps).toEqual([
      { name: 'draft', skill: 'work', dependsOn: [], characteristics: {} },
      { name: 'review', skill: 'work', dependsOn: ['draft'], characteristics: { criticality: 0.9 } },
    ]);
    expect(s.failures).toEqual([{ type: 'degradation', every: 100, lasts: 10, reliabilityFactor: 0.5, speedFactor: 1 }]);
    expect(s.arrivals).toMatchObject({ process: 'schedule', repeat: false });
  });

  it('parseScenario accepts every distribution whose support fits the field', () => {
    const dists = [
      0.5,
      { dist: 'constant', value: 1 },
      { dist: 'uniform', min: 0, max: 1 },
      { dist: 'normal', mean: 0.5, sd: 2 },
      { dist: 'lognormal', mu: 0, sigma: 1 },
      { dist: 'exponential', mean: 3 },
      { dist: 'gamma', shape: 2, scale: 1 },
      { dist: 'beta', alpha: 2, beta: 5 },
      { dist: 'bernoulli', p: 0.1 },
      { dist: 'poisson', mean: 0 },
      { dist: 'choice', values: [0, 0.5, 1], weights: [1, 0, 2] },
      { dist: 'empirical', values: [0.1, 0.9] },
    ];
    for (const d of dists) {
      const s = parseScenario(mmc((x) => (x.goals[0].characteristics.criticality = d)));
      expect(s.goals[0]?.characteristics.criticality).toEqual(d);
    }
  });

  // Each case: a scenario (text, data, or an edit of the M/M/c example), the
  // path the one-line message must start with, and the rule it must state.
  const cases: { name: string; input?: unknown; edit?: (s: Json) => void; set?: string[]; path: string; rule: RegExp }[] = [
    { name: 'bad JSON', input: '{"name": "x",', path: 'scenario: invalid JSON', rule: /JSON/ },
    { name: 'trailing garbage', input: `${JSON.stringify(MMC)} }`, path: 'scenario: invalid JSON', rule: /line 1 column/ },
    { name: 'non-object root: array', input: '[1, 2]', path: 'scenario', rule: /must be an object, got \[1,2\]$/ },
    { name: 'non-object root: number', input: 42, path: 'scenario', rule: /must be an object, got 42$/ },
    { name: 'non-object root: null', input: 'null', path: 'scenario', rule: /must be an object, got null$/ },
    { name: 'string for count', edit: (s) => (s.population[0].count = 'ten'), path: 'population[0].count', rule: /must be an integer, got "ten"$/ },
    { name: 'string for horizon.goals', edit: (s) => (s.horizon.goals = 'ten'), path: 'horizon.goals', rule: /must be an integer, got "ten"$/ },
    { name: 'negative rate', edit: (s) => (s.arrivals.rate = -1), path: 'arrivals.rate', rule: /must be greater than 0, got -1$/ },
    { name: 'zero rate', edit: (s) => (s.arrivals.rate = 0), path: 'arrivals.rate', rule: /must be greater than 0, got 0$/ },
    { name: 'NaN via --set', set: ['arrivals.rate=NaN'], path: 'arrivals.rate', rule: /must be a number, got "NaN"$/ },
    { name: 'huge number parsing to Infinity', input: JSON.stringify(MMC).replace('"rate":9', '"rate":1e400'), path: 'arrivals.rate', rule: /must be a finite number, got Infinity$/ },
    { name: 'criticality above 1', edit: (s) => (s.goals[0].characteristics.criticality = 1.5), path: 'goals[0].characteristics.criticality', rule: /must be in \[0, 1\], got 1\.5$/ },
    { name: 'bernoulli p above 1', edit: (s) => (s.goals[0].characteristics.uncertainty = { dist: 'bernoulli', p: 2 }), path: 'goals[0].characteristics.uncertainty.p', rule: /must be in \[0, 1\], got 2$/ },
    { name: 'reliability above 1', set: ['population.0.skills.work.reliability=1.01'], path: 'population[0].skills.work.reliability', rule: /must be in \[0, 1\], got 1\.01$/ },
    { name: 'constant outside the domain', edit: (s) => (s.goals[0].characteristics.criticality = { dist: 'constant', value: -0.5 }), path: 'goals[0].characteristics.criticality.value', rule: /must be in \[0, 1\], got -0\.5$/ },
    { name: 'zero duration', edit: (s) => (s.goals[0].characteristics.duration = 0), path: 'goals[0].characteristics.duration', rule: /must be greater than 0, got 0$/ },
    { name: 'no population', edit: (s) => delete s.population, path: 'population', rule: /^population: required$/ },
    { name: 'no arrivals', edit: (s) => delete s.arrivals, path: 'arrivals', rule: /^arrivals: required$/ },
    { name: 'no goals', edit: (s) => delete s.goals, path: 'goals', rule: /^goals: required$/ },
    { name: 'goal without duration', edit: (s) => delete s.goals[0].characteristics.duration, path: 'goals[0].characteristics.duration', rule: /: required$/ },
    { name: 'empty population', edit: (s) => (s.population = []), path: 'population', rule: /must list at least one agent group, got \[\]$/ },
    { name: 'unknown key at root', edit: (s) => (s.colour = 'red'), path: 'colour', rule: /unknown key \(allowed: \$schema, name, .*record\)$/ },
    { name: 'unknown key nested', edit: (s) => (s.population[0].colour = 'red'), path: 'population[0].colour', rule: /unknown key \(allowed: name, kind, count, /},
    { name: 'unknown key in a dist', edit: (s) => (s.goals[0].characteristics.duration = { dist: 'normal', mean: 1, sd: 1, foo: 1 }), path: 'goals[0].characteristics.duration.foo', rule: /unknown key \(allowed: dist, mean, sd\)$/ },
    { name: '__proto__ at root', input: '{"__proto__": {"polluted": true}, "name": "x"}', path: '__proto__', rule: /: forbidden key$/ },
    { name: '__proto__ nested', input: JSON.stringify(MMC).replace('"count":10', '"__proto__":{},"count":10'), path: 'population[0].__proto__', rule: /: forbidden key$/ },
    { name: 'constructor key', edit: (s) => (s.horizon.constructor = 1), path: 'horizon.constructor', rule: /: forbidden key$/ },
    { name: 'count 10^12', edit: (s) => (s.population[0].count = 1e12), path: 'population[0].count', rule: /must be at most 10000000, got 1000000000000$/ },
    { name: 'total count above 10M', edit: (s) => (s.population = [0, 1, 2].map((i) => ({ ...s.population[0], name: `g${i}`, count: 4e6 }))), path: 'population', rule: /total count must be at most 10000000, got 12000000$/ },
    { name: 'count 0', edit: (s) => (s.population[0].count = 0), path: 'population[0].count', rule: /must be a positive integer, got 0$/ },
    { name: 'count -3', edit: (s) => (s.population[0].count = -3), path: 'population[0].count', rule: /must be a positive integer, got -3$/ },
    { name: 'non-integer count', edit: (s) => (s.population[0].count = 2.5), path: 'population[0].count', rule: /must be an integer, got 2\.5$/ },
    { name: 'duplicate group names', edit: (s) => s.population.push({ ...s.population[0] }), path: 'population[1].name', rule: /duplicate group name, got "server"$/ },
    { name: 'undeclared skill', edit: (s) => (s.goals[0].skill = 'legal'), path: 'goals[0].skill', rule: /skill 'legal' is not declared in skills \(work\)$/ },
    { name: 'skill no agent has', edit: (s) => { s.skills.push('legal'); s.goals[0].skill = 'legal'; }, path: 'goals[0].skill', rule: /no agent in population has skill 'legal'$/ },
    { name: 'subtask skill no agent has', edit: (s) => { s.skills.push('legal'); s.goals[0].subtaskSkills = ['work', 'legal']; }, path: 'goals[0].subtaskSkills[1]', rule: /no agent in population has skill 'legal'$/ },
    { name: 'unknown dist name', edit: (s) => (s.goals[0].characteristics.duration = { dist: 'weibull', k: 1 }), path: 'goals[0].characteristics.duration.dist', rule: /must be one of constant, uniform, .*, empirical, got "weibull"$/ },
    { name: 'dist of wrong type', edit: (s) => (s.goals[0].characteristics.duration = 'long'), path: 'goals[0].characteristics.duration', rule: /must be a number greater than 0 or a distribution object/ },
    { name: 'uniform min > max', edit: (s) => (s.goals[0].characteristics.duration = { dist: 'uniform', min: 5, max: 2 }), path: 'goals[0].characteristics.duration.max', rule: /must be at least min \(5\), got 2$/ },
    { name: 'choice weights length mismatch', edit: (s) => (s.goals[0].characteristics.duration = { dist: 'choice', values: [1, 2, 3], weights: [1, 1] }), path: 'goals[0].characteristics.duration.weights', rule: /must have one weight per value \(3\), got 2$/ },
    { name: 'schedule segments not increasing', edit: (s) => (s.arrivals = { process: 'schedule', segments: [{ until: 10, rate: 1 }, { until: 10, rate: 2 }] }), path: 'arrivals.segments[1].until', rule: /must be greater than the previous segment's until \(10\), got 10$/ },
    { name: 'trace with both file and times', edit: (s) => (s.arrivals = { process: 'trace', file: 'a.csv', times: [1, 2] }), path: 'arrivals', rule: /must set exactly one of file or times$/ },
    { name: 'trace times decreasing', edit: (s) => (s.arrivals = { process: 'trace', times: [1, 3, 2] }), path: 'arrivals.times[2]', rule: /must not be less than the time before it \(3\), got 2$/ },
    { name: 'unknown arrival process', edit: (s) => (s.arrivals.process = 'hawkes'), path: 'arrivals.process', rule: /must be one of poisson, schedule, trace, got "hawkes"$/ },
    {
      name: 'steps with a cycle',
      edit: (s) => (s.goals[0].steps = [
        { name: 'a', skill: 'work', dependsOn: ['c'] },
        { name: 'b', skill: 'work', dependsOn: ['a'] },
        { name: 'c', skill: 'work', dependsOn: ['b'] },
      ]),
      path: 'goals[0].steps',
      rule: /dependency cycle a → b → c → a$/,
    },
    { name: 'step depending on itself', edit: (s) => (s.goals[0].steps = [{ name: 'a', skill: 'work', dependsOn: ['a'] }]), path: 'goals[0].steps[0].dependsOn[0]', rule: /step 'a' depends on itself$/ },
    { name: 'step with unknown dependency', edit: (s) => (s.goals[0].steps = [{ name: 'a', skill: 'work' }, { name: 'b', skill: 'work', dependsOn: ['x'] }]), path: 'goals[0].steps[1].dependsOn[0]', rule: /unknown step 'x' \(steps: a, b\)$/ },
    { name: 'fanOut^depth too large', edit: (s) => (s.decomposition = { strategy: 'fixed', fanOut: 8, depth: 5 }), path: 'decomposition', rule: /fanOut\^depth must be at most 4096 leaves per goal, got 8\^5 = 32768$/ },
    { name: 'fanOut^maxDepth too large by default depth', edit: (s) => (s.decomposition = { strategy: 'contract-first', verifiabilityThreshold: 0.9, fanOut: 32 }), path: 'decomposition', rule: /fanOut\^maxDepth .* got 32\^3 = 32768$/ },
    { name: 'failure aimed at unknown family', edit: (s) => (s.failures = [{ type: 'crash', mtbf: 100, mttr: 1 }, { type: 'family-shock', family: 'gemini', at: 5, lasts: 10 }]), path: 'failures[1].family', rule: /unknown family 'gemini' \(families: server\)$/ },
    { name: 'failure target unknown group', edit: (s) => (s.failures = [{ type: 'crash', target: { group: 'x' }, mtbf: 100, mttr: 1 }]), path: 'failures[0].target.group', rule: /unknown group 'x' \(groups: server\)$/ },
    { name: 'failure with both at and every', edit: (s) => (s.failures = [{ type: 'outage', skill: 'work', at: 1, every: 2, lasts: 3 }]), path: 'failures[0]', rule: /must set exactly one of at or every$/ },
    { name: 'horizon with neither goals nor minutes', edit: (s) => (s.horizon = { warmupGoals: 0 }), path: 'horizon', rule: /must set goals or minutes \(or both\)$/ },
    { name: 'warmupGoals >= goals', edit: (s) => (s.horizon.warmupGoals = 1000000), path: 'horizon.warmupGoals', rule: /must be less than horizon.goals \(1000000\), got 1000000$/ },
    { name: 'bad skill identifier', edit: (s) => s.skills.push('9lives'), path: 'skills[1]', rule: /must start with a letter/ },
    { name: 'unknown behaviour', edit: (s) => (s.population[0].behaviour = 'liar'), path: 'population[0].behaviour', rule: /must be one of honest, overconfident, farmer, shirker, saboteur, backdoor, subverter, exhauster, colluder, sybil, got "liar"$/ },
    { name: 'farmUntil negative', edit: (s) => (s.adversaries = { farmUntil: -1 }), path: 'adversaries.farmUntil', rule: /must be a non-negative integer, got -1$/ },
    { name: 'farmUntil not an integer', set: ['adversaries.farmUntil=2.5'], path: 'adversaries.farmUntil', rule: /must be an integer, got 2\.5$/ },
    { name: 'farmEasyMax above 1', edit: (s) => (s.adversaries = { farmEasyMax: 1.5 }), path: 'adversaries.farmEasyMax', rule: /must be in \[0, 1\], got 1\.5$/ },
    { name: 'misspelt adversary parameter', edit: (s) => (s.adversaries = { farmUnitl: 5 }), path: 'adversaries.farmUnitl', rule: /unknown key \(allowed: shirkFactor, .*, farmUntil, farmEasyMax\)$/ },
    { name: 'name too long', edit: (s) => (s.name = 'x'.repeat(81)), path: 'name', rule: /must be at most 80 characters long, got "x{58}…$/ },
    // Policies and their declared parameters (validated here, not when a run starts).
    { name: 'unknown policy', edit: (s) => (s.policy = 'nope'), path: 'policy', rule: /must be one of cheapest, .*, trust-aware, got "nope"$/ },
    { name: 'unknown exploration', edit: (s) => { s.policy = 'trust-aware'; s.policyParams = { exploration: 'bogus' }; }, path: 'policyParams.exploration', rule: /: must be one of thompson, ucb, greedy, got "bogus"$/ },
    { name: 'unknown award', edit: (s) => { s.policy = 'contract-net'; s.policyParams = { award: 'bogus' }; }, path: 'policyParams.award', rule: /: must be one of expected-utility, lowest-price, second-price, got "bogus"$/ },
    { name: 'misspelt policy parameter', edit: (s) => { s.policy = 'trust-aware'; s.policyParams = { explortion: 'ucb' }; }, path: 'policyParams.explortion', rule: /: unknown parameter of trust-aware \(parameters: exploration, ucbC, .*\) or of any other policy, got "ucb"$/ },
    { name: 'policy parameter of the wrong type', edit: (s) => { s.policy = 'trust-aware'; s.policyParams = { ucbC: 'lots' }; }, path: 'policyParams.ucbC', rule: /: must be a number, got "lots"$/ },
    { name: 'policy parameter out of range', edit: (s) => { s.policy = 'intelligent'; s.policyParams = { diversityCap: -5 }; }, path: 'policyParams.diversityCap', rule: /: must be in \[0, 1\], got -5$/ },
    { name: 'graduatedAuthority not a boolean', edit: (s) => { s.policy = 'intelligent'; s.policyParams = { graduatedAuthority: 'no' }; }, path: 'policyParams.graduatedAuthority', rule: /: must be true or false, got "no"$/ },
    // Permission scopes and resources.
    { name: 'scope without an operation', edit: (s) => (s.permissions = { enabled: true, needs: { work: ['nonsense'] } }), path: 'permissions.needs.work[0]', rule: /: must be 'resource:operation' .*, got "nonsense"$/ },
    { name: 'scope with an unknown operation', edit: (s) => (s.permissions = { enabled: true, needs: { work: ['data:fly'] } }), path: 'permissions.needs.work[0]', rule: /: unknown operation 'fly' \(operations: read, write, execute, delegate, \*\), got "data:fly"$/ },
    { name: 'scope with an unknown resource', edit: (s) => (s.permissions = { enabled: true, needs: { work: ['data:read', 'nowhere:read'] } }), path: 'permissions.needs.work[1]', rule: /: unknown resource 'nowhere' \(resources: data, code, docs, payments, email\), got "nowhere:read"$/ },
    { name: 'needs of an undeclared skill', edit: (s) => (s.permissions = { enabled: true, needs: { nope: ['data:read'] } }), path: 'permissions.needs.nope', rule: /: skill 'nope' is not declared in skills \(work\)$/ },
    { name: 'duplicate resource', edit: (s) => (s.permissions = { enabled: true, resources: ['a', 'a'] }), path: 'permissions.resources[1]', rule: /: duplicate resource, got "a"$/ },
    { name: 'resource with a colon', edit: (s) => (s.permissions = { enabled: true, resources: ['a:b'] }), path: 'permissions.resources[0]', rule: /: must start with a letter .*, got "a:b"$/ },
    // Sizes that only overflow in combination, and an endless horizon.
    {
      name: 'agent-skill slots × delegators beyond the trust arrays',
      edit: (s) => {
        s.skills = ['work', 'other'];
        s.population[0] = { ...s.population[0], count: 1e7, skills: { work: {}, other: {} } };
        s.trust = { delegators: 64 };
      },
      path: 'scenario',
      rule: /: agent-skill slots \(population counts × skills held\) × \(2 \+ 4 × trust\.delegators\) must be at most 268435456 trust values, got 20000000 × 258 = 5160000000$/,
    },
    { name: 'agents × capacity beyond the running-task slots', edit: (s) => (s.population[0] = { ...s.population[0], count: 1e7, capacity: 1000 }), path: 'population', rule: /: agents × capacity must be at most 268435456 task slots, got 10000000000$/ },
    {
      name: 'agents × targeted failures beyond their arrays',
      edit: (s) => {
        s.population[0].count = 1e7;
        s.failures = Array.from({ length: 30 }, () => ({ type: 'crash', mtbf: 100, mttr: 1 }));
      },
      path: 'failures',
      rule: /: agents × failure processes that target agents must be at most 268435456, got 10000000 × 30 = 300000000$/,
    },
    { name: 'horizon.minutes of 10^15 at 9 goals per minute', edit: (s) => (s.horizon = { minutes: 1e15 }), path: 'horizon.minutes', rule: /: the goals expected in it \(minutes × arrival rate\) must be at most 100000000, as for horizon\.goals, got 1000000000000000 min → 9000000000000000 goals; .*$/ },
    { name: 'a sample interval that fills memory with time series', edit: (s) => (s.record = { sampleInterval: 1e-6 }), path: 'record.sampleInterval', rule: /: must leave at most 1000000 time-series samples over the ~111111 minutes in which goals arrive, got 0\.000001 min → 111111111112 samples$/ },
    // JSON the parser accepts but a scenario must not contain.
    { name: 'duplicate key hiding an invalid value', input: `{"horizon":{"goals":-5},${JSON.stringify(MMC).slice(1)}`, path: 'horizon', rule: /: duplicate key$/ },
    { name: 'duplicate key written with an escape', input: JSON.stringify(MMC).replace('"policy":"fifo"', '"policy":"fifo","polic\\u0079":"fifo"'), path: 'policy', rule: /: duplicate key$/ },
    { name: 'nesting 100,000 deep', input: `{"description":${'['.repeat(100_000)}${']'.repeat(100_000)}}`, path: 'description[0][0]', rule: /…: nested more than 64 levels deep$/ },
    { name: 'nesting 100,000 deep in a --set value', set: [`description=${'['.repeat(100_000)}${']'.repeat(100_000)}`], path: '--set description', rule: /: nested more than 64 levels deep in the value at \[0\]\[0\].*…$/ },
    { name: 'duplicate key in a --set value', set: ['horizon={"goals":5,"goals":-5}'], path: '--set horizon', rule: /: duplicate key in the value at goals$/ },
  ];

  for (const c of cases) {
    it(`parseScenario rejects ${c.name}`, () => {
      const input = c.input !== undefined ? c.input : mmc(c.edit);
      let error: unknown;
      try {
        parseScenario(input, { overrides: c.set ?? [] });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ScenarioError);
      const message = (error as ScenarioError).message;
      expect(message.split('\n')).toHaveLength(1);
      expect(message).toMatch(new RegExp(`^${escape(c.path)}`));
      expect(message).toMatch(c.rule);
    });
  }

  it('parseScenario accepts what the size and horizon rules allow at their limits', () => {
    // A million-agent world, minutes that expect as many goals as horizon.goals may have, and each
    // policy's parameters whatever the scenario's own policy (a sweep varies them for another one).
    expect(() => parseScenario(mmc((s) => {
      s.population[0].count = 1e6;
      s.trust = { delegators: 16 };
      s.horizon = { minutes: MAX_GOALS / 9 };
      s.policyParams = { diversityCap: 0.4, exploration: 'ucb', award: 'lowest-price' };
    }))).not.toThrow();
  });

  it('parseScenario checks policyParams against the policies given in options.policies', () => {
    const scenario = mmc((s) => (s.policyParams = { diversityCap: 0.4 }));
    expect(() => parseScenario(scenario, { policies: ['intelligent', 'static-skill'] })).not.toThrow();
    expect(() => parseScenario(scenario, { policies: ['fifo', 'random'] })).toThrow(
      /^policyParams\.diversityCap: unknown parameter of fifo and random \(they take none\), got 0\.4$/,
    );
    expect(() => parseScenario(scenario, { policies: ['trust-aware'] })).toThrow(
      /^policyParams\.diversityCap: unknown parameter of trust-aware \(parameters: exploration, ucbC, priceWeight, loadWeight, valueBase\), got 0\.4$/,
    );
    expect(() => parseScenario(scenario, { policies: ['nope'] })).toThrow(/^policy: unknown policy 'nope'/);
  });

  it('parseScenario reports a policyParams key against the policies given, never against the scenario\'s own "or any other"', () => {
    const scenario = mmc((s) => (s.policyParams = { bogus: 1 })); // the scenario's own policy is fifo
    expect(() => parseScenario(scenario)).toThrow(/^policyParams\.bogus: unknown parameter of fifo \(it takes none\) or of any other policy, got 1$/);
    expect(() => parseScenario(scenario, { policies: ['static-skill'] })).toThrow(/^policyParams\.bogus: unknown parameter of static-skill \(it takes none\), got 1$/);
    expect(() => parseScenario(scenario, { policies: (s) => [s.policy] })).toThrow(/^policyParams\.bogus: unknown parameter of fifo \(it takes none\), got 1$/);
    expect(() => parseScenario(scenario, { policies: policyNames() })).toThrow(/^policyParams\.bogus: unknown parameter of any policy \(parameters: .*\), got 1$/);
    // A parameter the given policy does not take is unknown to it, whatever value another policy would allow.
    const other = mmc((s) => (s.policyParams = { diversityCap: 2 }));
    expect(() => parseScenario(other, { policies: ['fifo'] })).toThrow(/^policyParams\.diversityCap: unknown parameter of fifo \(it takes none\), got 2$/);
  });

  it('parseScenario refuses data nested too deep without overflowing the stack', () => {
    let deep: unknown = [];
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(() => parseScenario({ ...MMC, description: deep })).toThrow(/^description\[0\]\[0\].*…: nested more than 64 levels deep$/);
  });

  it('parseScenario names the source in root-level errors', () => {
    expect(() => parseScenario('nope', { source: 'mine.json' })).toThrow(/^mine\.json: invalid JSON: /);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

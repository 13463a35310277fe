// The scenario file format: one zod schema that validates a parsed scenario
// and fills in every default, so the model reads a complete, typed Scenario.
// Units: time in simulated minutes, money in credits, probabilities in [0, 1].
// Every object is strict: a misspelt key is an error, not silently ignored.
import { z } from 'zod';
import { powInt } from '../engine/detMath.js';
import { distSchema } from './dist.js';
import { adaptationSchema, adversariesSchema, chainsSchema, marketSchema, permissionsSchema, monitoringSchema, oversightSchema, settlementSchema, trustSchema, verificationSchema } from './delegationSchema.js';
import { NON_NEGATIVE, POSITIVE, UNIT, identifier, integer, label, nonNegative, numberIn, positive, unit } from './fields.js';
import type { Domain } from './fields.js';
import { policyNames } from '../policies/registry.js';
import { OPERATIONS } from '../model/permissions/scopeMask.js';

/** Agents one scenario may create, summed over all groups. */
export const MAX_AGENTS = 10_000_000;
/** Leaves a decomposition tree may have per goal (fanOut^depth). */
export const MAX_LEAVES = 4096;
/**
 * Goals one run may have: horizon.goals, or the goals expected in
 * horizon.minutes. A run keeps a row per goal (arrival, end, state, cost…) and
 * a wait per task start, for exact makespan quantiles and batch-means
 * intervals: `run mmc` with 10^7 goals peaked at 587 MB against 123 MB with
 * 10^6 (~52 bytes a goal; more with several tasks a goal). 10^8 goals need
 * ~5–10 GB; 10^9, which this was, would have run for half an hour and then
 * run out of memory.
 */
export const MAX_GOALS = 1e8;
/** Time-series samples one run may take (record.sampleInterval over the run's expected span; the default takes ~1,000). */
export const MAX_SAMPLES = 1e6;

// The world allocates typed arrays sized by products of scenario fields
// (sim/model): a slot per agent and skill it holds (agents.ts, freeAgents.ts,
// world.ts, chains.ts: ~50 bytes each), each slot's trust and reputation
// (trust/slotEvidence.ts: 2 + 4 × trust.delegators doubles), a running-task
// slot per unit of capacity (running.ts), and per failure process an array
// over the agents it targets (failures.ts). Each product is bounded so that a
// scenario the validator accepts does not fail to allocate once it runs.
/** Agent-skill slots: Σ population count × skills held. */
export const MAX_SKILL_SLOTS = 2 ** 27;
/** Doubles of trust and reputation: slots × (2 + 4 × trust.delegators) — 2 GiB. */
export const MAX_TRUST_VALUES = 2 ** 28;
/** Running-task slots: Σ population count × capacity — 1 GiB of Int32. */
export const MAX_CAPACITY_SLOTS = 2 ** 28;
/** Agents × failure processes that target agents (one array over the agents each). */
export const MAX_FAILURE_TARGETS = 2 ** 28;

const AT_LEAST_ONE: Domain = { min: 1, max: Infinity };

/** Builds a custom issue whose message already says everything (no ", got …"). */
const complete = (path: (string | number)[], message: string) =>
  ({ code: 'custom', path, message, params: { got: false } }) as const;

/** Flags the second and later items of `items` whose `key` repeats. */
function uniqueBy<T>(items: readonly T[], key: (item: T) => string, field: string, what: string, ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    const k = key(item);
    if (seen.has(k)) ctx.addIssue({ code: 'custom', path: [i, field], message: `duplicate ${what}` });
    seen.add(k);
  });
}

// ---------------------------------------------------------------- horizon

const horizonSchema = z
  .strictObject({
    goals: integer(1, MAX_GOALS).optional().describe('Stop after this many goals have arrived.'),
    minutes: positive().optional().describe('Stop at this simulated time (minutes).'),
    warmupGoals: integer(0).default(0).describe('Goals excluded from the metrics at the start of the run.'),
    maxEvents: integer(1).optional().describe('Safety stop after this many events.'),
  })
  .superRefine((h, ctx) => {
    if (h.goals === undefined && h.minutes === undefined) {
      ctx.addIssue(complete([], 'must set goals or minutes (or both)'));
    } else if (h.goals !== undefined && h.warmupGoals >= h.goals) {
      ctx.addIssue({ code: 'custom', path: ['warmupGoals'], message: `must be less than horizon.goals (${h.goals})` });
    }
  });

// ------------------------------------------------------------- population

const BEHAVIOURS = ['honest', 'overconfident', 'farmer', 'shirker', 'saboteur', 'backdoor', 'subverter', 'exhauster', 'colluder', 'sybil'] as const;

const agentSkillSchema = z.strictObject({
  level: distSchema(UNIT).default(1).describe('Skill level in [0, 1].'),
  reliability: distSchema(UNIT).default(1).describe('Hidden true reliability in [0, 1].'),
});

const agentGroupSchema = z
  .strictObject({
    name: label(),
    kind: z.enum(['ai', 'human', 'model']),
    count: integer(1, MAX_AGENTS),
    family: label().optional().describe('Base model the agents are built on (default: the group name).'),
    capacity: integer(1, 1000).default(1).describe('Tasks an agent works on at once.'),
    speed: distSchema(POSITIVE).default(1).describe('Work per minute relative to speed 1.'),
    pricePerMinute: distSchema(NON_NEGATIVE).default(0).describe('Credits per minute of work.'),
    behaviour: z.enum(BEHAVIOURS).default('honest'),
    skills: z
      .record(z.string(), agentSkillSchema)
      .refine((skills) => Object.keys(skills).length > 0, { error: 'must give at least one skill' }),
  })
  .transform((g) => ({ ...g, family: g.family ?? g.name }));

const populationSchema = z
  .array(agentGroupSchema)
  .min(1, { error: 'must list at least one agent group' })
  .max(1000, { error: 'must have at most 1000 agent groups' })
  .superRefine((groups, ctx) => {
    uniqueBy(groups, (g) => g.name, 'name', 'group name', ctx);
    const total = groups.reduce((sum, g) => sum + g.count, 0);
    if (total > MAX_AGENTS) {
      ctx.addIssue(complete([], `total count must be at most ${MAX_AGENTS}, got ${total}`));
    }
  });

// --------------------------------------------------------------- arrivals

const arrivalsSchema = z.discriminatedUnion('process', [
  z.strictObject({
    process: z.literal('poisson'),
    rate: positive().describe('Goals per minute.'),
  }),
  z
    .strictObject({
      process: z.literal('schedule'),
      segments: z
        .array(z.strictObject({ until: positive(), rate: nonNegative() }))
        .min(1, { error: 'must list at least one segment' })
        .describe('Piecewise-constant rate (goals/minute) up to each `until` (minutes).'),
      repeat: z.boolean().default(false).describe('Start over after the last segment.'),
    })
    .superRefine((a, ctx) => {
      a.segments.forEach((s, i) => {
        const prev = a.segments[i - 1];
        if (prev !== undefined && s.until <= prev.until) {
          ctx.addIssue({
            code: 'custom',
            path: ['segments', i, 'until'],
            message: `must be greater than the previous segment's until (${prev.until})`,
          });
        }
      });
      if (!a.segments.some((s) => s.rate > 0)) {
        ctx.addIssue(complete(['segments'], 'at least one segment must have a rate above 0'));
      }
    }),
  z
    .strictObject({
      process: z.literal('trace'),
      file: label(4096).optional().describe('CSV of arrival times (minutes), relative to the scenario file.'),
      times: z.array(nonNegative()).optional().describe('Arrival times in minutes, non-decreasing.'),
    })
    .superRefine((a, ctx) => {
      if ((a.file === undefined) === (a.times === undefined)) {
        ctx.addIssue(complete([], 'must set exactly one of file or times'));
        return;
      }
      const times = a.times ?? [];
      if (a.times !== undefined && times.length === 0) {
        ctx.addIssue(complete(['times'], 'must list at least one arrival time'));
      }
      times.forEach((t, i) => {
        const prev = times[i - 1];
        if (prev !== undefined && t < prev) {
          ctx.addIssue({ code: 'custom', path: ['times', i], message: `must not be less than the time before it (${prev})` });
        }
      });
    }),
]);

// ------------------------------------------------------------------ goals

/** The characteristics every task carries (MODEL.md §1); shared by goals and their steps. */
const characteristicFields = {
  duration: distSchema(POSITIVE).describe('Work in minutes at speed 1.'),
  complexity: distSchema(UNIT),
  criticality: distSchema(UNIT),
  uncertainty: distSchema(UNIT),
  verifiability: distSchema(UNIT),
  reversibility: distSchema(UNIT),
  contextuality: distSchema(UNIT),
  subjectivity: distSchema(UNIT),
  cost: distSchema(NON_NEGATIVE).describe('Intrinsic cost in credits.'),
  deadline: distSchema(POSITIVE).describe('Minutes after arrival; omitted = no deadline.'),
};

const goalCharacteristicsSchema = z.strictObject({
  duration: characteristicFields.duration,
  complexity: characteristicFields.complexity.default(0),
  criticality: characteristicFields.criticality.default(0),
  uncertainty: characteristicFields.uncertainty.default(0),
  verifiability: characteristicFields.verifiability.default(1),
  reversibility: characteristicFields.reversibility.default(1),
  contextuality: characteristicFields.contextuality.default(0),
  subjectivity: characteristicFields.subjectivity.default(0),
  cost: characteristicFields.cost.default(0),
  deadline: characteristicFields.deadline.optional(),
});

// A step's characteristics override the goal's, so none has a default here:
// an omitted one means "as the goal".
const stepCharacteristicsSchema = z.strictObject({
  duration: characteristicFields.duration.optional(),
  complexity: characteristicFields.complexity.optional(),
  criticality: characteristicFields.criticality.optional(),
  uncertainty: characteristicFields.uncertainty.optional(),
  verifiability: characteristicFields.verifiability.optional(),
  reversibility: characteristicFields.reversibility.optional(),
  contextuality: characteristicFields.contextuality.optional(),
  subjectivity: characteristicFields.subjectivity.optional(),
  cost: characteristicFields.cost.optional(),
  deadline: characteristicFields.deadline.optional(),
});

const stepSchema = z.strictObject({
  name: label(),
  skill: z.string(),
  dependsOn: z.array(z.string()).default([]).describe('Names of steps of the same goal that must finish first.'),
  characteristics: stepCharacteristicsSchema.prefault({}).describe("Overrides of the goal's characteristics."),
});

/** Finds one dependency cycle among steps, as the names along it (first name repeated at the end). */
function findCycle(steps: readonly { name: string; dependsOn: string[] }[]): string[] | undefined {
  const deps = new Map(steps.map((s) => [s.name, s.dependsOn]));
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (name: string): string[] | undefined => {
    if (state.get(name) === 'done') return undefined;
    if (state.get(name) === 'open') return [...stack.slice(stack.indexOf(name)), name];
    state.set(name, 'open');
    stack.push(name);
    for (const next of deps.get(name) ?? []) {
      const cycle = deps.has(next) ? visit(next) : undefined;
      if (cycle !== undefined) return cycle;
    }
    stack.pop();
    state.set(name, 'done');
    return undefined;
  };
  for (const s of steps) {
    const cycle = visit(s.name);
    if (cycle !== undefined) return cycle;
  }
  return undefined;
}

const stepsSchema = z
  .array(stepSchema)
  .min(1, { error: 'must list at least one step' })
  .max(64, { error: 'must have at most 64 steps' })
  .superRefine((steps, ctx) => {
    if (ctx.issues.length > 0) return;
    uniqueBy(steps, (s) => s.name, 'name', 'step name', ctx);
    const names = steps.map((s) => s.name);
    let ok = true;
    steps.forEach((s, i) => {
      s.dependsOn.forEach((dep, j) => {
        if (dep === s.name) {
          ctx.addIssue(complete([i, 'dependsOn', j], `step '${s.name}' depends on itself`));
          ok = false;
        } else if (!names.includes(dep)) {
          ctx.addIssue(complete([i, 'dependsOn', j], `unknown step '${dep}' (steps: ${names.join(', ')})`));
          ok = false;
        }
      });
    });
    const cycle = ok ? findCycle(steps) : undefined;
    // Written in the order work flows (a → b: b depends on a).
    if (cycle !== undefined) ctx.addIssue(complete([], `dependency cycle ${cycle.reverse().join(' → ')}`));
  });

const goalSchema = z
  .strictObject({
    name: label(),
    weight: positive().default(1).describe('Relative frequency among goal templates.'),
    skill: z.string(),
    characteristics: goalCharacteristicsSchema,
    steps: stepsSchema.optional().describe('A fixed DAG of steps; omitted = one task (then decomposition applies).'),
    subtaskSkills: z
      .array(z.string())
      .min(1, { error: 'must list at least one skill' })
      .optional()
      .describe('Skills of decomposition-generated subtasks (default: [skill]).'),
  })
  .transform((g) => ({ ...g, subtaskSkills: g.subtaskSkills ?? [g.skill] }));

const goalsSchema = z
  .array(goalSchema)
  .min(1, { error: 'must list at least one goal template' })
  .max(100, { error: 'must have at most 100 goal templates' })
  .superRefine((goals, ctx) => uniqueBy(goals, (g) => g.name, 'name', 'goal name', ctx));

// ---------------------------------------------------------- decomposition

const complexityFloorSchema = z
  .strictObject({
    maxCriticality: unit(),
    maxUncertainty: unit(),
    maxDuration: positive(),
  })
  .describe('Tasks at or below all three limits skip decomposition and run directly.');

const leavesRule = (fanOut: number, depth: number, depthField: string, ctx: z.RefinementCtx): void => {
  const leaves = powInt(fanOut, depth);
  if (leaves > MAX_LEAVES) {
    ctx.addIssue(
      complete([], `fanOut^${depthField} must be at most ${MAX_LEAVES} leaves per goal, got ${fanOut}^${depth} = ${leaves}`),
    );
  }
};

const decompositionSchema = z.discriminatedUnion('strategy', [
  z.strictObject({
    strategy: z.literal('none'),
    complexityFloor: complexityFloorSchema.optional(),
  }),
  z
    .strictObject({
      strategy: z.literal('fixed'),
      fanOut: integer(1, 32),
      depth: integer(1, 6),
      shape: z.enum(['parallel', 'sequential']).default('parallel'),
      overheadCost: nonNegative().default(0).describe('Credits per split.'),
      complexityFloor: complexityFloorSchema.optional(),
    })
    .superRefine((d, ctx) => leavesRule(d.fanOut, d.depth, 'depth', ctx)),
  z
    .strictObject({
      strategy: z.literal('contract-first'),
      verifiabilityThreshold: unit().describe('Split until every leaf is at least this verifiable.'),
      fanOut: integer(2, 32).default(2),
      maxDepth: integer(1, 6).default(3),
      verifiabilityGain: unit().default(0.5),
      overheadCost: nonNegative().default(1).describe('Credits per split.'),
      complexityFloor: complexityFloorSchema.optional(),
    })
    .superRefine((d, ctx) => leavesRule(d.fanOut, d.maxDepth, 'maxDepth', ctx)),
]);

// --------------------------------------------------------------- failures

const targetSchema = z
  .strictObject({ family: z.string().optional(), group: z.string().optional() })
  .describe('Agents hit: those of this family and/or group; omitted = every agent.');

/** Scheduled failures happen once (`at`) or repeatedly (`every`, mean minutes between). */
const whenFields = {
  at: nonNegative().optional().describe('Happens once, at this minute.'),
  every: positive().optional().describe('Happens repeatedly, this many minutes apart on average.'),
  lasts: positive().describe('Minutes it lasts.'),
};

const exactlyOneWhen = (f: { at?: number | undefined; every?: number | undefined }, ctx: z.RefinementCtx): void => {
  if ((f.at === undefined) === (f.every === undefined)) ctx.addIssue(complete([], 'must set exactly one of at or every'));
};

const failureSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('crash'),
    target: targetSchema.optional(),
    mtbf: positive().describe('Mean minutes between crashes, per agent.'),
    mttr: positive().describe('Mean minutes to repair.'),
  }),
  z.strictObject({
    type: z.literal('degradation'),
    target: targetSchema.optional(),
    every: positive(),
    lasts: positive(),
    reliabilityFactor: unit(),
    speedFactor: numberIn({ min: 0, max: 1, minExclusive: true }).default(1),
  }),
  z.strictObject({ type: z.literal('family-shock'), family: z.string(), ...whenFields }).superRefine(exactlyOneWhen),
  z
    .strictObject({ type: z.literal('capacity-shock'), target: targetSchema.optional(), ...whenFields, factor: unit() })
    .superRefine(exactlyOneWhen),
  z.strictObject({ type: z.literal('outage'), skill: z.string(), ...whenFields }).superRefine(exactlyOneWhen),
  z
    .strictObject({
      type: z.literal('price-spike'),
      target: targetSchema.optional(),
      ...whenFields,
      factor: numberIn(AT_LEAST_ONE).describe('Multiplies prices.'),
    })
    .superRefine(exactlyOneWhen),
  z.strictObject({
    type: z.literal('deadline-change'),
    probability: unit().describe('Chance that a goal has its deadline changed.'),
    factor: positive().describe('Multiplies the remaining time to deadline.'),
  }),
  z.strictObject({
    type: z.literal('cancellation'),
    probability: unit().describe('Chance that a goal is cancelled.'),
    meanDelay: positive().describe('Mean minutes after arrival.'),
  }),
]);

// --------------------------------------------------------------- scenario

const scenarioShape = {
  $schema: z.string().optional().describe('Ignored; lets editors find this schema.'),
  name: label(),
  description: z.string().optional(),
  seed: integer(0, 2 ** 32 - 1).default(1).describe('Master seed of the run.'),
  horizon: horizonSchema,
  skills: z
    .array(identifier())
    .min(1, { error: 'must declare at least one skill' })
    .max(256, { error: 'must declare at most 256 skills' })
    .superRefine((skills, ctx) => {
      skills.forEach((s, i) => {
        if (skills.indexOf(s) !== i) ctx.addIssue({ code: 'custom', path: [i], message: 'duplicate skill' });
      });
    }),
  population: populationSchema,
  arrivals: arrivalsSchema,
  goals: goalsSchema,
  decomposition: decompositionSchema.prefault({ strategy: 'none' }),
  assignment: z
    .strictObject({
      shortlist: integer(1, 1024).default(16).describe('Candidates a policy is shown per task.'),
      retryLimit: integer(0, 100).default(3).describe('Re-delegations of a task before it fails.'),
    })
    .prefault({}),
  execution: z
    .strictObject({
      noise: nonNegative().default(0.5).describe('Scale of duration noise from uncertainty.'),
      complexityWork: nonNegative().default(1).describe('Extra work per unit of complexity.'),
      timeoutFactor: numberIn(AT_LEAST_ONE).default(4).describe('Timeout as a multiple of expected duration.'),
      stallProbability: unit().default(0).describe('Chance an attempt stalls: it makes no progress until stopped.'),
    })
    .prefault({}),
  cascade: z
    .strictObject({
      contamination: unit().default(0.5).describe('Chance that a defective input makes the consuming task defective.'),
    })
    .prefault({}),
  costs: z
    .strictObject({
      lossPerCriticality: nonNegative()
        .default(100)
        .describe('Credits lost per unit of criticality when an irreversible failure happens or a defective deliverable is delivered.'),
    })
    .prefault({}),
  trust: trustSchema,
  monitoring: monitoringSchema,
  verification: verificationSchema,
  settlement: settlementSchema,
  adaptation: adaptationSchema,
  adversaries: adversariesSchema,
  oversight: oversightSchema,
  market: marketSchema,
  chains: chainsSchema,
  permissions: permissionsSchema,
  failures: z.array(failureSchema).default([]),
  policy: z
    .enum(policyNames() as [string, ...string[]])
    .default('fifo')
    .describe('Name of a registered delegation policy (`delegsim list policies`).'),
  policyParams: z
    .record(z.string(), z.union([z.number(), z.string(), z.boolean()], { error: 'must be a number, string or boolean' }))
    .default({})
    .describe("Parameters passed to the policy: those it declares (see its file's header in sim/policies/)."),
  record: z
    .strictObject({
      sampleInterval: positive().optional().describe('Minutes between time-series samples; omitted = chosen by the model.'),
    })
    .prefault({}),
};

type ScenarioShapeOutput = z.output<z.ZodObject<typeof scenarioShape>>;

/** Goals expected to arrive in the first `minutes` (a trace: its length, whatever the minutes). */
function expectedArrivals(arrivals: ScenarioShapeOutput['arrivals'], minutes: number): number {
  switch (arrivals.process) {
    case 'poisson':
      return arrivals.rate * minutes;
    case 'schedule': {
      const period = arrivals.segments[arrivals.segments.length - 1]!.until;
      const areaUpTo = (t: number): number => {
        let area = 0;
        let start = 0;
        for (const seg of arrivals.segments) {
          area += Math.max(0, Math.min(seg.until, t) - start) * seg.rate;
          start = seg.until;
        }
        return area;
      };
      if (!arrivals.repeat) return areaUpTo(minutes);
      const cycles = Math.floor(minutes / period);
      return cycles * areaUpTo(period) + areaUpTo(minutes - cycles * period);
    }
    case 'trace':
      return arrivals.times?.length ?? 0;
  }
}

/**
 * An upper bound on the minutes in which goals arrive (horizon.minutes, or the
 * time the expected arrival rate needs for horizon.goals), or undefined when it
 * cannot be told before the trace file is read.
 */
function arrivalSpan(s: ScenarioShapeOutput): number | undefined {
  const { goals, minutes } = s.horizon;
  const a = s.arrivals;
  let span: number | undefined;
  if (goals !== undefined) {
    if (a.process === 'poisson') span = goals / a.rate;
    else if (a.process === 'schedule') {
      const period = a.segments[a.segments.length - 1]!.until;
      span = a.repeat ? goals / (expectedArrivals(a, period) / period) : period;
    } else if (a.times !== undefined && a.times.length > 0) span = a.times[a.times.length - 1];
  }
  if (minutes !== undefined) span = span === undefined ? minutes : Math.min(span, minutes);
  return span;
}

/** The size rules: products of fields that size the world's arrays (see MAX_SKILL_SLOTS) and the length of a run. */
function sizeRules(s: ScenarioShapeOutput, fail: (path: (string | number)[], message: string) => void): void {
  const sum = (f: (g: ScenarioShapeOutput['population'][number]) => number): number => s.population.reduce((n, g) => n + f(g), 0);
  const agents = sum((g) => g.count);
  const slots = sum((g) => g.count * Object.keys(g.skills).length);
  const capacity = sum((g) => g.count * g.capacity);
  if (slots > MAX_SKILL_SLOTS) {
    fail(['population'], `agents × skills each hold must be at most ${MAX_SKILL_SLOTS} agent-skill slots, got ${slots}`);
    return;
  }
  const stride = 2 + 4 * s.trust.delegators;
  if (slots * stride > MAX_TRUST_VALUES) {
    fail(
      [],
      `agent-skill slots (population counts × skills held) × (2 + 4 × trust.delegators) must be at most ${MAX_TRUST_VALUES} ` +
        `trust values, got ${slots} × ${stride} = ${slots * stride}`,
    );
  }
  if (capacity > MAX_CAPACITY_SLOTS) {
    fail(['population'], `agents × capacity must be at most ${MAX_CAPACITY_SLOTS} task slots, got ${capacity}`);
  }
  const targeting = s.failures.filter((f) => f.type !== 'outage' && f.type !== 'deadline-change' && f.type !== 'cancellation').length;
  if (agents * targeting > MAX_FAILURE_TARGETS) {
    fail(
      ['failures'],
      `agents × failure processes that target agents must be at most ${MAX_FAILURE_TARGETS}, got ${agents} × ${targeting} = ${agents * targeting}`,
    );
  }
  const interval = s.record.sampleInterval;
  const span = interval === undefined ? undefined : arrivalSpan(s);
  if (interval !== undefined && span !== undefined && span / interval > MAX_SAMPLES) {
    fail(
      ['record', 'sampleInterval'],
      `must leave at most ${MAX_SAMPLES} time-series samples over the ~${Math.round(span)} minutes in which goals arrive, ` +
        `got ${interval} min → ${Math.ceil(span / interval)} samples`,
    );
  }
  const { goals, minutes } = s.horizon;
  if (goals === undefined && minutes !== undefined) {
    const expected = expectedArrivals(s.arrivals, minutes);
    if (expected > MAX_GOALS) {
      fail(
        ['horizon', 'minutes'],
        `the goals expected in it (minutes × arrival rate) must be at most ${MAX_GOALS}, as for horizon.goals, got ${minutes} min → ${expected} goals; ` +
          'set fewer minutes, or horizon.goals too',
      );
    }
  }
}

/** permissions.needs: keys are declared skills, scopes name declared resources and known operations. */
function permissionRules(s: ScenarioShapeOutput, fail: (path: (string | number)[], message: string) => void): void {
  const { resources, needs } = s.permissions;
  const operations: readonly string[] = OPERATIONS;
  for (const skill of Object.keys(needs)) {
    if (!s.skills.includes(skill)) {
      fail(['permissions', 'needs', skill], `skill '${skill}' is not declared in skills (${s.skills.join(', ')})`);
      continue;
    }
    needs[skill]!.forEach((scope, j) => {
      const path = ['permissions', 'needs', skill, j];
      if (scope === '*') return;
      const parts = scope.split(':');
      const [resource, operation] = parts as [string, string];
      if (parts.length !== 2) {
        fail(path, `must be 'resource:operation' (either may be *) or '*', got ${JSON.stringify(scope)}`);
      } else if (resource !== '*' && !resources.includes(resource)) {
        fail(path, `unknown resource '${resource}' (resources: ${resources.join(', ')}), got ${JSON.stringify(scope)}`);
      } else if (operation !== '*' && !operations.includes(operation)) {
        fail(path, `unknown operation '${operation}' (operations: ${operations.join(', ')}, *), got ${JSON.stringify(scope)}`);
      }
    });
  }
}

/** The cross-field rules: skills declared and held, failure targets that exist, sizes, scopes, policy parameters. */
function crossFieldRules(s: ScenarioShapeOutput, ctx: z.RefinementCtx): void {
  if (ctx.issues.length > 0) return;
  const declared = new Set(s.skills);
  const held = new Set(s.population.flatMap((g) => Object.keys(g.skills)));
  const groups = s.population.map((g) => g.name);
  const families = [...new Set(s.population.map((g) => g.family))];
  const fail = (path: (string | number)[], message: string): void => ctx.addIssue(complete(path, message));
  const declaredRule = (path: (string | number)[], skill: string): boolean => {
    if (declared.has(skill)) return true;
    fail(path, `skill '${skill}' is not declared in skills (${s.skills.join(', ')})`);
    return false;
  };
  const neededRule = (path: (string | number)[], skill: string): void => {
    if (declaredRule(path, skill) && !held.has(skill)) fail(path, `no agent in population has skill '${skill}'`);
  };

  s.population.forEach((g, i) => {
    for (const skill of Object.keys(g.skills)) declaredRule(['population', i, 'skills', skill], skill);
  });
  s.goals.forEach((goal, i) => {
    neededRule(['goals', i, 'skill'], goal.skill);
    goal.steps?.forEach((step, j) => neededRule(['goals', i, 'steps', j, 'skill'], step.skill));
    goal.subtaskSkills.forEach((skill, j) => neededRule(['goals', i, 'subtaskSkills', j], skill));
  });
  s.failures.forEach((f, i) => {
    if (f.type === 'outage') declaredRule(['failures', i, 'skill'], f.skill);
    if (f.type === 'family-shock' && !families.includes(f.family)) {
      fail(['failures', i, 'family'], `unknown family '${f.family}' (families: ${families.join(', ')})`);
    }
    const target = 'target' in f ? f.target : undefined;
    if (target?.family !== undefined && !families.includes(target.family)) {
      fail(['failures', i, 'target', 'family'], `unknown family '${target.family}' (families: ${families.join(', ')})`);
    }
    if (target?.group !== undefined && !groups.includes(target.group)) {
      fail(['failures', i, 'target', 'group'], `unknown group '${target.group}' (groups: ${groups.join(', ')})`);
    }
  });
  permissionRules(s, fail);
  sizeRules(s, fail);
  // policyParams are checked by parseScenario, once, against the policies that
  // will run (policyParams.ts): only the caller knows which those are.
}

/**
 * The scenario schema: validates a parsed scenario file and fills in every
 * default. Prefer {@link parseScenario}, which also gives one-line errors
 * and checks `policyParams` against the policies that take them.
 *
 * @example
 * const scenario = scenarioSchema.parse(JSON.parse(text));
 * scenario.assignment.shortlist; // 16 unless the file says otherwise
 */
export const scenarioSchema = z
  .strictObject(scenarioShape)
  .superRefine(crossFieldRules)
  .meta({
    title: 'delegsim scenario',
    description: 'A delegsim scenario. Time in simulated minutes, money in credits, probabilities in [0, 1].',
  });

/** A validated scenario with every default filled in. */
export type Scenario = z.output<typeof scenarioSchema>;
/** A scenario as written in a file: optional fields may be omitted. */
export type ScenarioInput = z.input<typeof scenarioSchema>;

/** One group of identical-in-distribution agents. */
export type AgentGroup = Scenario['population'][number];
/** How goals arrive. */
export type Arrivals = Scenario['arrivals'];
/** A kind of goal and its task characteristics. */
export type GoalTemplate = Scenario['goals'][number];
/** A goal's task characteristics, defaults filled in. */
export type Characteristics = GoalTemplate['characteristics'];
/** One step of a goal's fixed DAG; its characteristics override the goal's. */
export type GoalStep = NonNullable<GoalTemplate['steps']>[number];
/** The decomposition strategy. */
export type Decomposition = Scenario['decomposition'];
/** One failure process. */
export type Failure = Scenario['failures'][number];
/** Which agents a failure hits. */
export type FailureTarget = NonNullable<Extract<Failure, { target?: unknown }>['target']>;

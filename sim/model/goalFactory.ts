// Goal creation (MODEL.md §1, §3 step 1; paper §2.2, §4.1): picks a goal
// template, draws the eleven characteristics of each step from the
// template's distributions, decomposes each step (decomposition.ts) and lays
// the tasks out as a DAG. Every draw comes from the `goals` stream at arrival
// time, and decomposition draws nothing, so two policies — or two
// decomposition strategies — run with the same seed see exactly the same
// goals (common random numbers).

import type { Rng } from '../engine/random.js';
import { compileSampler, sharedSampler, specKey, type DistSpec, type Sampler } from '../engine/sampler.js';
import { cumulative, weightedChoice } from '../engine/distributions.js';
import { powInt } from '../engine/detMath.js';
import type { Scenario } from '../scenario/schema.js';
import { Plan, type PlanNode } from './plan.js';
import { TaskState, type TaskTable } from './tasks.js';
import type { GoalTable } from './goals.js';
import { COMPLEXITY_PER_SPLIT, expandStep, splitDepth, verifiabilityAfter, type Decomposition } from './decomposition.js';

type Characteristics = Scenario['goals'][number]['characteristics'];

/**
 * Samplers for one step's characteristics, each clamped to its domain, or
 * null for one the scenario fixes with a plain number: its template's draws
 * hold that value from the start, and create() draws nothing for it (most
 * steps fix most of them — the M/M/c scenario all but the duration).
 */
interface StepSamplers {
  complexity: Sampler | null;
  criticality: Sampler | null;
  uncertainty: Sampler | null;
  duration: Sampler | null;
  cost: Sampler | null;
  /** Relative deadline in minutes, or null for none. */
  deadline: Sampler | null;
  verifiability: Sampler | null;
  reversibility: Sampler | null;
  contextuality: Sampler | null;
  subjectivity: Sampler | null;
}

interface CompiledStep {
  skill: number;
  samplers: StepSamplers;
  dependsOn: number[];
}

interface CompiledTemplate {
  steps: CompiledStep[];
  /** Its goals' draws, per step (scratch; the fixed characteristics are written once, here). */
  draws: StepDraws;
  subtaskSkills: number[];
  /** Plans by the split depth of each step (key: depths joined by commas). */
  plans: Map<string, Plan>;
  /** The same for single-step templates, indexed by depth: no key to build on the hot path. */
  singleStepPlans: Plan[];
}

/** A sampler of `spec` clamped to [lo, hi], shared by every run in this thread (see compileSampler for why). */
function clamped(spec: DistSpec, lo: number, hi: number): Sampler {
  return sharedSampler(`clamped ${lo} ${hi} ${specKey(spec)}`, () => clampedFresh(spec, lo, hi));
}

function clampedFresh(spec: DistSpec, lo: number, hi: number): Sampler {
  if (typeof spec === 'number') {
    const v = clampFixed(spec, lo, hi);
    return () => v;
  }
  const draw = compileSampler(spec);
  // The bounds are read as `+lo`, `+hi`: a captured variable is an untyped
  // value to TurboFan, and a result that may be it made create() box every
  // draw in range as a heap number (a million per M/M/c run).
  return (rng) => {
    const x = draw(rng);
    return x < lo ? +lo : x > hi ? +hi : x;
  };
}

/** A fixed characteristic's value in its domain. */
function clampFixed(value: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, value));
}

const MIN_DURATION = 1e-9;

/** Step s's samplers; the values of the characteristics it fixes go into `draws` (see StepSamplers). */
function stepSamplers(c: Partial<Characteristics>, base: Characteristics, draws: StepDraws, s: number): StepSamplers {
  const drawnOrFixed = (key: DrawnCharacteristic, lo: number, hi: number): Sampler | null => {
    const spec = (c[key] ?? base[key]) as DistSpec;
    if (typeof spec !== 'number') return clamped(spec, lo, hi);
    draws[key][s] = clampFixed(spec, lo, hi);
    return null;
  };
  const deadline = c.deadline ?? base.deadline;
  return {
    complexity: drawnOrFixed('complexity', 0, 1),
    criticality: drawnOrFixed('criticality', 0, 1),
    uncertainty: drawnOrFixed('uncertainty', 0, 1),
    duration: drawnOrFixed('duration', MIN_DURATION, Infinity),
    cost: drawnOrFixed('cost', 0, Infinity),
    // A deadline is relative to the arrival: drawn (or added) per goal either way.
    deadline: deadline === undefined ? null : clamped(deadline as DistSpec, MIN_DURATION, Infinity),
    verifiability: drawnOrFixed('verifiability', 0, 1),
    reversibility: drawnOrFixed('reversibility', 0, 1),
    contextuality: drawnOrFixed('contextuality', 0, 1),
    subjectivity: drawnOrFixed('subjectivity', 0, 1),
  };
}

type DrawnCharacteristic = Exclude<keyof StepSamplers, 'deadline'>;

/** Per-step draws of the goal being created, one set per template (scratch, reused; fixed values stay). */
class StepDraws {
  complexity: Float64Array;
  criticality: Float64Array;
  uncertainty: Float64Array;
  duration: Float64Array;
  cost: Float64Array;
  deadline: Float64Array;
  verifiability: Float64Array;
  reversibility: Float64Array;
  contextuality: Float64Array;
  subjectivity: Float64Array;
  depth: Int32Array;
  constructor(n: number) {
    this.complexity = new Float64Array(n);
    this.criticality = new Float64Array(n);
    this.uncertainty = new Float64Array(n);
    this.duration = new Float64Array(n);
    this.cost = new Float64Array(n);
    this.deadline = new Float64Array(n);
    this.verifiability = new Float64Array(n);
    this.reversibility = new Float64Array(n);
    this.contextuality = new Float64Array(n);
    this.subjectivity = new Float64Array(n);
    this.depth = new Int32Array(n);
  }
}

export class GoalFactory {
  readonly plans: Plan[] = [];
  private readonly templates: CompiledTemplate[];
  private readonly cumulativeWeights: Float64Array;
  readonly decomposition: Decomposition;
  private readonly fanOut: number;
  private readonly sequential: boolean;
  private readonly contractFirst: boolean;
  private readonly gain: number;
  private readonly overheadPerSplit: number;

  /** `decomposition` replaces the scenario's (a policy may bring its own). */
  constructor(scenario: Scenario, decomposition: Decomposition = scenario.decomposition) {
    const skillId = new Map(scenario.skills.map((s, i) => [s, i]));
    const d = decomposition;
    this.decomposition = d;
    this.fanOut = d.strategy === 'none' ? 1 : d.fanOut;
    this.sequential = d.strategy === 'fixed' && d.shape === 'sequential';
    this.contractFirst = d.strategy === 'contract-first';
    this.gain = d.strategy === 'contract-first' ? d.verifiabilityGain : 0;
    this.overheadPerSplit = d.strategy === 'none' ? 0 : d.overheadCost;
    this.templates = scenario.goals.map((g) => {
      const steps = g.steps ?? [{ name: g.name, skill: g.skill, dependsOn: [], characteristics: {} }];
      const index = new Map(steps.map((s, i) => [s.name, i]));
      const draws = new StepDraws(steps.length);
      return {
        steps: steps.map((s, i) => ({
          skill: skillId.get(s.skill)!,
          samplers: stepSamplers(s.characteristics ?? {}, g.characteristics, draws, i),
          dependsOn: (s.dependsOn ?? []).map((name) => index.get(name)!),
        })),
        draws,
        subtaskSkills: g.subtaskSkills.map((s) => skillId.get(s)!),
        plans: new Map(),
        singleStepPlans: [],
      };
    });
    this.cumulativeWeights = cumulative(scenario.goals.map((g) => g.weight));
  }

  /** The plan of a template for the given split depth per step, built once and cached. */
  private planFor(template: CompiledTemplate, depths: Int32Array, steps: number): Plan {
    if (steps === 1) {
      const depth = depths[0]!;
      return (template.singleStepPlans[depth] ??= this.buildPlan(template, depths, String(depth)));
    }
    let key = String(depths[0]);
    for (let s = 1; s < steps; s++) key += ',' + depths[s];
    return template.plans.get(key) ?? this.buildPlan(template, depths, key);
  }

  private buildPlan(template: CompiledTemplate, depths: Int32Array, key: string): Plan {
    const nodes: PlanNode[] = [];
    const edges: [number, number][] = [];
    const entries: number[][] = [];
    const exits: number[] = [];
    let splitCount = 0;
    // Loops, not forEach callbacks made per call (bench/README.md, "Parallel workers").
    const steps = template.steps;
    for (let s = 0; s < steps.length; s++) {
      const expanded = expandStep(depths[s]!, this.fanOut, this.sequential, this.contractFirst);
      const offset = nodes.length;
      for (const node of expanded.nodes) {
        const skill =
          node.subtaskSkill < 0 ? steps[s]!.skill : template.subtaskSkills[node.subtaskSkill % template.subtaskSkills.length]!;
        nodes.push({ skill, step: s, share: node.share, splits: node.splits, gains: node.gains });
      }
      for (const [from, to] of expanded.edges) edges.push([from + offset, to + offset]);
      const stepEntries: number[] = [];
      for (const e of expanded.entries) stepEntries.push(e + offset);
      entries.push(stepEntries);
      exits.push(expanded.exit + offset);
      splitCount += expanded.splits;
    }
    for (let s = 0; s < steps.length; s++) {
      for (const dep of steps[s]!.dependsOn) for (const entry of entries[s]!) edges.push([exits[dep]!, entry]);
    }
    const plan = new Plan(this.plans.length, nodes, edges, splitCount);
    this.plans.push(plan);
    template.plans.set(key, plan);
    return plan;
  }

  /**
   * Creates goal number `seq` arriving at `now`: allocates its slot and task
   * block, draws every step's characteristics, decomposes, and marks each task
   * Pending. Returns the goal id; the caller makes the input-free tasks ready.
   */
  create(seq: number, now: number, rng: Rng, goals: GoalTable, tasks: TaskTable): number {
    const ti = this.templates.length === 1 ? 0 : weightedChoice(rng, this.cumulativeWeights);
    const template = this.templates[ti]!;
    const steps = template.steps.length;
    const d = template.draws;
    for (let s = 0; s < steps; s++) {
      const x = template.steps[s]!.samplers;
      if (x.complexity !== null) d.complexity[s] = x.complexity(rng);
      if (x.criticality !== null) d.criticality[s] = x.criticality(rng);
      if (x.uncertainty !== null) d.uncertainty[s] = x.uncertainty(rng);
      if (x.duration !== null) d.duration[s] = x.duration(rng);
      if (x.cost !== null) d.cost[s] = x.cost(rng);
      d.deadline[s] = x.deadline === null ? Infinity : now + x.deadline(rng);
      if (x.verifiability !== null) d.verifiability[s] = x.verifiability(rng);
      if (x.reversibility !== null) d.reversibility[s] = x.reversibility(rng);
      if (x.contextuality !== null) d.contextuality[s] = x.contextuality(rng);
      if (x.subjectivity !== null) d.subjectivity[s] = x.subjectivity(rng);
      d.depth[s] = splitDepth(this.decomposition, d.criticality[s]!, d.uncertainty[s]!, d.duration[s]!, d.verifiability[s]!);
    }
    const plan = this.planFor(template, d.depth, steps);

    const g = goals.allocate();
    const first = tasks.allocate(plan.size);
    goals.seq[g] = seq;
    goals.template[g] = ti;
    goals.plan[g] = plan.id;
    goals.firstTask[g] = first;
    goals.tasksLeft[g] = plan.size;
    goals.arrival[g] = now;
    goals.state[g] = 0;
    goals.fees[g] = 0;
    goals.overhead[g] = plan.splitCount * this.overheadPerSplit;
    goals.harm[g] = 0;
    goals.attempts[g] = 0;
    goals.failures[g] = 0;
    goals.deadlineMissed[g] = 0;
    goals.monitoring[g] = 0;
    goals.verification[g] = 0;
    goals.adaptation[g] = 0;
    goals.recovered[g] = 0;
    goals.overBudget[g] = 0;
    for (let i = 0; i < plan.size; i++) {
      const t = first + i;
      const s = plan.step[i] as number;
      const share = plan.share[i] as number;
      const splits = plan.splits[i] as number;
      tasks.setGoal(t, g);
      tasks.setNode(t, i);
      tasks.setState(t, TaskState.Pending);
      tasks.setInputsLeft(t, plan.inputs[i] as number);
      tasks.setAgent(t, -1);
      tasks.setLastAgent(t, -1);
      tasks.setPrevAgent(t, -1);
      tasks.setSlot(t, -1);
      tasks.setAttempts(t, 0);
      tasks.setRedelegations(t, 0);
      tasks.setStalled(t, 0);
      tasks.setMethod(t, -1);
      tasks.setApproved(t, 0);
      tasks.setSettlement(t, -1);
      tasks.setAgreedFee(t, NaN);
      tasks.setDefaultedFee(t, NaN);
      tasks.setDefective(t, 0);
      tasks.setDefectOrigin(t, -1);
      tasks.setPlanted(t, 0);
      // What tasks.ts says these hold for a direct delegation (one hop, no permit): startAttempt rewrites them
      // per attempt only when chains are on, and the audit log reads the permit either way.
      tasks.setGarbled(t, 0);
      tasks.setChainDepth(t, 1);
      tasks.setAttributable(t, 1);
      tasks.setPermit(t, -1);
      tasks.setSkill(t, plan.skill[i] as number);
      tasks.setComplexity(t, splits === 0 ? d.complexity[s]! : d.complexity[s]! * powInt(COMPLEXITY_PER_SPLIT, splits));
      tasks.setCriticality(t, d.criticality[s]!);
      tasks.setUncertainty(t, d.uncertainty[s]!);
      tasks.setDuration(t, d.duration[s]! * share);
      tasks.setCost(t, d.cost[s]! * share);
      tasks.setDeadline(t, d.deadline[s]!);
      const gains = plan.gains[i] as number;
      tasks.setVerifiability(t, gains === 0 ? d.verifiability[s]! : verifiabilityAfter(d.verifiability[s]!, this.gain, gains));
      tasks.setReversibility(t, d.reversibility[s]!);
      tasks.setContextuality(t, d.contextuality[s]!);
      tasks.setSubjectivity(t, d.subjectivity[s]!);
    }
    return g;
  }
}

// Failure injection (MODEL.md §3 step 6 external triggers, §8 correlated
// shocks; paper §4.4, §4.9). Every failure process a scenario declares:
//  - crash: each targeted agent alternates up ~ Exp(mtbf) and down ~ Exp(mttr);
//  - degradation: each targeted agent has episodes, ~Exp(every) apart, lasting
//    `lasts`, in which hidden reliability and speed are multiplied down;
//  - family-shock: every agent of one model family goes down at once;
//  - capacity-shock: targeted agents' capacity is multiplied by `factor`;
//  - outage: a tool/resource (a skill) is unavailable: its tasks cannot start
//    and running ones fail;
//  - price-spike: targeted agents' prices are multiplied by `factor`;
//  - deadline-change and cancellation: per-goal external triggers.
// Episodic failures happen once (`at`) or repeatedly, ~Exp(every) after the
// previous one ended.
//
// The schedule draws only from the `failures` stream (and per-goal triggers
// from `external`, a fixed number of draws per goal), never from anything a
// policy influences: two policies with the same seed face the same failures.
// Simplification: overlapping effects multiply; an agent is down while any
// crash or shock holds it down.

import type { Rng } from '../engine/random.js';
import { exponential } from '../engine/distributions.js';
import { log } from '../engine/detMath.js';
import type { Simulator } from '../engine/simulator.js';
import type { Scenario } from '../scenario/schema.js';
import type { AgentTable } from './agents.js';
import { Fingerprint } from '../util/fingerprint.js';

type Failure = Scenario['failures'][number];

/** What the injector may do to the world. */
export interface FailureHost {
  readonly sim: Simulator;
  readonly agents: AgentTable;
  /** Takes an agent down (nested: it stays down until every down is matched by an up). */
  agentDown(a: number): void;
  agentUp(a: number): void;
  /** The agent's capacity, speed, price or reliability factors changed. */
  agentChanged(a: number): void;
  /** Starts (+1) or ends (−1) an outage of a skill. */
  skillOutage(skill: number, delta: number): void;
  /** Cancels goal g if it is still goal number seq and in flight. */
  cancelGoal(g: number, seq: number): void;
  /** Multiplies the remaining time to deadline of goal g's tasks. */
  changeDeadline(g: number, seq: number, factor: number): void;
}

/** Event kinds the injector handles, assigned by the world. */
export interface FailureKinds {
  crashDown: number;
  crashUp: number;
  degradeStart: number;
  degradeEnd: number;
  episodeStart: number;
  episodeEnd: number;
  deadlineChange: number;
  cancel: number;
}

export class FailureInjector {
  /** Per failure spec: the agents it targets. */
  private readonly targets: Int32Array[];
  /** Per failure spec with per-agent effects: 1 while active on that agent. */
  private readonly active: (Uint8Array | null)[];
  private readonly agentEffectSpecs: number[];
  /** For per-goal triggers: index into `failures` of the deadline-change and cancellation specs. */
  private readonly goalTriggers: number[];
  /** The deadline-change specs, in scenario order (a deadline-change event names one by its rank). */
  private readonly deadlineSpecs: Extract<Failure, { type: 'deadline-change' }>[];
  /** Per failure spec: the skill id of an outage, else -1. */
  private readonly outageSkill: number[];
  /** Hash of every failure event handled, to check common random numbers across policies. */
  readonly fingerprint = new Fingerprint();

  constructor(
    private readonly failures: readonly Failure[],
    private readonly host: FailureHost,
    private readonly kinds: FailureKinds,
    private readonly rng: Rng,
    private readonly rngExternal: Rng,
    skillIds: ReadonlyMap<string, number>,
  ) {
    const agents = host.agents;
    this.targets = failures.map((f) => this.targetAgents(f));
    this.active = failures.map((f) =>
      f.type === 'degradation' || f.type === 'capacity-shock' || f.type === 'price-spike' ? new Uint8Array(agents.count) : null,
    );
    this.agentEffectSpecs = failures.flatMap((f, i) => (this.active[i] ? [i] : []));
    this.goalTriggers = failures.flatMap((f, i) => (f.type === 'deadline-change' || f.type === 'cancellation' ? [i] : []));
    this.deadlineSpecs = failures.flatMap((f) => (f.type === 'deadline-change' ? [f] : []));
    this.outageSkill = failures.map((f) => (f.type === 'outage' ? skillIds.get(f.skill)! : -1));
  }

  private targetAgents(f: Failure): Int32Array {
    const { agents } = this.host;
    let family = -1;
    let group = -1;
    if (f.type === 'family-shock') family = agents.familyNames.indexOf(f.family);
    else if ('target' in f && f.target) {
      if (f.target.family !== undefined) family = agents.familyNames.indexOf(f.target.family);
      if (f.target.group !== undefined) group = agents.groupNames.indexOf(f.target.group);
    }
    if (f.type === 'outage' || f.type === 'deadline-change' || f.type === 'cancellation') return new Int32Array(0);
    const ids: number[] = [];
    for (let a = 0; a < agents.count; a++) {
      if ((family < 0 || agents.family[a] === family) && (group < 0 || agents.group[a] === group)) ids.push(a);
    }
    return Int32Array.from(ids);
  }

  /** Event handlers by kind, for the world's handler table. */
  handlers(): [kind: number, handler: (a: number, b: number) => void][] {
    const k = this.kinds;
    return [
      // Bound methods, not closures: see World's handler table for why.
      [k.crashDown, this.onCrashDown.bind(this)],
      [k.crashUp, this.onCrashUp.bind(this)],
      [k.degradeStart, this.onDegradeStart.bind(this)],
      [k.degradeEnd, this.onDegradeEnd.bind(this)],
      [k.episodeStart, this.onEpisodeStart.bind(this)],
      [k.episodeEnd, this.onEpisodeEnd.bind(this)],
      [k.deadlineChange, this.onDeadlineChange.bind(this)],
      [k.cancel, this.host.cancelGoal.bind(this.host)],
    ];
  }

  /** Schedules the first event of every failure process. */
  start(): void {
    const { sim } = this.host;
    const k = this.kinds;
    for (let i = 0; i < this.failures.length; i++) {
      const f = this.failures[i]!;
      const targets = this.targets[i]!;
      switch (f.type) {
        case 'crash':
          for (const a of targets) sim.schedule(exponential(this.rng, f.mtbf), k.crashDown, a, i);
          break;
        case 'degradation':
          for (const a of targets) sim.schedule(exponential(this.rng, f.every), k.degradeStart, a, i);
          break;
        case 'family-shock':
        case 'capacity-shock':
        case 'outage':
        case 'price-spike':
          sim.schedule(f.at ?? exponential(this.rng, f.every!), k.episodeStart, i, 0);
          break;
        case 'deadline-change':
        case 'cancellation':
          break; // drawn per goal in onGoalCreated
      }
    }
  }

  private note(kind: number, a: number, b: number): void {
    this.fingerprint.add(this.host.sim.now).add(kind).add(a).add(b);
  }

  private onCrashDown(a: number, f: number): void {
    this.note(this.kinds.crashDown, a, f);
    const spec = this.failures[f] as Extract<Failure, { type: 'crash' }>;
    this.host.agentDown(a);
    this.host.sim.schedule(exponential(this.rng, spec.mttr), this.kinds.crashUp, a, f);
  }

  private onCrashUp(a: number, f: number): void {
    this.note(this.kinds.crashUp, a, f);
    const spec = this.failures[f] as Extract<Failure, { type: 'crash' }>;
    this.host.agentUp(a);
    this.host.sim.schedule(exponential(this.rng, spec.mtbf), this.kinds.crashDown, a, f);
  }

  private onDegradeStart(a: number, f: number): void {
    this.onDegrade(a, f, true);
  }

  private onDegradeEnd(a: number, f: number): void {
    this.onDegrade(a, f, false);
  }

  private onEpisodeStart(f: number): void {
    this.onEpisode(f, true);
  }

  private onEpisodeEnd(f: number): void {
    this.onEpisode(f, false);
  }

  private onDegrade(a: number, f: number, on: boolean): void {
    this.note(on ? this.kinds.degradeStart : this.kinds.degradeEnd, a, f);
    const spec = this.failures[f] as Extract<Failure, { type: 'degradation' }>;
    this.active[f]![a] = on ? 1 : 0;
    this.recompute(a);
    if (on) this.host.sim.schedule(spec.lasts, this.kinds.degradeEnd, a, f);
    else this.host.sim.schedule(exponential(this.rng, spec.every), this.kinds.degradeStart, a, f);
  }

  private onEpisode(f: number, on: boolean): void {
    this.note(on ? this.kinds.episodeStart : this.kinds.episodeEnd, f, 0);
    const spec = this.failures[f] as Extract<Failure, { type: 'family-shock' | 'capacity-shock' | 'outage' | 'price-spike' }>;
    const targets = this.targets[f]!;
    switch (spec.type) {
      case 'family-shock':
        for (const a of targets) {
          if (on) this.host.agentDown(a);
          else this.host.agentUp(a);
        }
        break;
      case 'capacity-shock':
      case 'price-spike': {
        const active = this.active[f]!;
        for (const a of targets) {
          active[a] = on ? 1 : 0;
          this.recompute(a);
        }
        break;
      }
      case 'outage':
        this.host.skillOutage(this.outageSkill[f]!, on ? 1 : -1);
        break;
    }
    if (on) this.host.sim.schedule(spec.lasts, this.kinds.episodeEnd, f, 0);
    else if (spec.every !== undefined) this.host.sim.schedule(exponential(this.rng, spec.every), this.kinds.episodeStart, f, 0);
  }

  /** Recomputes an agent's factors from the effects active on it, so overlapping effects compose exactly. */
  private recompute(a: number): void {
    const agents = this.host.agents;
    let reliability = 1;
    let speed = 1;
    let price = 1;
    let capacity = 1;
    for (const f of this.agentEffectSpecs) {
      if (this.active[f]![a] === 0) continue;
      const spec = this.failures[f]!;
      if (spec.type === 'degradation') {
        reliability *= spec.reliabilityFactor;
        speed *= spec.speedFactor;
      } else if (spec.type === 'price-spike') price *= spec.factor;
      else if (spec.type === 'capacity-shock') capacity *= spec.factor;
    }
    agents.reliabilityFactor[a] = reliability;
    agents.speedFactor[a] = speed;
    agents.priceFactor[a] = price;
    agents.capacity[a] = Math.floor(agents.baseCapacity[a]! * capacity);
    this.host.agentChanged(a);
  }

  /** Whether any failure draws per goal (deadline changes, cancellations): if not, onGoalCreated need not be called. */
  get hasGoalTriggers(): boolean {
    return this.goalTriggers.length > 0;
  }

  /**
   * Draws the per-goal external triggers for a new goal: always the same
   * number of draws per goal, so arrivals stay aligned across policies.
   * `deadline` is the goal's earliest absolute deadline (Infinity for none).
   */
  onGoalCreated(g: number, seq: number, now: number, deadline: number): void {
    let change = 0; // which deadline-change spec this is (its factor applies when its event fires)
    for (const i of this.goalTriggers) {
      const spec = this.failures[i]!;
      const hit = this.rngExternal() < (spec as { probability: number }).probability;
      const when = this.rngExternal();
      if (spec.type === 'deadline-change') change++;
      if (!hit) continue;
      if (spec.type === 'deadline-change') {
        // The event carries the goal slot and the spec: a = g × (deadline-change specs) + spec's rank.
        const a = g * this.deadlineSpecs.length + change - 1;
        if (Number.isFinite(deadline)) this.host.sim.schedule(when * (deadline - now), this.kinds.deadlineChange, a, seq);
      } else if (spec.type === 'cancellation') {
        this.host.sim.schedule(-log(1 - when) * spec.meanDelay, this.kinds.cancel, g, seq);
      }
    }
  }

  /** One deadline-change spec's event for a goal: only that spec's factor applies. */
  private onDeadlineChange(a: number, seq: number): void {
    const n = this.deadlineSpecs.length;
    this.host.changeDeadline(Math.floor(a / n), seq, this.deadlineSpecs[a % n]!.factor);
  }
}

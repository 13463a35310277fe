// What a delegator can observe (MODEL.md §3 step 2, §4): advertised skill
// levels, prices, nominal speed, load, model family and kind of each agent, and
// the characteristics of the task at hand. Hidden reliability is deliberately
// absent — policies must learn it (trust, issue #4) or ignore it.

import type { AgentTable } from '../model/agents.js';
import type { TaskTable } from '../model/tasks.js';

export class PolicyView {
  /** Current simulated time in minutes. */
  now = 0;

  constructor(
    private readonly agents: AgentTable,
    private readonly tasks: TaskTable,
  ) {}

  /** Price per minute the agent currently asks (spikes included). */
  price(agent: number): number {
    return (this.agents.price[agent] as number) * (this.agents.priceFactor[agent] as number);
  }

  /** Advertised speed (work-minutes per minute); degradation is not visible here. */
  speed(agent: number): number {
    return this.agents.speed[agent] as number;
  }

  /** Advertised skill level in [0,1] for `skill`, 0 when the agent lacks it. */
  skillLevel(agent: number, skill: number): number {
    const k = this.agents.skillSlot(agent, skill);
    return k < 0 ? 0 : (this.agents.skillLevel[k] as number);
  }

  /** Share of the agent's capacity in use, in [0,1]. */
  load(agent: number): number {
    return (this.agents.busy[agent] as number) / Math.max(1, this.agents.capacity[agent] as number);
  }

  family(agent: number): number {
    return this.agents.family[agent] as number;
  }

  /** 0 ai, 1 human, 2 model (see AGENT_KINDS). */
  kind(agent: number): number {
    return this.agents.kind[agent] as number;
  }

  taskSkill(task: number): number {
    return this.tasks.skill[task] as number;
  }

  /** Expected work in minutes at speed 1, before noise. */
  taskDuration(task: number): number {
    return this.tasks.duration[task] as number;
  }

  taskCriticality(task: number): number {
    return this.tasks.criticality[task] as number;
  }

  taskComplexity(task: number): number {
    return this.tasks.complexity[task] as number;
  }

  /** The agent that last held the task (after a failure), or -1. */
  lastAgent(task: number): number {
    return this.tasks.lastAgent[task] as number;
  }
}

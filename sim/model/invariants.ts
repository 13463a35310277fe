// Consistency checks of a world between events, for tests: every violation
// is a bug in the model, never a property of a scenario. Test support for the
// cycle of MODEL.md §3; no paper section of its own. O(tasks + agents):
// not for the hot path.

import type { World } from './world.js';
import { TaskState } from './tasks.js';
import { GoalState } from './goals.js';

/** Returns a description of each violated invariant (empty when all hold). */
export function checkInvariants(world: World): string[] {
  const problems: string[] = [];
  const { agents, tasks, goals, factory } = world;
  const busy = new Int32Array(agents.count);
  const ready = new Int32Array(world.scenario.skills.length);

  // Walk live goals: their task blocks hold every live task.
  let inFlight = 0;
  for (let g = 0; g < goals.seq.length; g++) {
    if (goals.state[g] !== GoalState.InFlight || goals.tasksLeft[g]! <= 0) continue;
    // A released slot keeps its last state; live slots are those whose tasks point back to them.
    const first = goals.firstTask[g]!;
    if (tasks.goal(first) !== g) continue;
    const plan = factory.plans[goals.plan[g]!]!;
    let notDone = 0;
    inFlight++;
    for (let i = 0; i < plan.size; i++) {
      const t = first + i;
      if (tasks.goal(t) !== g) problems.push(`task ${t} of goal ${g} points to goal ${tasks.goal(t)}`);
      const origin = tasks.defectOrigin(t);
      if (origin >= 0 && (origin < first || origin >= first + plan.size)) {
        problems.push(`task ${t} of goal ${g} has a defect from task ${origin} of another goal`);
      }
      if (tasks.defective(t) === 1 && origin < 0) problems.push(`task ${t} is defective without an origin`);
      if (tasks.state(t) !== TaskState.Done) notDone++;
      if (tasks.state(t) === TaskState.Ready) ready[tasks.skill(t)]!++;
      if (tasks.state(t) === TaskState.Running) {
        const a = tasks.agent(t);
        busy[a]!++;
        if (agents.skillSlot(a, tasks.skill(t)) < 0) problems.push(`task ${t} runs on agent ${a}, which lacks skill ${tasks.skill(t)}`);
        if (tasks.slot(t) !== agents.skillSlot(a, tasks.skill(t))) problems.push(`task ${t} keeps slot ${tasks.slot(t)}, not its executor's`);
        if (agents.up[a] === 0) problems.push(`task ${t} runs on agent ${a}, which is down`);
      }
    }
    if (notDone !== goals.tasksLeft[g]) problems.push(`goal ${g} counts ${goals.tasksLeft[g]} tasks left, has ${notDone}`);
  }
  if (inFlight !== goals.inFlight) problems.push(`goals in flight: counted ${goals.inFlight}, found ${inFlight}`);

  // Between events every Ready task waits in the backlog, under its own skill.
  ready.forEach((n, s) => {
    if (world.backlog.waiting(s) !== n) problems.push(`backlog counts ${world.backlog.waiting(s)} tasks for skill ${s}, ${n} are ready`);
  });

  let busyTotal = 0;
  for (let a = 0; a < agents.count; a++) {
    if (busy[a] !== agents.busy[a]) problems.push(`agent ${a} busy ${agents.busy[a]} but runs ${busy[a]} tasks`);
    if (agents.busy[a]! > agents.baseCapacity[a]!) problems.push(`agent ${a} runs ${agents.busy[a]} tasks, capacity ${agents.baseCapacity[a]}`);
    busyTotal += agents.busy[a]!;
  }
  if (busyTotal !== world.busySlots) problems.push(`busy slots: counted ${world.busySlots}, found ${busyTotal}`);
  problems.push(...world.free.problems());
  if (world.goalsArrived !== world.goalsEnded + goals.inFlight) {
    problems.push(`goals: ${world.goalsArrived} arrived ≠ ${world.goalsEnded} ended + ${goals.inFlight} in flight`);
  }
  return problems;
}

// `cheapest`: the shortlisted agent with the lowest expected fee for this task
// — current price per minute × nominal time (duration ÷ advertised speed).
// Ties go to the lower agent id. Ignores quality entirely. A baseline
// heuristic for assignment (MODEL.md §3 step 2; paper §4.2).

import type { PolicyFactory } from './policy.js';

export const cheapest: PolicyFactory = () => ({
  name: 'cheapest',
  assign(task, candidates, view) {
    let best = -1;
    let bestCost = Infinity;
    const work = view.taskDuration(task);
    for (let i = 0; i < candidates.size; i++) {
      const a = candidates.ids[i] as number;
      const cost = (view.price(a) * work) / view.speed(a);
      if (cost < bestCost || (cost === bestCost && a < best)) {
        best = a;
        bestCost = cost;
      }
    }
    return best;
  },
});

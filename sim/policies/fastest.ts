// `fastest`: the shortlisted agent with the highest advertised speed (ties to
// the lower id). Minimises nominal service time; ignores price and quality.
// A baseline heuristic for assignment (MODEL.md §3 step 2; paper §4.2).

import type { PolicyFactory } from './policy.js';

export const fastest: PolicyFactory = () => ({
  name: 'fastest',
  assign(_task, candidates, view) {
    let best = -1;
    let bestSpeed = -Infinity;
    for (let i = 0; i < candidates.size; i++) {
      const a = candidates.ids[i] as number;
      const speed = view.speed(a);
      if (speed > bestSpeed || (speed === bestSpeed && a < best)) {
        best = a;
        bestSpeed = speed;
      }
    }
    return best;
  },
});

// `round-robin`: spreads work evenly by agent id — each assignment goes to the
// shortlisted agent with the smallest id after the previous pick (wrapping
// around). A load-balancing heuristic that ignores skill, price and speed: a
// baseline for assignment (MODEL.md §3 step 2; paper §4.2).

import type { PolicyFactory } from './policy.js';

export const roundRobin: PolicyFactory = () => {
  let last = -1;
  return {
    name: 'round-robin',
    assign(_task, candidates) {
      let after = -1;
      let lowest = -1;
      for (let i = 0; i < candidates.size; i++) {
        const a = candidates.ids[i] as number;
        if (a > last && (after < 0 || a < after)) after = a;
        if (lowest < 0 || a < lowest) lowest = a;
      }
      last = after >= 0 ? after : lowest;
      return last;
    },
  };
};

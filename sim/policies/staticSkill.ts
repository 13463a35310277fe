// `static-skill`: the shortlisted agent with the best advertised skill level
// for the task's skill (ties to the lower id). The paper's "static heuristic"
// (§1, §4.2; MODEL.md §3 step 2): it matches on credentials and never learns
// from outcomes, so it cannot tell a skilled but unreliable agent from a
// reliable one.

import type { PolicyFactory } from './policy.js';

export const staticSkill: PolicyFactory = () => ({
  name: 'static-skill',
  assign(_task, candidates, view) {
    let best = -1;
    let bestLevel = -Infinity;
    for (let i = 0; i < candidates.size; i++) {
      const a = candidates.ids[i] as number;
      const level = view.slotSkillLevel(candidates.slots[i] as number);
      if (level > bestLevel || (level === bestLevel && a < best)) {
        best = a;
        bestLevel = level;
      }
    }
    return best;
  },
});

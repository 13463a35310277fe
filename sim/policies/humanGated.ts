// `human-gated`: delegation with a human in the loop above a criticality
// threshold (paper §5.1; MODEL.md §7). Assignment is static-skill (best
// advertised skill level); every delegation of a task at or above
// `threshold` criticality waits for an overseer's approval (scenario section
// `oversight` sets how many overseers, their span and fatigue). Whatever the
// scenario's oversight.mode, this policy's threshold decides.
//
// Parameters (scenario `policyParams`; declared by humanGatedParams below):
//   threshold  criticality in [0, 1] at or above which a human approves (default 0.6)

import { readPolicyParams, type PolicyFactory } from './policy.js';
import { staticSkill } from './staticSkill.js';
import { unit } from '../scenario/fields.js';

/** human-gated's parameters (see the header). */
export const humanGatedParams = {
  threshold: unit().default(0.6),
};

export const humanGated: PolicyFactory = (context) => {
  const { threshold } = readPolicyParams(humanGatedParams, context.params);
  const base = staticSkill(context);
  return {
    name: 'human-gated',
    assign: base.assign,
    needsApproval: (task, view) => view.taskCriticality(task) >= threshold,
  };
};

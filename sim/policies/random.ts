// `random`: a uniformly random capable agent with room. The no-information
// baseline: any policy worth using must beat it (MODEL.md §3 step 2; paper
// §4.2).

import type { PolicyFactory } from './policy.js';

export const random: PolicyFactory = ({ rng }) => ({
  name: 'random',
  assign: (_task, candidates) => candidates.ids[Math.floor(rng() * candidates.size)] as number,
});

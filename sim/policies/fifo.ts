// `fifo`: the M/M/c policy. The world already hands the oldest ready task to
// assignment first (backlog order); fifo gives it to the first agent of the
// shortlist, which for identical agents is the classic first-come,
// first-served multi-server queue that validates the engine against Erlang C.
// Assignment (MODEL.md §3 step 2) at its simplest; no paper section of its
// own: it is the queueing-theory baseline.

import type { PolicyFactory } from './policy.js';

export const fifo: PolicyFactory = () => ({
  name: 'fifo',
  assign: (_task, candidates) => candidates.ids[0] as number,
});

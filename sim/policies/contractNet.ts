// `contract-net`: a decentralized market (paper §4.2, §4.4; MODEL.md §6).
// Each ready task is announced to the shortlist (RFQ); every candidate bids a
// fee, an ETA, a claimed success chance and a bond; the delegator awards the
// contract, which pays the agreed fee on delivery and nothing on default —
// and a defaulter forfeits its bond (market.bond × the agreed fee) and pays
// the difference when the task is re-auctioned (World.stopAttempt, bookAward)
// — once the replacement contract takes effect; if the goal ends first, there
// is no replacement fee and so no difference to pay.
// Strategic (overconfident) agents overstate their success chance. The
// delegator discounts a claim by what it has seen: it believes
//   p̂ = min(claimed, trust + 0.5 / √(1 + evidence))
// so a stranger's claim is taken almost at face value and a liar's is cut
// down as evidence accumulates — which is how liars lose market share.
// Award rules:
//   lowest-price       the cheapest bid
//   expected-utility   max p̂ · V − fee, V = valueBase + criticality × lossPerCriticality
//   second-price       the expected-utility winner, paid the second-best bid's fee
//                      (a Vickrey-style rule that rewards bidding true costs)
//
// Parameters (scenario `policyParams`; declared by contractNetParams below):
//   award      'expected-utility' (default) | 'lowest-price' | 'second-price'
//   valueBase  credits a success is worth beyond the avoided loss, ≥ 0 (default 10)

import { z } from 'zod';
import { readPolicyParams, type PolicyFactory } from './policy.js';
import type { PolicyView } from './policyView.js';
import { nonNegative } from '../scenario/fields.js';

const AWARDS = ['expected-utility', 'lowest-price', 'second-price'] as const;

/** contract-net's parameters (see the header). */
export const contractNetParams = {
  award: z.enum(AWARDS).default('expected-utility'),
  valueBase: nonNegative().default(10),
};

/** What the delegator believes of candidate i's claim. */
function believed(task: number, agent: number, i: number, view: PolicyView): number {
  const claimed = view.bidConfidence[i] as number;
  const slack = 0.5 / Math.sqrt(1 + view.trustEvidence(task, agent) + view.reputationCount(task, agent));
  return Math.min(claimed, view.trust(task, agent) + slack);
}

export const contractNet: PolicyFactory = ({ params }) => {
  const { award, valueBase } = readPolicyParams(contractNetParams, params);
  // The fee of the last award, looked up by agreedFee right after assign.
  let awardedFee = NaN;

  return {
    name: 'contract-net',
    negotiation: 'auction',
    assign(task, candidates, view) {
      const value = valueBase + view.taskCriticality(task) * view.lossPerCriticality;
      let best = -1;
      let bestScore = -Infinity;
      let bestFee = NaN;
      let secondScore = -Infinity;
      let secondFee = NaN; // the runner-up's fee, for second-price
      for (let i = 0; i < candidates.size; i++) {
        const a = candidates.ids[i] as number;
        const fee = view.bidPrice[i] as number;
        const score = award === 'lowest-price' ? -fee : believed(task, a, i, view) * value - fee;
        if (score > bestScore) {
          secondScore = bestScore;
          secondFee = bestFee;
          best = a;
          bestScore = score;
          bestFee = fee;
        } else if (score > secondScore) {
          secondScore = score;
          secondFee = fee;
        }
      }
      awardedFee = award === 'second-price' && !Number.isNaN(secondFee) ? Math.max(bestFee, secondFee) : bestFee;
      return best;
    },
    agreedFee: () => awardedFee,
  };
};

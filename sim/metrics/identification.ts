// How soon delegators find out bad and adversarial agents (MODEL.md §4, §8;
// paper §4.6, §4.9): per (agent, skill) identity that got work, whether and
// when a delegator's trust became confidently low (World.observe sets
// identifiedAt). A sybil's whitewash ends an identity and starts a new one in
// the same slot, so the world closes each old identity into the tally before
// resetting the slot; summarize adds the identities still open at the end.

import { Behaviour, type AgentTable } from '../model/agents.js';

export class IdentificationTally {
  /** Identities whose hidden reliability is below trust.badBelow that got work, how many were identified, and the summed minutes to it. */
  bad = 0;
  badIdentified = 0;
  badMinutes = 0;
  /** The same for identities of adversarial agents (shirkers and worse). */
  adversarial = 0;
  adversariesIdentified = 0;
  adversaryMinutes = 0;

  /** Counts skill slot k's identity: first given work at `firstAssigned` (NaN: never), identified at `identifiedAt` (NaN: never). */
  add(agents: AgentTable, k: number, badBelow: number, firstAssigned: number, identifiedAt: number): void {
    if (Number.isNaN(firstAssigned)) return;
    const seen = !Number.isNaN(identifiedAt);
    const minutes = identifiedAt - firstAssigned;
    if ((agents.behaviour[agents.slotAgent[k] as number] as number) >= Behaviour.Shirker) {
      this.adversarial++;
      if (seen) {
        this.adversariesIdentified++;
        this.adversaryMinutes += minutes;
      }
    }
    if ((agents.skillReliability[k] as number) >= badBelow) return;
    this.bad++;
    if (seen) {
      this.badIdentified++;
      this.badMinutes += minutes;
    }
  }

  copy(): IdentificationTally {
    return Object.assign(new IdentificationTally(), this);
  }
}

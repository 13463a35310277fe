// Event counters the world increments as things happen, over the
// measurement window: World.startCounting zeroes them when the first counted
// goal arrives (warm-up deletion by time). Each is a plain number so the hot
// path pays one increment; summarize.ts turns them into metrics.

/** Zeroes every number-valued field of a counters object (the window opens). */
export function zeroCounters(counters: object): void {
  const fields = counters as Record<string, unknown>;
  for (const key of Object.keys(fields)) if (typeof fields[key] === 'number') fields[key] = 0;
}

export class RunCounters {
  reset(): void {
    zeroCounters(this);
  }

  // Failure and adaptation.
  /** External triggers that hit a goal still in flight. */
  cancellations = 0;
  deadlineChanges = 0;
  reassignments = 0;
  irreversibleFailures = 0;
  escalations = 0;
  adjustments = 0;
  redecompositions = 0;
  budgetOverruns = 0;
  /** A task handed back to the agent it had two assignments ago (A → B → A). */
  oscillations = 0;
  /** Agent-minutes and fees of attempts stopped before delivering. */
  wastedMinutes = 0;
  wastedFees = 0;

  // Monitoring.
  monitorObservations = 0;
  stalls = 0;
  stallsCaughtByMonitoring = 0;
  stallsTimedOut = 0;
  /** Sum of minutes from a stall's start to its detection (monitoring or timeout). */
  stallDetectionMinutes = 0;
  sloBreachesActedOn = 0;

  // Verification and settlement.
  verifications = 0;
  defectsCaught = 0;
  defectsMissed = 0;
  falseRejections = 0;
  /** Silent defects still in place when their goal ended: never caught by verification. */
  defectsUndetected = 0;
  latentDiscovered = 0;

  // Adversaries (MODEL.md §8).
  attacks = 0;
  attacksSucceeded = 0;
  attacksFoiled = 0;
  /** Harm traced to adversaries: backdoor harm and defective deliveries whose defect was planted. */
  adversaryDamage = 0;
  whitewashes = 0;
  fakeRatings = 0;
  falseReports = 0;
  /**
   * Reputation farming, counted only when the population has farmers
   * (World.countHighStakes): attempts of high-stakes tasks (above
   * adversaries.farmEasyMax) started, those started on farmers and on honest
   * agents, and Σ (reputation − true success chance) over each of the two.
   */
  highStakesStarts = 0;
  highStakesToFarmers = 0;
  highStakesToHonest = 0;
  farmerOverratingSum = 0;
  honestOverratingSum = 0;

  // Human oversight (MODEL.md §7).
  approvalRequests = 0;
  approvals = 0;
  approvalRejections = 0;
  approvalDelayMinutes = 0;
  badDelegationsReviewed = 0;
  rubberStamps = 0;
  humanTasks = 0;
  reservedForHumans = 0;

  // Markets (MODEL.md §6).
  awards = 0;
  awardsToLiars = 0;
  /** Awards in the current sampling interval (for the liars' market share series). */
  intervalAwards = 0;
  intervalAwardsToLiars = 0;
  pricePaid = 0;
  /** The lowest bid on offer at each award: what a price-only centralized optimum would pay. */
  priceLowest = 0;
  defaults = 0;
  defaulterPayments = 0;
  /** Bonds (market.bond × agreed fee) defaulters forfeited to the delegator. */
  bondsForfeited = 0;
  negotiations = 0;
  negotiationMinutes = 0;

  // Monoculture (MODEL.md §8).
  /** Most running attempts interrupted by one event (agents taken down by a crash or a family shock). */
  peakInterrupted = 0;
  /** Σ over samples in the window of the Herfindahl index of running work over families, and the sample count. */
  concentrationSum = 0;
  concentrationSamples = 0;

  // Trust.
  overDelegations = 0;
  underDelegations = 0;
  brierSum = 0;
  brierCount = 0;
}

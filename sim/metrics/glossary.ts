// The metrics glossary: unit and meaning of every metric a run reports. The
// CLI prints units from here and the README's glossary is written from it,
// so the two cannot drift apart.

export interface MetricInfo {
  unit: string;
  description: string;
}

export const GLOSSARY: Record<string, MetricInfo> = {
  goalsArrived: { unit: 'goals', description: 'goals that arrived, warm-up included' },
  goalsCounted: { unit: 'goals', description: 'goals after warm-up that reached a terminal state' },
  goalsCompleted: { unit: 'goals', description: 'counted goals delivered (correct or defective)' },
  goalsCorrect: { unit: 'goals', description: 'counted goals delivered with a correct deliverable' },
  goalsDefective: { unit: 'goals', description: 'counted goals delivered with a defective deliverable (a silent defect reached a sink task)' },
  goalsFailed: { unit: 'goals', description: 'counted goals abandoned: a task failed beyond the retry limit or irreversibly' },
  goalsCancelled: { unit: 'goals', description: 'counted goals cancelled by an external trigger' },
  goalsInFlight: { unit: 'goals', description: 'goals still open when the run stopped (horizon or event limit)' },
  accuracy: { unit: 'share', description: 'goalsCorrect / goalsCounted' },
  meanWait: { unit: 'min', description: 'mean time from a task becoming ready to its start, over every start' },
  meanMakespan: { unit: 'min', description: 'mean goal arrival → delivery time of completed goals' },
  p50Makespan: { unit: 'min', description: 'median makespan of completed goals' },
  p95Makespan: { unit: 'min', description: '95th percentile makespan of completed goals' },
  p99Makespan: { unit: 'min', description: '99th percentile makespan of completed goals' },
  throughput: { unit: 'goals/min', description: 'counted goals ended per minute of the measurement window' },
  utilization: { unit: 'share', description: 'time-average busy capacity / total capacity over the window' },
  meanBacklog: { unit: 'tasks', description: 'time-average number of ready tasks waiting for an agent' },
  taskStarts: { unit: 'starts', description: 'task attempts started for counted goals' },
  failures: { unit: 'attempts', description: 'visible failures (crash, refusal, timeout), warm-up included' },
  costFees: { unit: 'credits', description: 'delegatee fees: intrinsic task cost + price per minute × minutes worked, per attempt' },
  costOverhead: { unit: 'credits', description: 'decomposition and coordination overhead' },
  costHarm: { unit: 'credits', description: 'losses from irreversible failures and delivered defects, criticality-weighted' },
  costTotal: { unit: 'credits', description: 'costFees + costOverhead + costHarm' },
  costPerGoal: { unit: 'credits/goal', description: 'costTotal / goalsCounted' },
  simMinutes: { unit: 'min', description: 'simulated time at the end of the run' },
  windowMinutes: { unit: 'min', description: 'length of the measurement window (after warm-up)' },
  events: { unit: 'events', description: 'events handled by the engine' },
  wallSeconds: { unit: 's', description: 'wall-clock time of the run (the only non-deterministic metric)' },
};

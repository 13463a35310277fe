// A full picture of a few goals, for the run explorer's cascade view: each
// task of the goal's DAG with its skill, final state, defect and the silent
// defect it descends from, who did it and when — captured when the goal ends.

export interface TaskTrace {
  /** Node index within the goal (edges refer to these). */
  node: number;
  skill: string;
  /** TaskState name at the end of the goal. */
  state: string;
  defective: boolean;
  /** Node whose silent defect this task's defect descends from, or -1. */
  defectOrigin: number;
  /** The agent its delegator last gave it to — in a sub-delegation chain the first hop, which answers for it — or -1. */
  agent: number;
  family: string;
  attempts: number;
  start: number;
  criticality: number;
  verifiability: number;
}

export interface GoalTrace {
  seq: number;
  template: string;
  arrival: number;
  end: number;
  /** GoalState name. */
  state: string;
  tasks: TaskTrace[];
  /** (from, to) node pairs: the output of `from` is an input of `to`. */
  edges: [number, number][];
}

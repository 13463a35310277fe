// A plan is the shape of one goal's task DAG (MODEL.md §1, §3 step 1; paper
// §4.1): nodes with a required skill and successor edges, stored once and
// shared by every goal of the same shape. Tasks of a goal occupy a contiguous block of
// task ids, so task id = goal's first task + node index, and the DAG costs no
// per-goal edge storage.

export interface PlanNode {
  /** Skill id the node's task requires. */
  skill: number;
  /** Which step of the goal template the node belongs to (whose characteristics it draws on). */
  step: number;
  /** Share of the step's duration and intrinsic cost the node carries. */
  share: number;
  /** Decomposition splits above the node (complexity shrinks per split). */
  splits: number;
  /** Contract-first verifiability gains applied to the node. */
  gains: number;
}

export class Plan {
  readonly size: number;
  readonly skill: Int32Array;
  readonly step: Int32Array;
  readonly share: Float64Array;
  readonly splits: Int32Array;
  readonly gains: Int32Array;
  /** Number of inputs each node waits for. */
  readonly inputs: Int32Array;
  /** CSR successors: node i feeds succ[succStart[i] .. succStart[i+1]). */
  readonly succStart: Int32Array;
  readonly succ: Int32Array;
  /** CSR predecessors: node i consumes pred[predStart[i] .. predStart[i+1]) (a redo re-reads its inputs). */
  readonly predStart: Int32Array;
  readonly pred: Int32Array;
  /** Nodes whose output is the goal's deliverable (no successors). */
  readonly sinks: Int32Array;
  /** Longest path in nodes from an input-free node to a sink. */
  readonly depth: number;

  constructor(
    readonly id: number,
    nodes: readonly PlanNode[],
    edges: ReadonlyArray<readonly [from: number, to: number]>,
    /** Decomposition splits in the plan (each costs overhead). */
    readonly splitCount = 0,
  ) {
    const n = nodes.length;
    this.size = n;
    this.skill = new Int32Array(n);
    this.step = new Int32Array(n);
    this.share = new Float64Array(n);
    this.splits = new Int32Array(n);
    this.gains = new Int32Array(n);
    // A loop, not Int32Array.from with closures made per plan (bench/README.md, "Parallel workers").
    for (let i = 0; i < n; i++) {
      const node = nodes[i]!;
      this.skill[i] = node.skill;
      this.step[i] = node.step;
      this.share[i] = node.share;
      this.splits[i] = node.splits;
      this.gains[i] = node.gains;
    }
    this.inputs = new Int32Array(n);
    const outCount = new Int32Array(n);
    for (const [from, to] of edges) {
      outCount[from]!++;
      this.inputs[to]!++;
    }
    this.succStart = new Int32Array(n + 1);
    for (let i = 0; i < n; i++) this.succStart[i + 1] = (this.succStart[i] as number) + (outCount[i] as number);
    this.succ = new Int32Array(edges.length);
    const fill = this.succStart.slice(0, n);
    // Edges in (from, to) order so successor order is deterministic.
    const sorted = [...edges].sort(byFromThenTo);
    for (const [from, to] of sorted) this.succ[fill[from]!++] = to;
    this.predStart = new Int32Array(n + 1);
    for (let i = 0; i < n; i++) this.predStart[i + 1] = (this.predStart[i] as number) + (this.inputs[i] as number);
    this.pred = new Int32Array(edges.length);
    const fillPred = this.predStart.slice(0, n);
    for (const [from, to] of sorted) this.pred[fillPred[to]!++] = from; // in order of `from`, like the contamination draws of complete()
    const sinks: number[] = [];
    for (let i = 0; i < n; i++) if (outCount[i] === 0) sinks.push(i);
    this.sinks = Int32Array.from(sinks);
    this.depth = longestPath(this);
  }
}

/** Longest chain of nodes (Kahn's order; the schema guarantees no cycles). */
function longestPath(plan: Plan): number {
  const n = plan.size;
  const left = plan.inputs.slice();
  const len = new Int32Array(n).fill(1);
  const queue: number[] = [];
  for (let i = 0; i < n; i++) if (left[i] === 0) queue.push(i);
  let best = n > 0 ? 1 : 0;
  for (let q = 0; q < queue.length; q++) {
    const i = queue[q]!;
    for (let k = plan.succStart[i]!; k < plan.succStart[i + 1]!; k++) {
      const j = plan.succ[k]!;
      len[j] = Math.max(len[j]!, len[i]! + 1);
      best = Math.max(best, len[j]!);
      if (--left[j]! === 0) queue.push(j);
    }
  }
  return best;
}

function byFromThenTo(x: readonly [number, number], y: readonly [number, number]): number {
  return x[0] - y[0] || x[1] - y[1];
}

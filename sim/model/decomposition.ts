// Decomposition (MODEL.md §3 step 1; paper §4.1, and §4.3 for the complexity
// floor): how one step of a goal becomes a tree of tasks. Strategies:
//  - none: the step runs as one task;
//  - fixed: split `depth` times into `fanOut` children, in parallel or in
//    sequence;
//  - contract-first: split only until each leaf's verifiability reaches the
//    threshold — each split raises it, v' = v + gain·(1 − v) — up to maxDepth;
// and the complexity floor lets low-criticality, low-uncertainty, short steps
// skip the protocol entirely.
//
// Shape of a split node: its children do the work and an integration task
// (same skill as the node) consumes their outputs and delivers the node's
// result. In a parallel split every child feeds the integration task; in a
// sequential one each child feeds the next and the last feeds it. Defects
// therefore flow through integration tasks: that is where cascades travel.
//
// Simplifications, chosen to keep the mechanism readable:
//  - a split is uniform: every branch of a step has the same depth, because
//    all leaves of a step share its sampled verifiability;
//  - work is conserved across children (each does 1/fanOut of its parent)
//    and each integration task adds INTEGRATION_WORK of its node's work;
//  - each split makes children simpler: complexity × COMPLEXITY_PER_SPLIT;
//  - each split costs `overheadCost` credits (the contract negotiation),
//    booked to the goal's overhead when the goal is created.

import { powInt } from '../engine/detMath.js';
import type { Scenario } from '../scenario/schema.js';

export const INTEGRATION_WORK = 0.1;
export const COMPLEXITY_PER_SPLIT = 0.75;

export type Decomposition = Scenario['decomposition'];

/** One node of an expanded step, before it is placed into a goal's plan. */
export interface ExpandedNode {
  /** Index into the subtask skill list (children), or -1 for the step's own skill. */
  subtaskSkill: number;
  /** Share of the step's duration (and intrinsic cost) this node carries. */
  share: number;
  /** Splits above this node: complexity × COMPLEXITY_PER_SPLIT^splits. */
  splits: number;
  /** Contract-first verifiability gains applied (0 for fixed / integration). */
  gains: number;
  /** True for the integration task of a split node. */
  integration: boolean;
}

export interface ExpandedStep {
  nodes: ExpandedNode[];
  /** Edges (from, to) between node indices of this step. */
  edges: [number, number][];
  /** Nodes with no input inside the step: they wait for the step's dependencies. */
  entries: number[];
  /** The node that delivers the step's result. */
  exit: number;
  /** Number of split (integration) nodes: each costs overheadCost. */
  splits: number;
}

/** Whether the complexity floor lets a step with these sampled traits skip decomposition. */
export function belowFloor(d: Decomposition, criticality: number, uncertainty: number, duration: number): boolean {
  const floor = d.complexityFloor;
  return (
    floor !== undefined &&
    criticality <= floor.maxCriticality &&
    uncertainty <= floor.maxUncertainty &&
    duration <= floor.maxDuration
  );
}

/** Verifiability after `gains` contract-first splits. */
export function verifiabilityAfter(v: number, gain: number, gains: number): number {
  return 1 - (1 - v) * powInt(1 - gain, gains);
}

/** How many times to split a step with these sampled traits. */
export function splitDepth(
  d: Decomposition,
  criticality: number,
  uncertainty: number,
  duration: number,
  verifiability: number,
): number {
  if (d.strategy === 'none' || belowFloor(d, criticality, uncertainty, duration)) return 0;
  if (d.strategy === 'fixed') return d.depth;
  let depth = 0;
  while (depth < d.maxDepth && verifiabilityAfter(verifiability, d.verifiabilityGain, depth) < d.verifiabilityThreshold) depth++;
  return depth;
}

/**
 * Expands one step into its task tree for a split depth.
 * `contractFirst` says whether leaves gain verifiability per split.
 */
export function expandStep(depth: number, fanOut: number, sequential: boolean, contractFirst: boolean): ExpandedStep {
  const tree: Expansion = { nodes: [], edges: [], splits: 0, fanOut, sequential, contractFirst };
  const { entries, exit } = expandNode(tree, depth, 1, 0, -1);
  return { nodes: tree.nodes, edges: tree.edges, entries, exit, splits: tree.splits };
}

/** The tree being expanded, and how. */
interface Expansion {
  nodes: ExpandedNode[];
  edges: [number, number][];
  splits: number;
  readonly fanOut: number;
  readonly sequential: boolean;
  readonly contractFirst: boolean;
}

// A module function, not a closure made per call of expandStep
// (bench/README.md, "Parallel workers").
function expandNode(tree: Expansion, remaining: number, share: number, level: number, subtaskSkill: number): { entries: number[]; exit: number } {
  const { nodes, edges, fanOut } = tree;
  if (remaining === 0) {
    nodes.push({ subtaskSkill, share, splits: level, gains: tree.contractFirst ? level : 0, integration: false });
    const id = nodes.length - 1;
    return { entries: [id], exit: id };
  }
  tree.splits++;
  const children: { entries: number[]; exit: number }[] = [];
  for (let i = 0; i < fanOut; i++) children.push(expandNode(tree, remaining - 1, share / fanOut, level + 1, i));
  nodes.push({ subtaskSkill, share: share * INTEGRATION_WORK, splits: level, gains: 0, integration: true });
  const integration = nodes.length - 1;
  if (tree.sequential) {
    for (let i = 0; i + 1 < children.length; i++) for (const e of children[i + 1]!.entries) edges.push([children[i]!.exit, e]);
    edges.push([children[children.length - 1]!.exit, integration]);
    return { entries: children[0]!.entries, exit: integration };
  }
  for (const child of children) edges.push([child.exit, integration]);
  return { entries: children.flatMap((c) => c.entries), exit: integration };
}

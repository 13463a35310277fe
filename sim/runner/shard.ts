// Sharding an experiment over machines (DESIGN.md: "distributed: … --shard
// i/N + merge"): shard i of N runs the replications r (counted from 0) with
// r mod N = i − 1 — every point and every policy of those seeds. So each
// shard is itself a valid, smaller experiment: its summary.json already has
// paired comparisons under common random numbers, and `delegsim merge`
// joins the shards into the results directory an unsharded run would have
// written, byte for byte (runs are deterministic; timings.csv aside).
//
// Why by replication and not by run index: a shard holding all policies of a
// seed can be compared on its own, and N shards of R replications differ in
// size by at most one replication.

import { placeOf, runCount, type ExperimentPlan } from './plan.js';

/** Shard `index` (from 0) of `count`. */
export interface Shard {
  index: number;
  count: number;
}

/** How a shard is written on the command line and in manifests: 1-based, `i/N`. */
export function shardLabel(shard: Shard): string {
  return `${shard.index + 1}/${shard.count}`;
}

/**
 * Parses `i/N` (1 ≤ i ≤ N). Returns undefined for anything else, so the
 * caller can word the error for its context.
 *
 * @example
 * parseShard('2/4'); // { index: 1, count: 4 }
 */
export function parseShard(text: string): Shard | undefined {
  const match = /^(\d{1,7})\/(\d{1,7})$/.exec(text.trim());
  if (!match) return undefined;
  const i = Number(match[1]);
  const n = Number(match[2]);
  if (i < 1 || n < 1 || i > n) return undefined;
  return { index: i - 1, count: n };
}

/** Whether run `index` of the plan belongs to the shard (every run does without one). */
export function inShard(plan: ExperimentPlan, shard: Shard | undefined, index: number): boolean {
  return shard === undefined || placeOf(plan, index).replication % shard.count === shard.index;
}

/** Number of the plan's runs in the shard (all of them without one). */
export function shardRunCount(plan: ExperimentPlan, shard: Shard | undefined): number {
  if (shard === undefined) return runCount(plan);
  const replications = Math.floor((plan.replications - 1 - shard.index) / shard.count) + 1;
  return Math.max(0, replications) * plan.points.length * plan.policies.length;
}

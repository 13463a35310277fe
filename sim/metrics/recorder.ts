// The run's recorder (DESIGN.md style rule 8; MODEL.md §9): the model writes
// here, analysis reads from here. Three kinds of record:
//  - one row per finished goal (columns), for goals that arrived after warm-up;
//  - one wait per task start (ready → start), for the same goals;
//  - exact time integrals of backlog length and busy capacity, plus a sampled
//    time series for charts.
// Warm-up: goals numbered below `warmupGoals` are simulated but not counted,
// and the integrals start when the first counted goal arrives.
//
// Why the warm-up runs the same code as the measured part: V8 optimizes the
// world's handlers within the first few thousand events, long before the
// first counted goal. Code that first runs at that boundary — an `if
// (counted)` branch, or a field that held a small integer and now takes a
// double — makes every optimized handler that touches it deoptimize and
// recompile (on the M/M/c run, ~0.1 s of slow code and ~0.5 s of compiler
// time). So the world writes warm-up goals to a scratch Recorder that nobody
// reads, the integrals accumulate from the start and are reset when the
// window opens, and the fractional fields start out as doubles.

import { Float64Column } from '../util/columns.js';
import { GoalLog } from './goalLog.js';

export const SERIES_FIELDS = ['time', 'backlog', 'busy', 'inFlight', 'completed', 'failures', 'agentsDown', 'trustError', 'humanSkill', 'liarShare'] as const;
export type SeriesField = (typeof SERIES_FIELDS)[number];

export class Recorder {
  /** One row per counted goal, written when it ends. */
  readonly goals: GoalLog;
  /** Ready → start wait of each task start of a counted goal, in start order. */
  readonly waits: Float64Column;
  /** Size of each cascade (tasks made defective by one silent defect, itself included) in counted goals. */
  readonly cascades = new Float64Column(1024);
  /** Busy slots per model family at each sample, sample-major: busyByFamily[sample * families + family]. */
  readonly busyByFamily = new Float64Column(1024);

  /**
   * @param expectedGoals rows to reserve up front (the horizon's goal count,
   *   when known), so long runs do not pay for repeated doubling.
   */
  constructor(
    expectedGoals = 1024,
    readonly families = 1,
  ) {
    const rows = Math.max(16, Math.min(expectedGoals, 1 << 24));
    this.goals = new GoalLog(rows);
    this.waits = new Float64Column(rows);
  }

  // Time integrals over [windowStart, last integrate call]. NaN until the
  // window opens. The fractional fields are created holding NaN, so V8 stores
  // them as doubles from the start (see the header), and zeroed in openWindow.
  windowStart = NaN;
  private lastTime = NaN;
  private lastBacklog = 0;
  private lastBusy = 0;
  backlogArea = NaN;
  busyArea = NaN;

  readonly series: Record<SeriesField, Float64Column> = {
    time: new Float64Column(256),
    backlog: new Float64Column(256),
    busy: new Float64Column(256),
    inFlight: new Float64Column(256),
    completed: new Float64Column(256),
    failures: new Float64Column(256),
    agentsDown: new Float64Column(256),
    trustError: new Float64Column(256),
    humanSkill: new Float64Column(256),
    liarShare: new Float64Column(256),
  };

  /**
   * (Re)starts the integrals at `now` with the current levels. The world
   * calls it at the start, at every warm-up arrival and at the first counted
   * one (`counted`), which opens the measurement window for good — the same
   * call every time, so the boundary runs no new code.
   */
  openWindow(now: number, backlog: number, busy: number, counted: boolean): void {
    this.windowStart = counted ? now : NaN;
    this.lastTime = now;
    this.lastBacklog = backlog;
    this.lastBusy = busy;
    this.backlogArea = 0;
    this.busyArea = 0;
  }

  /**
   * Accumulates the integrals up to `now` with the levels that held since the
   * previous call, then records the new levels. Call it whenever the backlog
   * length or the busy count changes.
   */
  integrate(now: number, backlog: number, busy: number): void {
    const dt = now - this.lastTime;
    this.backlogArea += dt * this.lastBacklog;
    this.busyArea += dt * this.lastBusy;
    this.lastTime = now;
    this.lastBacklog = backlog;
    this.lastBusy = busy;
  }

  /** End of the measurement window. */
  get windowEnd(): number {
    return this.lastTime;
  }

  sample(
    time: number,
    backlog: number,
    busy: number,
    inFlight: number,
    completed: number,
    failures: number,
    agentsDown: number,
    busyByFamily: ArrayLike<number>,
    trustError: number,
    humanSkill: number,
    liarShare: number,
  ): void {
    const s = this.series;
    s.time.push(time);
    s.backlog.push(backlog);
    s.busy.push(busy);
    s.inFlight.push(inFlight);
    s.completed.push(completed);
    s.failures.push(failures);
    s.agentsDown.push(agentsDown);
    s.trustError.push(trustError);
    s.humanSkill.push(humanSkill);
    s.liarShare.push(liarShare);
    for (let f = 0; f < this.families; f++) this.busyByFamily.push(busyByFamily[f] as number);
  }
}

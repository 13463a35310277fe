// Goal arrival processes (MODEL.md §1; no paper section of its own: the paper
// does not say how goals arrive): a homogeneous Poisson process, a
// piecewise-constant rate schedule (optionally repeating, e.g. a daily
// pattern), or a recorded trace of arrival times. All draw from the
// `arrivals` stream only, so arrivals are identical across policies.

import { log } from '../engine/detMath.js';
import type { Rng } from '../engine/random.js';
import type { Scenario } from '../scenario/schema.js';

export interface ArrivalProcess {
  /** Time of the next arrival after `now` (the previous arrival), Infinity when none remain. */
  next(now: number, rng: Rng): number;
  /** Long-run mean rate in goals per minute, used to size sampling intervals. */
  readonly meanRate: number;
}

class PoissonArrivals implements ArrivalProcess {
  constructor(readonly meanRate: number) {}
  next(now: number, rng: Rng): number {
    return now - log(1 - rng()) / this.meanRate;
  }
}

/**
 * Non-homogeneous Poisson by inversion of the cumulative rate: draw a unit
 * exponential E and walk forward through segments until their integrated rate
 * covers E. Exact, and one uniform per arrival.
 */
class ScheduleArrivals implements ArrivalProcess {
  readonly meanRate: number;
  private readonly period: number;

  constructor(
    private readonly ends: number[],
    private readonly rates: number[],
    private readonly repeat: boolean,
  ) {
    this.period = ends[ends.length - 1]!;
    let area = 0;
    let start = 0;
    ends.forEach((end, i) => {
      area += (end - start) * rates[i]!;
      start = end;
    });
    this.meanRate = area / this.period;
  }

  next(now: number, rng: Rng): number {
    let need = -log(1 - rng());
    let t = now;
    for (let guard = 0; guard < 1_000_000; guard++) {
      const cycle = this.repeat ? Math.floor(t / this.period) : 0;
      const local = t - cycle * this.period;
      if (!this.repeat && local >= this.period) return Infinity;
      const i = this.ends.findIndex((end) => local < end);
      const segEnd = cycle * this.period + this.ends[i]!;
      const rate = this.rates[i]!;
      const room = (segEnd - t) * rate;
      if (room >= need) return t + need / rate;
      need -= room;
      t = segEnd;
    }
    return Infinity;
  }
}

class TraceArrivals implements ArrivalProcess {
  private i = 0;
  readonly meanRate: number;
  constructor(private readonly times: readonly number[]) {
    const span = times.length > 0 ? times[times.length - 1]! : 0;
    this.meanRate = span > 0 ? times.length / span : 1;
  }
  next(): number {
    return this.i < this.times.length ? this.times[this.i++]! : Infinity;
  }
}

export function createArrivals(spec: Scenario['arrivals']): ArrivalProcess {
  switch (spec.process) {
    case 'poisson':
      return new PoissonArrivals(spec.rate);
    case 'schedule':
      return new ScheduleArrivals(
        spec.segments.map((s) => s.until),
        spec.segments.map((s) => s.rate),
        spec.repeat ?? false,
      );
    case 'trace':
      // A trace named by `file` is read by the Node loader; without it (e.g. in the browser) there are no times.
      if (!spec.times) throw new Error(`arrivals.file: the trace '${spec.file}' was not loaded (load scenarios with loadScenario, or give arrivals.times inline)`);
      return new TraceArrivals(spec.times);
  }
}

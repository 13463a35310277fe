// Closed-form queueing results used to validate the simulator: the M/M/c
// (Erlang C) waiting time. Reference: Kleinrock, Queueing Systems Vol. 1, §3.5.

/**
 * Erlang C: probability that an arrival waits, for arrival rate λ, service
 * rate μ per server and c servers (requires λ < cμ).
 */
export function erlangC(lambda: number, mu: number, c: number): number {
  const a = lambda / mu; // offered load in Erlangs
  const rho = a / c;
  if (!(rho < 1)) throw new RangeError(`erlangC: needs λ < cμ, got λ=${lambda}, μ=${mu}, c=${c}`);
  // Sum a^k/k! for k < c, computed by a running term to avoid overflow.
  let term = 1;
  let sum = 1;
  for (let k = 1; k < c; k++) {
    term *= a / k;
    sum += term;
  }
  const last = (term * a) / c / (1 - rho); // a^c / c! / (1 − ρ)
  return last / (sum + last);
}

/** Mean wait in queue of an M/M/c system: Wq = C(c, a) / (cμ − λ). */
export function mmcMeanWait(lambda: number, mu: number, c: number): number {
  return erlangC(lambda, mu, c) / (c * mu - lambda);
}

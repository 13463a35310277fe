// Deterministic math: exp, expm1, log, log1p, sin, cos and powers computed
// with plain IEEE double arithmetic only, so every JavaScript engine returns
// the same bits.
//
// Why: ECMAScript specifies + − × ÷, Math.sqrt and rounding exactly, but
// leaves Math.exp, log, cos, sin, pow (and `**`) "implementation-approximated".
// Engines do differ in the last bit (Node 20's V8 and Chromium 156's V8 round
// exp, log, cos and pow differently on some inputs), so a RunSpec simulated in
// the dashboard's Web Workers gave a different RunResult hash from the CLI's.
// Everything in sim/ that can change a simulation result or a summary number
// calls these functions instead of Math.*.
//
// Algorithms (the classic fdlibm designs, written out from the mathematics;
// polynomial coefficients are Taylor coefficients 1/n! and 2/(2j+1), rounded
// to double by the division in the source, so nothing is an opaque constant;
// polynomials are evaluated by Estrin's scheme for a short dependency chain):
// - exp: x = k·ln2 + r, |r| ≤ ln2/2, with ln2 split into a 32-bit head (k·head
//   and x − k·head are exact) and a tail; e^r = 1 + r + r²·Σ r^(n−2)/n! to
//   n = 13, the 1 + r summed with its rounding error kept (Fast2Sum), then
//   scaled by 2^k in at most two exact steps so a subnormal result is rounded
//   once.
// - expm1: the same reduction; e^r − 1 as a double-double (r² exact by
//   Dekker's product), then (2^k − 1) + 2^k·(e^r − 1) summed with TwoSum.
// - log: x = 2^k·m, m in [√2/2, √2), f = m − 1, s = f/(2+f);
//   log(1+f) = f − f²/2 + s·(f²/2 + R), R = Σ 2s^(2j)/(2j+1) (j ≤ 11), the
//   large terms k·ln2_head + f − f²/2 (f² exact) summed with their rounding
//   errors kept before the small terms are added.
// - log1p: 1 + x rounded, its rounding error c recovered exactly, then log's
//   kernel on the rounded value plus c/(1+x).
// - sin, cos: Cody–Waite reduction by π/2 (a 33 + 33 + 53-bit split of π/2,
//   the reduced argument kept as a double-double) for |x| < 2^19·π/2, and an
//   exact reduction with BigInt against 1,200 bits of 2/π (computed once, on
//   first need, from Machin's formula) beyond that or when the fast reduction
//   cancels too many bits; Taylor kernels to x^17 (sin) and x^18 (cos) on
//   |r| ≤ π/4, with the cos kernel's 1 − r²/2 evaluated exactly.
// - powInt: square-and-multiply. pow: the same for integer exponents to 64,
//   otherwise exp(y·log x) — deterministic, but its error grows with |y·log x|
//   (about |y·log x| ulp), so use it only where the last bits do not matter.
//
// Measured accuracy: the largest error against correctly rounded values
// (mpmath at 200 bits) over 350,000–800,000 seeded inputs per function,
// uniform and log-uniform over the ranges the simulator uses and beyond:
//   exp   [−745, 709.78]                  0.64 ulp (0.77 for subnormal results)
//   expm1 [−40, 709], ±[1e-300, 1]        0.63 ulp
//   log   (0, ∞), subnormals included     0.63 ulp
//   log1p (−1, 1e300]                     0.65 ulp
//   sin   |x| ≤ 2π, ≤ 1e6, up to 1e300    0.81 ulp
//   cos   the same and Box–Muller's 2π·U  0.81 ulp
// so each result is one of the two doubles around the true value, as are
// Node's Math.*: the two never differ by more than 1 ulp (detMath.test.ts).
//
// Speed: a few dozen flops and no allocation; per call about 1.2× (cos),
// 1.5× (log) and 1.8× (exp) the time of Node 20's Math.* in a tight loop. No
// module-level variable is written on the hot paths (V8 makes those writes
// expensive). The BigInt reduction only runs for |x| ≥ 823,550 or x within
// ~2^-55·n of n·π/2.

// ------------------------------------------------------------------ bits

const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);
// Index of the high (sign, exponent) word: 1 on little-endian machines.
const HI = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1 ? 1 : 0;
const LO = 1 - HI;

// POW2[k + 1074] = 2^k for k in [−1074, 1023], each exact (halving and
// doubling are exact down to the smallest subnormal). A lookup is cheaper than
// assembling the bits, which stalls on the mixed 32/64-bit store and load.
const POW2 = new Float64Array(2098);
POW2[1074] = 1;
for (let k = 1; k <= 1023; k++) POW2[1074 + k] = 2 * POW2[1073 + k]!;
for (let k = 1; k <= 1074; k++) POW2[1074 - k] = 0.5 * POW2[1075 - k]!;

const TWO54 = 18014398509481984; // 2^54

/** y·2^k for integer k in [−2000, 2046], with a single rounding (only when the result is subnormal). */
function scale(y: number, k: number): number {
  if (k > 1023) return y * POW2[2097]! * POW2[k + 51]!;
  if (k < -1022) return y * POW2[k + 2074]! * POW2[74]!; // 2^(k+1000), then 2^-1000
  return y * POW2[k + 1074]!;
}

// Dekker's split: a = splitHigh(a) + (a − splitHigh(a)) with both halves of
// 26 bits, so products of halves are exact and a·b's rounding error can be
// computed without FMA. Pure functions, not a module-level "second return
// value": V8 inlines these, while writes to module variables cost as much as
// the arithmetic.
const SPLIT = 134217729; // 2^27 + 1

function splitHigh(a: number): number {
  const t = SPLIT * a;
  return t - (t - a);
}

/** The exact rounding error of p = a·b (inputs well inside the exponent range). */
function productError(a: number, b: number, p: number): number {
  const ah = splitHigh(a);
  const al = a - ah;
  const bh = splitHigh(b);
  const bl = b - bh;
  return ah * bh - p + ah * bl + al * bh + al * bl;
}

/** The exact rounding error of z = x·x. */
function squareError(x: number, z: number): number {
  const xh = splitHigh(x);
  const xl = x - xh;
  return xh * xh - z + 2 * xh * xl + xl * xl;
}

// ------------------------------------------------------------------ constants

// ln 2 = LN2_HI + LN2_LO; LN2_HI has 32 significant bits, so k·LN2_HI is
// exact for |k| < 2^21.
const LN2_HI = 2977044471 / 4294967296;
const LN2_LO = 1.9082149292705877e-10;
const INV_LN2 = 1.4426950408889634;
const HALF_LN2 = 0.34657359027997264;
const SQRT2 = 1.4142135623730951;

// π/2 = PIO2_1 + PIO2_2 + PIO2_3 (+ ~1e-37): the first two have 33 bits, so
// n·PIO2_1 and n·PIO2_2 are exact for n < 2^20.
const PIO2_1 = 6746518852 / 4294967296;
const PIO2_2 = 2242054355 / 36893488147419103232;
const PIO2_3 = 2.0222662487959506e-21;
// π/2 as a double-double, for the exact reduction.
const PIO2_H = 1.5707963267948966;
const PIO2_L = 6.123233995736766e-17;
const PIO4 = 0.7853981633974483;
const TWO_OVER_PI = 0.6366197723675814;
const MEDIUM = 823549.6; // 2^19·π/2: below it n ≤ 2^19 and Cody–Waite applies
const TWO_M27 = 7.450580596923828e-9; // 2^-27
const TWO_M55 = 2.7755575615628914e-17; // 2^-55

// ------------------------------------------------------------------ exp

/**
 * e^x, measured within 0.64 ulp of the correctly rounded value, the same
 * bits on every engine. exp(−Infinity) = 0, exp(Infinity) = Infinity,
 * exp(NaN) = NaN.
 *
 * @example
 * ```ts
 * exp(1); // 2.718281828459045
 * ```
 */
export function exp(x: number): number {
  if (x > -708 && x < 709) {
    // The common case: 2^k and the result are normal, the scaling exact.
    const k = Math.floor(x * INV_LN2 + 0.5);
    return expReduced(x, k) * POW2[k + 1074]!;
  }
  if (!(x > -746)) return x === x ? 0 : x; // −Infinity and below e^-746 < 2^-1075 → 0; NaN
  if (x > 709.8) return Infinity;
  const k = Math.floor(x * INV_LN2 + 0.5);
  return scale(expReduced(x, k), k);
}

// e^(x − k·ln2) for k = round(x/ln2), in [√2/2, √2].
function expReduced(x: number, k: number): number {
  const hi = x - k * LN2_HI; // exact
  const lo = k * LN2_LO;
  const r = hi - lo;
  const rc = hi - r - lo; // r + rc = hi − lo to well below an ulp of r
  // e^r − 1 − r = r²·(1/2! + r/3! + … + r^11/13!), by Estrin's scheme.
  const r2 = r * r;
  const r4 = r2 * r2;
  const q =
    r2 *
    (1 / 2 +
      r * (1 / 6) +
      r2 * (1 / 24 + r * (1 / 120)) +
      r4 *
        (1 / 720 +
          r * (1 / 5040) +
          r2 * (1 / 40320 + r * (1 / 362880)) +
          r4 * (1 / 3628800 + r * (1 / 39916800) + r2 * (1 / 479001600 + r * (1 / 6227020800)))));
  const s = 1 + r;
  const e = 1 - s + r; // exact: 1 + r = s + e
  return s + (e + (q + rc * s));
}

// ------------------------------------------------------------------ expm1

/**
 * e^x − 1, accurate also for tiny x (where exp(x) − 1 cancels), measured
 * within 0.63 ulp. expm1(−Infinity) = −1; the sign of zero is kept.
 *
 * @example
 * ```ts
 * expm1(1e-10); // 1.00000000005e-10
 * ```
 */
export function expm1(x: number): number {
  if (x === 0 || x !== x) return x;
  if (x > 40) return exp(x); // the −1 is below 2^-57 of the result
  if (x < -38) return -1; // e^x < 2^-54: −1 + e^x rounds to −1
  let k = 0;
  let r = x;
  let rc = 0;
  if (Math.abs(x) > HALF_LN2) {
    k = Math.floor(x * INV_LN2 + 0.5);
    const hi = x - k * LN2_HI;
    const lo = k * LN2_LO;
    r = hi - lo;
    rc = hi - r - lo;
  }
  // p = e^(r + rc) − 1 = r + r²/2 + r³·(1/3! + … + r^10/13!) + rc·e^r, as ph + pl.
  const sq = r * r;
  const sqLo = squareError(r, sq);
  const h = sq * 0.5;
  const r4 = sq * sq;
  const c =
    r *
    sq *
    (1 / 6 +
      r * (1 / 24) +
      sq * (1 / 120 + r * (1 / 720)) +
      r4 *
        (1 / 5040 +
          r * (1 / 40320) +
          sq * (1 / 362880 + r * (1 / 3628800)) +
          r4 * (1 / 39916800 + r * (1 / 479001600) + sq * (1 / 6227020800))));
  const ph = r + h;
  const pl = r - ph + h + (sqLo * 0.5 + c + rc * (1 + r)); // r − ph + h is exact (Fast2Sum, |r| ≥ h)
  if (k === 0) return ph + pl;
  // (2^k − 1) + 2^k·ph + 2^k·pl, with the rounding errors of the first sums kept.
  const two = POW2[k + 1074]!;
  const a = two - 1;
  let bv = a - two;
  const ae = two - (a - bv) + (-1 - bv);
  const b = two * ph;
  const s = a + b;
  bv = s - a;
  const se = a - (s - bv) + (b - bv);
  return s + (se + ae + two * pl);
}

// ------------------------------------------------------------------ log

// Shared by log and log1p: log(x) + tail for a positive finite x (normal or
// subnormal). x = 2^k·m with m in [√2/2, √2), f = m − 1 (exact), and
// log(m) = f − f²/2 + s·(f²/2 + R) with s = f/(2+f); the large terms
// k·LN2_HI + f − f²/2 are summed with their rounding errors kept (k·LN2_HI
// and f² exact) before the small ones are added.
function logPositive(x: number, tail: number): number {
  let v = x;
  let k = 0;
  F64[0] = v;
  if (U32[HI]! < 0x00100000) {
    v *= TWO54; // subnormal: normalise first
    F64[0] = v;
    k = -54;
  }
  const e = (U32[HI]! >>> 20) - 1023;
  let m = v * POW2[1074 - e]!; // in [1, 2), exact
  k += e;
  if (m > SQRT2) {
    m *= 0.5;
    k += 1;
  }
  const f = m - 1;
  const s = f / (2 + f);
  const z = s * s;
  // R = Σ_{j=1..11} 2·s^(2j)/(2j+1), by Estrin's scheme (a shorter dependency chain than Horner's).
  const z2 = z * z;
  const z4 = z2 * z2;
  const R =
    z *
    (2 / 3 +
      z * (2 / 5) +
      z2 * (2 / 7 + z * (2 / 9)) +
      z4 * (2 / 11 + z * (2 / 13) + z2 * (2 / 15 + z * (2 / 17)) + z4 * (2 / 19 + z * (2 / 21) + z2 * (2 / 23))));
  const sq = f * f;
  const hfsq = 0.5 * sq;
  const hfsqLo = 0.5 * squareError(f, sq);
  // Fast2Sum twice: |hi| ≥ |f| unless hi = 0, and |hi + f| ≥ f²/2.
  const hi = k * LN2_HI;
  const a = hi + f;
  const ae = hi - a + f;
  const b = a - hfsq;
  const be = a - b - hfsq;
  return b + (ae + be + (s * (hfsq + R) - hfsqLo + (k * LN2_LO + tail)));
}

/**
 * Natural logarithm, measured within 0.63 ulp of the correctly rounded value,
 * the same bits on every engine. log(0) = −Infinity, log(x < 0) = NaN, log(1) = +0.
 *
 * @example
 * ```ts
 * log(Math.E); // 1
 * ```
 */
export function log(x: number): number {
  if (!(x > 0)) return x === 0 ? -Infinity : NaN;
  if (x === Infinity) return x;
  return logPositive(x, 0);
}

/**
 * log(1 + x), accurate also for tiny x, measured within 0.65 ulp. log1p(−1) =
 * −Infinity, log1p(x < −1) = NaN; the sign of zero is kept.
 *
 * @example
 * ```ts
 * log1p(1e-10); // 9.9999999995e-11
 * ```
 */
export function log1p(x: number): number {
  if (!(x > -1)) return x === -1 ? -Infinity : NaN;
  if (x === 0 || x === Infinity) return x;
  const u = 1 + x;
  // The rounding error of 1 + x, exactly (Fast2Sum, larger operand first).
  const c = x > 1 ? 1 - (u - x) : x - (u - 1);
  // log(u + c) = log(u) + c/u to far below an ulp (|c/u| ≤ 2^-53).
  return logPositive(u, c / u);
}

// ------------------------------------------------------------------ sin, cos

// sin(x + y) for |x| ≤ ~π/4, |y| ≤ ~ulp(x): x + x³·S(x²) + y·cos x.
function kernelSin(x: number, y: number): number {
  const z = x * x;
  const z2 = z * z;
  const z4 = z2 * z2;
  const t =
    x *
    z *
    (-1 / 6 +
      z * (1 / 120) +
      z2 * (-1 / 5040 + z * (1 / 362880)) +
      z4 * (-1 / 39916800 + z * (1 / 6227020800) + z2 * (-1 / 1307674368000 + z * (1 / 355687428096000))));
  return x + (t + y * (1 - 0.5 * z));
}

// cos(x + y) for |x| ≤ ~π/4: 1 − x²/2 (x² exact, the subtraction's error
// kept) + x⁴·C(x²) − x·y.
function kernelCos(x: number, y: number): number {
  const z = x * x;
  const zLo = squareError(x, z);
  const hz = 0.5 * z;
  const w = 1 - hz;
  const we = 1 - w - hz; // exact (Fast2Sum, hz ≤ 1)
  const z2 = z * z;
  const z4 = z2 * z2;
  const t =
    z2 *
    (1 / 24 +
      z * (-1 / 720) +
      z2 * (1 / 40320 + z * (-1 / 3628800)) +
      z4 * (1 / 479001600 + z * (-1 / 87178291200) + z2 * (1 / 20922789888000 + z * (-1 / 6402373705728000))));
  return w + (we + (t - 0.5 * zLo - x * y));
}

// For ax ≥ π/4: ax = n·π/2 + (RED[0] + RED[1]), |RED[0] + RED[1]| ≲ π/4;
// returns n mod 4. A typed array carries the double-double out: its element
// stores are cheap, unlike writes to module variables.
const RED = new Float64Array(2);

function reduce(ax: number): number {
  if (ax < MEDIUM) {
    // Cody–Waite: n·PIO2_1 and n·PIO2_2 are exact, and so is ax − n·PIO2_1.
    const n = Math.floor(ax * TWO_OVER_PI + 0.5);
    const y0 = ax - n * PIO2_1;
    const t1 = n * PIO2_2;
    const r1 = y0 - t1;
    let bv = r1 - y0;
    const e1 = y0 - (r1 - bv) + (-t1 - bv); // TwoSum
    const t2 = e1 - n * PIO2_3;
    const rh = r1 + t2;
    bv = rh - r1;
    // The error is about n·2^-117; keep it below 2^-62 relative, else reduce exactly.
    if (Math.abs(rh) >= n * TWO_M55) {
      RED[0] = rh;
      RED[1] = r1 - (rh - bv) + (t2 - bv);
      return n & 3;
    }
  }
  return reduceExact(ax);
}

// ⌊2/π·2^1200⌋ as a BigInt, from Machin's formula π/4 = 4·atan(1/5) − atan(1/239).
const FRACTION_BITS = 1200;
let twoOverPiFixed: bigint | undefined;

function twoOverPiBits(): bigint {
  if (twoOverPiFixed === undefined) {
    const w = BigInt(FRACTION_BITS + 64);
    const atanInv = (m: bigint): bigint => {
      let term = (1n << w) / m;
      const m2 = m * m;
      let sum = 0n;
      for (let k = 0n; term !== 0n; k++) {
        sum += (k & 1n ? -term : term) / (2n * k + 1n);
        term /= m2;
      }
      return sum;
    };
    const piFixed = 16n * atanInv(5n) - 4n * atanInv(239n); // π·2^w, error < 2^13
    twoOverPiFixed = (1n << (BigInt(FRACTION_BITS + 1) + w)) / piFixed;
  }
  return twoOverPiFixed;
}

const TWO_M160 = 1 / 1.461501637330903e48; // 2^-160 (the literal is 2^160 exactly)

// Payne–Hanek in BigInt: ax = M·2^E exactly, ax·2/π = M·T·2^(E−1200) with an
// absolute error below 2^-170, whose integer part mod 4 is the quadrant and
// whose fraction times π/2 is the reduced argument.
function reduceExact(ax: number): number {
  F64[0] = ax;
  const hw = U32[HI]!;
  const lw = U32[LO]!;
  const mant = (BigInt(hw & 0x000fffff | 0x00100000) << 32n) | BigInt(lw); // ax ≥ π/4 is normal
  const e = (hw >>> 20) - 1075;
  const shift = BigInt(FRACTION_BITS - e); // ≥ 229
  const z = mant * twoOverPiBits();
  let q = z >> shift;
  let rem = z - (q << shift);
  if (rem >= 1n << (shift - 1n)) {
    q += 1n;
    rem -= 1n << shift;
  }
  // The fraction (in [−1/2, 1/2]) to 160 bits, as a double-double.
  const top = rem >> (shift - 160n);
  const fa = Number(top);
  const fb = Number(top - BigInt(fa));
  const fh = fa * TWO_M160;
  const fl = fb * TWO_M160;
  // (fh + fl)·π/2 as a double-double.
  const ph = fh * PIO2_H;
  const pl = productError(fh, PIO2_H, ph) + (fh * PIO2_L + fl * PIO2_H);
  const rh = ph + pl;
  RED[0] = rh;
  RED[1] = ph - rh + pl;
  return Number(q & 3n);
}

/**
 * Sine, measured within 0.81 ulp of the correctly rounded value for every
 * finite x, the same bits on every engine. sin(±Infinity) = NaN; the sign of zero is kept.
 *
 * @example
 * ```ts
 * sin(Math.PI / 6); // 0.49999999999999994
 * ```
 */
export function sin(x: number): number {
  const ax = Math.abs(x);
  if (ax <= PIO4) return ax < TWO_M27 ? x : kernelSin(x, 0);
  if (!(ax < Infinity)) return NaN;
  const n = reduce(ax); // sin is odd: reduce |x|, then restore the sign
  const rh = RED[0]!;
  const rl = RED[1]!;
  const v = n === 0 ? kernelSin(rh, rl) : n === 1 ? kernelCos(rh, rl) : n === 2 ? -kernelSin(rh, rl) : -kernelCos(rh, rl);
  return x < 0 ? -v : v;
}

/**
 * Cosine, measured within 0.81 ulp of the correctly rounded value for every
 * finite x, the same bits on every engine. cos(±Infinity) = NaN.
 *
 * @example
 * ```ts
 * cos(2 * Math.PI * u); // Box–Muller's angle
 * ```
 */
export function cos(x: number): number {
  const ax = Math.abs(x);
  if (ax <= PIO4) return ax < TWO_M27 ? 1 : kernelCos(ax, 0);
  if (!(ax < Infinity)) return NaN;
  const n = reduce(ax); // cos is even
  const rh = RED[0]!;
  const rl = RED[1]!;
  return n === 0 ? kernelCos(rh, rl) : n === 1 ? -kernelSin(rh, rl) : n === 2 ? -kernelCos(rh, rl) : kernelSin(rh, rl);
}

// ------------------------------------------------------------------ powers

/**
 * x^n for an integer n ≥ 0 by square-and-multiply: exact whenever the
 * intermediate products are (integers below 2^53, powers of two), otherwise a
 * relative error of at most about n·2^-53. powInt(x, 0) = 1, as `x ** 0`.
 * Any other n (negative, fractional, NaN, infinite) is passed to {@link pow}.
 *
 * @example
 * ```ts
 * powInt(0.75, 3); // 0.421875
 * ```
 */
export function powInt(x: number, n: number): number {
  if (!(n >= 0 && n <= 9007199254740991 && Math.floor(n) === n)) return pow(x, n);
  return squareMultiply(x, n);
}

function squareMultiply(x: number, n: number): number {
  let result = 1;
  let base = x;
  for (let m = n; m > 0; m = Math.floor(m / 2)) {
    if (m % 2 === 1) result *= base;
    if (m > 1) base *= base;
  }
  return result;
}

/**
 * x^y with JavaScript's special cases (`x ** y`). Integer exponents up to 64
 * in magnitude go through square-and-multiply, exact when the products are
 * (2^10, 0.75^3, x²); any other exponent is exp(y·log x), whose error grows
 * with |y·log x| (about that many ulp): deterministic, but use it only where
 * the last bits of the value do not matter.
 *
 * @example
 * ```ts
 * pow(u, 1 / shape); // the gamma sampler's boost for shape < 1
 * ```
 */
export function pow(x: number, y: number): number {
  if (y === 0) return 1;
  if (x !== x || y !== y) return NaN;
  const ax = Math.abs(x);
  if (Number.isInteger(y) && Math.abs(y) <= 64) {
    if (y > 0) return squareMultiply(x, y);
    const v = 1 / squareMultiply(x, -y);
    // 0 and ±Infinity are exact only for x = 0 or ±Infinity; otherwise x^-y over- or underflowed on the way.
    if ((v !== 0 && Math.abs(v) !== Infinity) || ax === 0 || ax === Infinity) return v;
  }
  if (y === Infinity || y === -Infinity) return ax === 1 ? NaN : ax > 1 === y > 0 ? Infinity : 0;
  // From here y is finite; an integer y here is even when |y| ≥ 2^53.
  const oddNegative = (x < 0 || 1 / x === -Infinity) && y % 2 !== 0 && Number.isInteger(y);
  if (ax === 0 || ax === Infinity) {
    const big = ax === 0 ? y < 0 : y > 0;
    return oddNegative ? (big ? -Infinity : -0) : big ? Infinity : 0;
  }
  if (x < 0 && !Number.isInteger(y)) return NaN;
  const v = exp(y * log(ax));
  return oddNegative ? -v : v;
}

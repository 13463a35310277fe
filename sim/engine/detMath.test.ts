// Tests for the deterministic math functions: within 1 ulp of Node's Math.*
// on seeded random inputs over the ranges the simulator uses (and beyond),
// IEEE special values, known values, and pinned bit patterns so that any
// change of algorithm — which would change every simulation result — is
// noticed.
//
// Why 1 ulp against Math.*: both sides are faithfully rounded (each returns
// one of the two doubles around the true value), so they can differ by at
// most one ulp. The accuracy against correctly rounded values (≤ 0.81 ulp,
// measured with mpmath) is recorded in detMath.ts's header.

import { describe, expect, it } from 'vitest';
import { cos, exp, expm1, log, log1p, pow, powInt, sin } from './detMath.js';
import { createStream, type Rng } from './random.js';

const N = 100_000;

const F64 = new Float64Array(1);
const I64 = new BigInt64Array(F64.buffer);

/** The double's bits as a 64-bit integer, as 0x-prefixed hex. */
function bitsHex(x: number): string {
  F64[0] = x;
  return '0x' + BigInt.asUintN(64, I64[0]!).toString(16).padStart(16, '0');
}

/** Position on the number line in ulps: consecutive doubles differ by 1, and ±0 are both 0. */
function ordinal(x: number): bigint {
  F64[0] = x;
  const i = I64[0]!;
  return i < 0n ? -(i & 0x7fffffffffffffffn) : i;
}

/** How many doubles apart a and b are (0 when equal, also for two NaNs). */
function ulpDistance(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b) ? 0 : Infinity;
  const d = ordinal(a) - ordinal(b);
  return Number(d < 0n ? -d : d);
}

/** A double drawn with 53 random bits from `rng`, uniform in [lo, hi). */
const uniformIn = (rng: Rng, lo: number, hi: number): number => lo + (hi - lo) * (rng() + rng() * 2 ** -32);

/** A positive finite double with uniformly random bits: every binade equally likely, subnormals included. */
function anyPositive(rng: Rng): number {
  const hi = Math.floor(rng() * 0x7ff00000);
  const lo = Math.floor(rng() * 2 ** 32);
  F64[0] = 0;
  const u = new Uint32Array(F64.buffer);
  const little = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
  u[little ? 1 : 0] = hi;
  u[little ? 0 : 1] = lo;
  return F64[0];
}

/** The largest ulp distance between `mine` and `reference` over n inputs from `draw`, with the worst input. */
function maxUlp(mine: (x: number) => number, reference: (x: number) => number, draw: () => number, n = N): { ulps: number; at: number } {
  let worst = { ulps: 0, at: NaN };
  for (let i = 0; i < n; i++) {
    const x = draw();
    const d = ulpDistance(mine(x), reference(x));
    if (d > worst.ulps) worst = { ulps: d, at: x };
  }
  return worst;
}

describe('detMath', () => {
  describe('against Math.* on 100,000 seeded inputs per range', () => {
    const cases: [string, (x: number) => number, (x: number) => number, (rng: Rng) => number][] = [
      ['exp on [−745, 709.78]', exp, Math.exp, (r) => uniformIn(r, -745, 709.78)],
      ['exp on [−1, 1]', exp, Math.exp, (r) => uniformIn(r, -1, 1)],
      ['exp on subnormal results [−745.1, −708.4]', exp, Math.exp, (r) => uniformIn(r, -745.1, -708.4)],
      ['exp on ±[1e-300, 1] (tiny arguments)', exp, Math.exp, (r) => (r() < 0.5 ? -1 : 1) * 10 ** -uniformIn(r, 0, 300)],
      ['expm1 on [−40, 709]', expm1, Math.expm1, (r) => uniformIn(r, -40, 709)],
      ['expm1 on [−2, 2]', expm1, Math.expm1, (r) => uniformIn(r, -2, 2)],
      ['log on every positive binade, subnormals included', log, Math.log, anyPositive],
      ['log on (0, 1] (the −log(1 − U) draws)', log, Math.log, (r) => 1 - r()],
      ['log on [0.5, 2]', log, Math.log, (r) => uniformIn(r, 0.5, 2)],
      ['log1p on (−1, 1)', log1p, Math.log1p, (r) => uniformIn(r, -1, 1)],
      ['log1p on every positive binade', log1p, Math.log1p, anyPositive],
      ['cos on [−2π, 2π]', cos, Math.cos, (r) => uniformIn(r, -2 * Math.PI, 2 * Math.PI)],
      ['cos on Box–Muller angles 2π·U', cos, Math.cos, (r) => 2 * Math.PI * r()],
      ['cos on [−1e6, 1e6]', cos, Math.cos, (r) => uniformIn(r, -1e6, 1e6)],
      ['cos on huge arguments [1e6, 1e300]', cos, Math.cos, (r) => 10 ** uniformIn(r, 6, 300)],
      ['sin on [−2π, 2π]', sin, Math.sin, (r) => uniformIn(r, -2 * Math.PI, 2 * Math.PI)],
      ['sin on [−1e6, 1e6]', sin, Math.sin, (r) => uniformIn(r, -1e6, 1e6)],
      ['sin on huge arguments [1e6, 1e300]', sin, Math.sin, (r) => 10 ** uniformIn(r, 6, 300)],
    ];
    for (const [name, mine, reference, draw] of cases) {
      it(`${name.split(' ')[0]} is within 1 ulp of Math.${name}`, () => {
        const rng = createStream(2024, `detMath ${name}`);
        expect(maxUlp(mine, reference, () => draw(rng)).ulps).toBeLessThanOrEqual(1);
      });
    }

    it('sin and cos are within 1 ulp of Math.* next to multiples of π/2 (where the reduction cancels)', () => {
      const rng = createStream(2024, 'detMath near k·π/2');
      const near = (): number => {
        const k = 1 + Math.floor(rng() * 2000);
        const x = (k * Math.PI) / 2;
        const steps = Math.floor(rng() * 9) - 4;
        return x + steps * x * 2 ** -52;
      };
      expect(maxUlp(sin, Math.sin, near, 20_000).ulps).toBeLessThanOrEqual(1);
      expect(maxUlp(cos, Math.cos, near, 20_000).ulps).toBeLessThanOrEqual(1);
    });

    it('pow is exp(y·log x): within 64·|y·log x| + 2 ulp of Math.pow', () => {
      const rng = createStream(2024, 'detMath pow');
      for (let i = 0; i < 20_000; i++) {
        const x = uniformIn(rng, 1e-9, 1);
        const y = uniformIn(rng, 1, 20); // the gamma sampler's 1/shape for shape < 1
        const d = ulpDistance(pow(x, y), Math.pow(x, y));
        expect(d, `pow(${x}, ${y})`).toBeLessThanOrEqual(64 * Math.abs(y * Math.log(x)) + 2);
      }
    });
  });

  it('exp, log, log1p, expm1, sin and cos give the IEEE special values', () => {
    expect(exp(0)).toBe(1);
    expect(exp(-0)).toBe(1);
    expect(exp(Infinity)).toBe(Infinity);
    expect(exp(-Infinity)).toBe(0);
    expect(exp(NaN)).toBeNaN();
    expect(exp(709.79)).toBe(Infinity);
    expect(exp(-746)).toBe(0);
    expect(exp(-745.13)).toBe(5e-324);
    expect(exp(709.782712893384)).toBe(1.7976931348622732e308);

    expect(log(1)).toBe(0);
    expect(Object.is(log(1), 0)).toBe(true);
    expect(log(0)).toBe(-Infinity);
    expect(log(-0)).toBe(-Infinity);
    expect(log(-1)).toBeNaN();
    expect(log(Infinity)).toBe(Infinity);
    expect(log(NaN)).toBeNaN();
    expect(log(5e-324)).toBe(-744.4400719213812);
    expect(log(Number.MAX_VALUE)).toBe(709.782712893384);

    expect(Object.is(log1p(-0), -0)).toBe(true);
    expect(log1p(-1)).toBe(-Infinity);
    expect(log1p(-2)).toBeNaN();
    expect(log1p(Infinity)).toBe(Infinity);
    expect(log1p(1e-320)).toBe(1e-320);

    expect(Object.is(expm1(-0), -0)).toBe(true);
    expect(expm1(-Infinity)).toBe(-1);
    expect(expm1(Infinity)).toBe(Infinity);
    expect(expm1(-50)).toBe(-1);
    expect(expm1(1e-300)).toBe(1e-300);

    expect(Object.is(sin(-0), -0)).toBe(true);
    expect(sin(1e-300)).toBe(1e-300);
    expect(cos(-0)).toBe(1);
    expect(cos(1e-9)).toBe(1);
    for (const x of [Infinity, -Infinity, NaN]) {
      expect(sin(x)).toBeNaN();
      expect(cos(x)).toBeNaN();
    }
    expect(sin(-Math.PI)).toBe(-sin(Math.PI));
    expect(cos(-3)).toBe(cos(3));
  });

  it('pow and powInt follow `**` on special cases', () => {
    const cases: [number, number][] = [
      [NaN, 0], [2, NaN], [1, Infinity], [-1, -Infinity], [2, Infinity], [0.5, Infinity], [2, -Infinity],
      [0, 0.5], [0, -0.5], [-0, 3], [-0, -3], [-0, 65], [-0, -65], [-0, 0.5], [Infinity, -2], [-Infinity, 3],
      [-Infinity, 0.5], [-Infinity, -3], [-8, 1 / 3], [-2, 3], [-2, 63], [3, -2], [10, -400], [0.5, 2], [2, 10],
      [2, -1074], [0.5, -1074], [2, 1100], [0.5, 1100],
    ];
    for (const [x, y] of cases) expect(Object.is(pow(x, y), x ** y), `pow(${x}, ${y})`).toBe(true);
    expect(powInt(NaN, 0)).toBe(1);
    expect(powInt(-3, 3)).toBe(-27);
    expect(powInt(0.75, 3)).toBe(0.421875);
    expect(powInt(3, 33)).toBe(5559060566555523); // every product exact
    expect(powInt(2, 1024)).toBe(Infinity);
    expect(powInt(2, 0.5)).toBe(pow(2, 0.5)); // not an integer exponent: handed to pow
    expect(powInt(2, Infinity)).toBe(Infinity);
    for (let i = 0; i < 200; i++) {
      const x = -2 + i / 50;
      expect(powInt(x, 2)).toBe(x * x);
    }
  });

  it('exp, log, cos… give the correctly rounded value at known points', () => {
    expect(exp(1)).toBe(Math.E);
    expect(log(2)).toBe(Math.LN2);
    expect(log(10)).toBe(Math.LN10);
    expect(log(Math.E)).toBe(1);
    expect(log1p(1)).toBe(Math.LN2);
    expect(exp(Math.LN2)).toBe(2);
    expect(cos(Math.PI / 3)).toBe(0.5000000000000001); // the double π/3 is below π/3
    expect(sin(Math.PI / 6)).toBe(0.49999999999999994);
    expect(cos(Math.PI)).toBe(-1);
    expect(sin(Math.PI)).toBe(1.2246467991473532e-16); // π − double(π)
    expect(cos(Math.PI / 2)).toBe(6.123233995736766e-17);
    expect(sin(1e22)).toBe(-0.8522008497671888); // the classic hard case for argument reduction
    expect(expm1(1e-10)).toBe(1.00000000005e-10);
    expect(log1p(1e-10)).toBe(9.999999999500001e-11);
  });

  // The bit patterns every engine must produce. Each is also the correctly
  // rounded value (checked with mpmath at 300 bits), except pow(2, 0.5),
  // which is one ulp low: pow is exp(y·log x). If one of these changes, the
  // algorithm changed and so will every simulation result and output hash.
  it('exp, expm1, log, log1p, sin, cos, pow and powInt keep their pinned bit patterns', () => {
    const pins: [string, (x: number) => number, [number, string][]][] = [
      ['exp', exp, [[1, '0x4005bf0a8b145769'], [-1, '0x3fd78b56362cef38'], [0.5, '0x3ffa61298e1e069c'], [10, '0x40d5829dcf950560'], [-700.5, '0x00c4ff475c68ca02'], [1e-10, '0x3ff000000006df38'], [-740, '0x0000000000000055']]],
      ['expm1', expm1, [[1e-10, '0x3ddb7cdfd9dda4e3'], [0.25, '0x3fd22d78f0fa061a'], [1, '0x3ffb7e151628aed3'], [-1, '0xbfe43a54e4e98864'], [20, '0x41bceb088a68e804']]],
      ['log', log, [[2, '0x3fe62e42fefa39ef'], [10, '0x40026bb1bbb55516'], [0.1, '0xc0026bb1bbb55515'], [1.5, '0x3fd9f323ecbf984c'], [1e-300, '0xc085963447f87fb5'], [5e-324, '0xc0874385446d71c3'], [1e300, '0x4085963447f87fb5']]],
      ['log1p', log1p, [[1e-10, '0x3ddb7cdfd9d1d693'], [-0.5, '0xbfe62e42fefa39ef'], [0.25, '0x3fcc8ff7c79a9a22'], [3, '0x3ff62e42fefa39ef'], [1e300, '0x4085963447f87fb5']]],
      ['sin', sin, [[0.5, '0x3fdeaee8744b05f0'], [1, '0x3feaed548f090cee'], [2, '0x3fed18f6ead1b446'], [3, '0x3fc210386db6d55b'], [100, '0xbfe03425b78c4db8'], [1e6, '0xbfd6664b2568d867'], [1e22, '0xbfeb453ab76bf397']]],
      ['cos', cos, [[0.5, '0x3fec1528065b7d50'], [1, '0x3fe14a280fb5068c'], [2, '0xbfdaa22657537205'], [3, '0xbfefae04be85e5d2'], [100, '0x3feb981dbf665fdf'], [1e6, '0x3fedf9df9906d32c'], [1e22, '0x3fe0be2cef01c8f4']]],
      ['pow(x, 1/3)', (x) => pow(x, 1 / 3), [[0.5, '0x3fe965fea53d6e3d']]],
      ['pow(x, 0.5)', (x) => pow(x, 0.5), [[2, '0x3ff6a09e667f3bcc']]],
      ['pow(x, -2.5)', (x) => pow(x, -2.5), [[10, '0x3f69e7c6e43390b0']]],
      ['pow(x, 100)', (x) => pow(x, 100), [[0.3, '0x3513beceda168a93']]],
      ['powInt(x, 10)', (x) => powInt(x, 10), [[1.1, '0x4004bffc0c03023d']]],
      ['powInt(x, 7)', (x) => powInt(x, 7), [[1.959963984540054, '0x405bc6c508e07084']]],
    ];
    for (const [name, f, points] of pins) {
      for (const [x, want] of points) expect(bitsHex(f(x)), `${name} at ${x}`).toBe(want);
    }
  });
});

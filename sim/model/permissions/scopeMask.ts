// Permission scopes as bitmasks (MODEL.md §5; paper §4.7, §6.1). A scope is a
// (resource × operation) pair; a set of scopes is a 128-bit mask held in four
// 32-bit words, resource-major with four operations per resource:
//
//     bit = resource · 4 + operation      word = bit >>> 5
//
// so word w holds resources 8w … 8w + 7. A fixed Uint32 tuple keeps every set
// operation four integer instructions with no allocation (a BigInt would
// allocate on every operation), and lets the token table store masks in one
// flat column with stride 4.
//
// Simplifications: at most 32 resources and exactly four operations; scopes
// carry no constraints (amounts, rows, time windows) beyond their name.

/** The operations every resource has, in bit order. */
export const OPERATIONS = ['read', 'write', 'execute', 'delegate'] as const;
export type OperationName = (typeof OPERATIONS)[number];

/** Operation codes (the low two bits of a scope bit). */
export const Operation = { Read: 0, Write: 1, Execute: 2, Delegate: 3 } as const;
export type OperationCode = (typeof Operation)[keyof typeof Operation];

export const MAX_RESOURCES = 32;
export const MASK_WORDS = 4;
export const MAX_SCOPES = MAX_RESOURCES * OPERATIONS.length;

/** A set of scopes: exactly {@link MASK_WORDS} words. Create with {@link createMask}. */
export type ScopeMask = Uint32Array;

/** The delegate bit of every resource in a word (bit 3 of each nibble). */
export const DELEGATE_BITS = 0x88888888;

/**
 * The bit of scope (resource, operation).
 *
 * @example scopeBit(2, Operation.Write) // 9
 */
export function scopeBit(resource: number, operation: number): number {
  if (!Number.isInteger(resource) || resource < 0 || resource >= MAX_RESOURCES) {
    throw new RangeError(`resource must be an integer in [0, ${MAX_RESOURCES}), got ${resource}`);
  }
  if (!Number.isInteger(operation) || operation < 0 || operation >= OPERATIONS.length) {
    throw new RangeError(`operation must be an integer in [0, ${OPERATIONS.length}), got ${operation}`);
  }
  return resource * 4 + operation;
}

function checkBit(bit: number): void {
  if (!Number.isInteger(bit) || bit < 0 || bit >= MAX_SCOPES) {
    throw new RangeError(`scope bit must be an integer in [0, ${MAX_SCOPES}), got ${bit}`);
  }
}

/**
 * A new mask holding `bits` (empty by default).
 *
 * @example const m = createMask([scopeBit(0, Operation.Read), scopeBit(3, Operation.Write)]);
 */
export function createMask(bits: Iterable<number> = []): ScopeMask {
  const m = new Uint32Array(MASK_WORDS);
  for (const bit of bits) maskAdd(m, bit);
  return m;
}

/** A copy of `m`. */
export function cloneMask(m: ScopeMask): ScopeMask {
  return Uint32Array.from(m);
}

/** Adds `bit` to `m` in place and returns `m`. */
export function maskAdd(m: ScopeMask, bit: number): ScopeMask {
  checkBit(bit);
  m[bit >>> 5] = ((m[bit >>> 5] as number) | (1 << (bit & 31))) >>> 0;
  return m;
}

/** Removes `bit` from `m` in place and returns `m`. */
export function maskRemove(m: ScopeMask, bit: number): ScopeMask {
  checkBit(bit);
  m[bit >>> 5] = ((m[bit >>> 5] as number) & ~(1 << (bit & 31))) >>> 0;
  return m;
}

/** Whether `m` holds `bit` (false for bits outside the mask). */
export function maskHas(m: ScopeMask, bit: number): boolean {
  return bit >= 0 && bit < MAX_SCOPES && (((m[bit >>> 5] as number) >>> (bit & 31)) & 1) === 1;
}

/** out = a ∪ b; `out` may be `a` or `b`. Returns `out`. */
export function maskUnion(out: ScopeMask, a: ScopeMask, b: ScopeMask): ScopeMask {
  out[0] = (a[0] as number) | (b[0] as number);
  out[1] = (a[1] as number) | (b[1] as number);
  out[2] = (a[2] as number) | (b[2] as number);
  out[3] = (a[3] as number) | (b[3] as number);
  return out;
}

/** out = a ∩ b; `out` may be `a` or `b`. Returns `out`. */
export function maskIntersect(out: ScopeMask, a: ScopeMask, b: ScopeMask): ScopeMask {
  out[0] = (a[0] as number) & (b[0] as number);
  out[1] = (a[1] as number) & (b[1] as number);
  out[2] = (a[2] as number) & (b[2] as number);
  out[3] = (a[3] as number) & (b[3] as number);
  return out;
}

/** out = a \ b (in a, not in b); `out` may be `a` or `b`. Returns `out`. */
export function maskDifference(out: ScopeMask, a: ScopeMask, b: ScopeMask): ScopeMask {
  out[0] = (a[0] as number) & ~(b[0] as number);
  out[1] = (a[1] as number) & ~(b[1] as number);
  out[2] = (a[2] as number) & ~(b[2] as number);
  out[3] = (a[3] as number) & ~(b[3] as number);
  return out;
}

/** Whether every scope of `a` is in `b` (a ⊆ b). */
export function maskIsSubset(a: ScopeMask, b: ScopeMask): boolean {
  return (
    ((a[0] as number) & ~(b[0] as number)) === 0 &&
    ((a[1] as number) & ~(b[1] as number)) === 0 &&
    ((a[2] as number) & ~(b[2] as number)) === 0 &&
    ((a[3] as number) & ~(b[3] as number)) === 0
  );
}

export function maskEquals(a: ScopeMask, b: ScopeMask): boolean {
  return a[0] === b[0] && a[1] === b[1] && a[2] === b[2] && a[3] === b[3];
}

export function maskIsEmpty(m: ScopeMask): boolean {
  return ((m[0] as number) | (m[1] as number) | (m[2] as number) | (m[3] as number)) === 0;
}

/** Number of set bits in a 32-bit word (SWAR: no loop over bits). */
export function popcount32(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** Number of scopes in `m`. */
export function maskCount(m: ScopeMask): number {
  return popcount32(m[0] as number) + popcount32(m[1] as number) + popcount32(m[2] as number) + popcount32(m[3] as number);
}

/** The bits of `m` in increasing order. */
export function maskBits(m: ScopeMask): number[] {
  const bits: number[] = [];
  for (let w = 0; w < MASK_WORDS; w++) {
    let x = m[w] as number;
    while (x !== 0) {
      const low = 31 - Math.clz32(x & -x);
      bits.push(w * 32 + low);
      x = (x & (x - 1)) >>> 0;
    }
  }
  return bits;
}

/**
 * Every operation of each resource on which `word` holds the delegate
 * operation: per nibble, 0b1000 → 0b1111. Used to restrict what a holder may
 * pass on to the resources it may delegate.
 */
export function delegableWord(word: number): number {
  const d = (word & DELEGATE_BITS) >>> 0;
  return (d | (d >>> 1) | (d >>> 2) | (d >>> 3)) >>> 0;
}
